import DiscreteEvent
import Renovation

/// One milestone of a plan: P(met) over the replications, with its Wilson interval.
public struct MilestoneSummary: Codable, Sendable, Equatable {
    public var name: String
    public var date: CivilDate
    public var met: ProportionSummary

    /// Every milestone of `model`, from results that carry `milestonesMet`; nil when the plan has none.
    static func all(model: CompiledPlan, results: [ReplicationResult]) -> [MilestoneSummary]? {
        guard !model.milestones.isEmpty else { return nil }
        return model.milestones.indices.map { i in
            let met = results.filter { $0.milestonesMet.map { $0.indices.contains(i) && $0[i] } ?? false }.count
            return MilestoneSummary(name: model.milestones[i].name, date: model.milestones[i].date,
                                    met: ProportionSummary(successes: met, trials: results.count))
        }
    }
}
