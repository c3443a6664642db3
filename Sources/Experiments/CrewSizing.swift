import Renovation
import DiscreteEvent

/// Finds a small crew mix that meets the deadline with a given probability
/// — "what do we need to do five years' work in three?"
///
/// The search evaluates every candidate on the same replications (common
/// random numbers, so candidates differ only by their crews):
///
/// 1. **Grow.** While P(finish ≤ deadline) is below the target, add crews
///    to the trade with the best gain per unit of crew cost (gain: the rise
///    in P, then the fall in mean lateness past the deadline as tie-break).
///    Steps are 10 % of the trade's crews (at least one).
/// 2. **Prune.** Remove crews, the most expensive saving first, as long as
///    the target still holds; steps shrink to single crews before stopping.
/// 3. **Confirm** the final mix on fresh replications (numbered from
///    `confirmOffset`), which the search never saw; if it falls short
///    there, grow again on them and confirm on another fresh set.
///
/// Crew cost is `cost_per_hour` per crew where the scenario gives costs,
/// else every crew counts one.
public struct CrewSizing: Sendable {
    public var target: Double
    public var searchReplications: Int
    public var confirmReplications: Int
    public var confirmOffset = 1_000_000
    public var maxEvaluations = 400

    public init(target: Double, searchReplications: Int = 60, confirmReplications: Int = 200) {
        self.target = target
        self.searchReplications = searchReplications
        self.confirmReplications = confirmReplications
    }

    public struct Evaluation: Codable, Sendable, Equatable {
        public var crews: [Int]
        public var deadlineMet: ProportionSummary
        public var meanLatenessDays: Double
        public var crewCost: Double
    }

    public struct Result: Codable, Sendable, Equatable {
        public var plan: String
        public var trades: [String]
        public var startingCrews: [Int]
        public var crews: [Int]
        public var target: Double
        /// P(deadline met) of the final mix on the search replications.
        public var searchEstimate: ProportionSummary
        /// … and on fresh replications.
        public var confirmed: ProportionSummary
        public var meetsTarget: Bool
        public var evaluations: Int
        public var simulations: Int
        /// Every mix tried, in order.
        public var path: [Evaluation]
        /// The status date the sizing forecast from (``PlanStatus``); nil (absent) from the programme's start.
        public var statusDate: CivilDate?
        /// The SHA-256 of that forecast's progress file (lowercase hex); nil (absent) without one.
        public var statusSha256: String?
    }

    public enum SizingError: Error, CustomStringConvertible {
        /// The plan is not in the scenario, or a crew mix breaks a scenario rule.
        case scenario(ScenarioError)
        case unreachable(crews: [Int], probability: Double)

        public var description: String {
            switch self {
            case .scenario(let error): return error.description
            case .unreachable(let crews, let p):
                return "no crew mix within the search budget reached the target; the last, \(crews), met the deadline in \(p * 100) % of replications"
            }
        }
    }

    /// Sizes the crews of `plan`. A mix that breaks a scenario rule (more
    /// crews than the validator allows) is refused with the validator's
    /// issues, each led by the mix.
    public func run(scenario valid: ValidScenario, plan: String, seed: UInt64, runner: ReplicationRunner,
                    status: PlanStatus? = nil) throws(SizingError) -> Result {
        let base: CompiledPlan
        do { base = try CompiledPlan(scenario: valid, plan: plan) } catch { throw .scenario(error) }
        let scenario = valid.scenario
        // The plan exists: compiling it found it.
        let planIndex = scenario.plans.firstIndex { $0.name == plan } ?? 0
        let crewCost = CrewCost(plan: base, status: status)
        let (trades, costs, minimum) = (crewCost.trades, crewCost.costs, crewCost.minimum)

        var cache: [[Int]: Evaluation] = [:]
        var path: [Evaluation] = []
        var simulations = 0

        func evaluate(_ crews: [Int], replications: Range<Int>, record: Bool = true) throws(SizingError) -> Evaluation {
            if record, let known = cache[crews] { return known }
            var s = scenario
            s.plans[planIndex].crews = OrderedMapping(zip(trades, crews).map { (key: $0, value: $1) })
            var model: CompiledPlan
            do throws(ScenarioError) {
                let mix = zip(trades, crews).map { "\($0) \($1)" }.joined(separator: ", ")
                model = try CompiledPlan(scenario: ScenarioValidator.validated(s, change: "crew sizing: the mix \(mix)"),
                                         plan: plan)
            } catch {
                throw .scenario(error)
            }
            if let status { model = model.forecasting(from: status) }
            let results = runner.run(model: model, seed: seed, replications: replications)
            simulations += results.count
            let lateness = results.map { max(0, $0.finishDays - model.deadlineHours / 24) }
            let evaluation = Evaluation(
                crews: crews,
                deadlineMet: ProportionSummary(successes: results.filter(\.deadlineMet).count, trials: results.count),
                meanLatenessDays: lateness.reduce(0, +) / Double(max(1, lateness.count)),
                crewCost: crewCost.cost(crews))
            if record {
                cache[crews] = evaluation
                path.append(evaluation)
            }
            return evaluation
        }
        let search = 0..<searchReplications

        var crews = crewCost.starting
        var current = try evaluate(crews, replications: search)

        // 1. Grow.
        func grow(on replications: Range<Int>) throws(SizingError) {
            while current.deadlineMet.estimate < target {
                guard path.count < maxEvaluations else {
                    throw .unreachable(crews: crews, probability: current.deadlineMet.estimate)
                }
                let gauge = CrewCost.Gauge(met: current.deadlineMet.estimate, lateness: current.meanLatenessDays)
                var tried: [[Int]: Evaluation] = [:]
                let step = try crewCost.growStep(crews, from: gauge) { (mixes: [[Int]]) throws(SizingError) -> [CrewCost.Gauge] in
                    var gauges: [CrewCost.Gauge] = []
                    for mix in mixes {
                        let e = try evaluate(mix, replications: replications)
                        tried[mix] = e
                        gauges.append(CrewCost.Gauge(met: e.deadlineMet.estimate, lateness: e.meanLatenessDays))
                    }
                    return gauges
                }
                guard let chosen = step.flatMap({ tried[$0.crews] }) else {
                    throw .unreachable(crews: crews, probability: current.deadlineMet.estimate)
                }
                crews = chosen.crews
                current = chosen
            }
        }
        try grow(on: search)

        // 2. Prune: largest saving first, coarse steps then single crews.
        crews = try crewCost.prune(crews, more: { path.count < maxEvaluations }) { (mixes: [[Int]]) throws(SizingError) -> [Bool] in
            var answers: [Bool] = []
            for mix in mixes { answers.append(try evaluate(mix, replications: search).deadlineMet.estimate >= target) }
            return answers
        }
        current = try evaluate(crews, replications: search)

        // 3. Confirm on replications the search never used. A mix tuned on
        // few replications can fall short on fresh ones: then grow again on
        // those, and confirm on a further fresh set (at most three rounds).
        var confirmed = current
        for round in 0..<3 {
            let fresh = (confirmOffset * (round + 1))..<(confirmOffset * (round + 1) + confirmReplications)
            confirmed = try evaluate(crews, replications: fresh, record: false)
            guard confirmed.deadlineMet.estimate < target, round < 2 else { break }
            current = confirmed
            try grow(on: fresh)
        }
        return Result(plan: plan, trades: trades, startingCrews: base.crews, crews: crews, target: target,
                      searchEstimate: current.deadlineMet, confirmed: confirmed.deadlineMet,
                      meetsTarget: confirmed.deadlineMet.estimate >= target,
                      evaluations: path.count, simulations: simulations, path: path, statusDate: status?.date,
                      statusSha256: status?.sha256)
    }
}
