import DiscreteEvent
import Renovation

/// What the replications of one plan say, metric by metric: one
/// ``MetricRow`` per bounded metric of the registry (``Metric/all``) and
/// index, in the registry's order. Per-community and per-building figures
/// grow with the programme and are left to the files made for volume.
public struct PlanSummary: Codable, Sendable, Equatable {
    public var scenario: String
    public var plan: String
    public var seed: UInt64
    public var replications: Int
    public var start: CivilDate
    public var deadline: CivilDate
    /// The proportion metric `deadline_met` with its Wilson interval.
    public var deadlineMet: ProportionSummary
    /// Replications that did not finish within the horizon (stalled or too slow).
    public var unfinished: Int
    public var firstStall: String?
    public var metrics: [MetricRow]
    /// Each calendar year's budget; absent when unlimited.
    public var budgets: [YearBudget]
    /// Line-of-balance data; nil in files written before it existed.
    public var buildingProgress: BuildingProgress?
    /// Crew utilisation per trade and month; nil in files written before it existed.
    public var monthlyUtilisation: MonthlyUtilisation?
    /// P(met) per milestone; nil without `milestones` (absent from the file).
    public var milestones: [MilestoneSummary]?
    /// Per risk of the register: observed against declared probability, mean impact; nil without `risks`.
    public var risks: [RiskFrequency]?
    /// The status date a forecast started from (``PlanStatus``); nil (absent) for a run from the programme's start.
    public var statusDate: CivilDate?
    /// The SHA-256 of that forecast's progress file (lowercase hex); nil (absent) without one.
    public var statusSha256: String?

    public init(model: CompiledPlan, seed: UInt64, results: [ReplicationResult]) {
        scenario = model.scenarioName
        plan = model.planName
        self.seed = seed
        replications = results.count
        start = model.start
        deadline = model.deadline
        deadlineMet = ProportionSummary(successes: results.filter(\.deadlineMet).count, trials: results.count)
        unfinished = results.filter { !$0.finished }.count
        firstStall = results.lazy.compactMap(\.stall).first
        let years = results.first?.completionsPerYear.count ?? 0
        budgets = (0..<years).map { YearBudget(year: model.start.year + $0, budget: model.budgetPerYear[$0]) }
        let values = Metric.all.filter(\.isBounded).map { metric in (metric, results.map { metric.read($0, plan: model) }) }
        metrics = values.flatMap { metric, perReplication in
            let labels = metric.dimension.map { Metric.indexNames($0, plan: model, years: years).map { Optional($0) } } ?? [nil]
            return labels.enumerated().map { i, index in
                MetricRow(metric: metric.name, index: index, unit: metric.unit,
                          summary: MetricSummary(perReplication.map { i < $0.count ? $0[i] : .nan }))
            }
        }
        buildingProgress = BuildingProgress(model: model, results: results)
        monthlyUtilisation = MonthlyUtilisation(model: model, results: results)
        milestones = MilestoneSummary.all(model: model, results: results)
        risks = RiskFrequency.all(model: model, results: results)
        statusDate = model.status?.date
        statusSha256 = model.status?.sha256
    }

    /// The summary of a scalar metric, or of one index of an indexed one.
    public func summary(_ metric: Metric, _ index: String? = nil) -> MetricSummary {
        metrics.first { $0.metric == metric.name && $0.index == index }?.summary ?? MetricSummary([])
    }

    /// An indexed metric's summaries, named by index, in index order.
    public func indexed(_ metric: Metric) -> [NamedSummary] {
        metrics.filter { $0.metric == metric.name }.map { NamedSummary(name: $0.index ?? "", summary: $0.summary) }
    }

    public var finishDays: MetricSummary { summary(.finishDays) }

    /// The calendar date `days` after the start.
    public func date(days: Double) -> CivilDate {
        start.adding(fractionalDays: days)
    }
}

/// One metric (or one index of an indexed metric) over the replications.
public struct MetricRow: Codable, Sendable, Equatable {
    /// The registry's name.
    public var metric: String
    /// The index name of an indexed metric (a trade, a year, …); absent for a scalar.
    public var index: String?
    public var unit: MetricUnit
    public var summary: MetricSummary

    /// `metric` or `metric[index]`, as `check` and `compare` name it.
    public var label: String { index.map { "\(metric)[\($0)]" } ?? metric }
}

public struct YearBudget: Codable, Sendable, Equatable {
    public var year: Int
    /// Nil (encoded as absent) when unlimited.
    public var budget: Double?

    public init(year: Int, budget: Double) {
        self.year = year
        self.budget = budget.isFinite ? budget : nil
    }
}

public struct NamedSummary: Codable, Sendable, Equatable {
    public var name: String
    public var summary: MetricSummary
}

