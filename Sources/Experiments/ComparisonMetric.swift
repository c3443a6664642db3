import Renovation

/// The per-replication numbers a plan comparison pairs, in the order
/// reports list them: registry metrics (``Metric``), one index of an
/// indexed metric where it is one, named as the registry labels them.
public struct ComparisonMetric: Sendable, Equatable {
    public let metric: Metric
    /// Position and name of the index of an indexed metric.
    public let index: (position: Int, name: String)?

    init(_ metric: Metric, index: (Int, String)? = nil) {
        self.metric = metric
        self.index = index
    }

    /// The registry's label: `finish_days`, `wait_days[crew]`.
    public var name: String { metric.label(index?.name) }

    public func value(_ r: ReplicationResult, plan: CompiledPlan) -> Double {
        let values = metric.read(r, plan: plan)
        let i = index?.position ?? 0
        return i < values.count ? values[i] : .nan
    }

    public static func == (a: ComparisonMetric, b: ComparisonMetric) -> Bool { a.name == b.name }

    public static let finishDays = ComparisonMetric(.finishDays)
    /// 1 when the deadline was met, else 0: the mean difference is the change in P(deadline met).
    public static let deadlineMet = ComparisonMetric(.deadlineMet)
    public static let totalCost = ComparisonMetric(.totalCost)
    public static let householdDaysDisrupted = ComparisonMetric(.householdDaysDisrupted)
    /// Share of defect reports with someone on site within the service level (NaN without reports).
    public static let onSiteAttainment = ComparisonMetric(.attainment, index: (1, DefectOutcome.tiers[1]))
    public static let crewWaitDays = ComparisonMetric(.waitDays, index: (0, WaitsByCause.causes[0]))
    public static let peakSites = ComparisonMetric(.peakSites)

    /// 1 when milestone `i` was met, else 0: the mean difference is the change in its P(met).
    public static func milestones(_ plan: CompiledPlan) -> [ComparisonMetric] {
        plan.milestones.enumerated().map { ComparisonMetric(.milestoneMet, index: ($0, $1.name)) }
    }

    public static let allCases = [
        finishDays, deadlineMet, totalCost, householdDaysDisrupted, onSiteAttainment, crewWaitDays, peakSites,
    ]
}
