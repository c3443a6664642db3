import Renovation
import Stochastic

/// One risk of the register over a run's replications: how often it
/// occurred against the probability declared (a check on the input), and
/// what it cost when it did. The run summary carries one per risk.
public struct RiskFrequency: Codable, Sendable, Equatable {
    public var name: String
    public var declaredProbability: Double
    /// Units of scope per replication the probability applies to.
    public var units: Int
    /// Occurrences ÷ (units × replications).
    public var observedProbability: Double
    public var meanOccurrences: Double
    /// Means per replication, over every replication (0 where it did not occur).
    public var meanDaysLost: Double
    public var meanCost: Double

    init(model: CompiledPlan, risk r: Int, results: [ReplicationResult]) {
        name = model.risks.risks[r].name
        declaredProbability = model.risks.risks[r].probability
        units = model.riskUnits(r)
        meanOccurrences = SampleSummary(results.map { Double($0.risks?.occurrences[r] ?? 0) }).mean
        observedProbability = units > 0 ? meanOccurrences / Double(units) : .nan
        meanDaysLost = SampleSummary(results.map { $0.risks?.daysLost[r] ?? 0 }).mean
        meanCost = SampleSummary(results.map { $0.risks?.cost[r] ?? 0 }).mean
    }

    /// One per risk of `model`'s register; nil without a register.
    static func all(model: CompiledPlan, results: [ReplicationResult]) -> [RiskFrequency]? {
        model.risks.isEmpty ? nil : model.risks.risks.indices.map { RiskFrequency(model: model, risk: $0, results: results) }
    }
}
