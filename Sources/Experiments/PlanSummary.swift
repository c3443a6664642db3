import DiscreteEvent
import Renovation

/// What the replications of one plan say, metric by metric.
public struct PlanSummary: Codable, Sendable, Equatable {
    public var scenario: String
    public var plan: String
    public var seed: UInt64
    public var replications: Int
    public var start: CivilDate
    public var deadline: CivilDate
    /// Days from the start to the last acceptance.
    public var finishDays: MetricSummary
    public var deadlineMet: ProportionSummary
    /// Replications that did not finish within the horizon (stalled or too slow).
    public var unfinished: Int
    public var firstStall: String?
    public var communityFinishDays: [NamedSummary]
    public var completionsPerYear: [YearValue]
    public var crewUtilisation: [NamedSummary]
    public var waits: [NamedSummary]
    public var inspections: MetricSummary
    public var failureRate: MetricSummary
    public var reworkHours: MetricSummary
    public var defectsReported: MetricSummary
    public var serviceLevelAttainment: [NamedSummary]
    public var householdDaysDisrupted: MetricSummary
    public var costPerYear: [YearValue]
    public var totalCost: MetricSummary
    public var peakSites: MetricSummary
    public var eventsPerReplication: MetricSummary
    /// Line-of-balance data; nil in files written before it existed.
    public var buildingProgress: BuildingProgress?
    /// Crew utilisation per trade and month; nil in files written before it existed.
    public var monthlyUtilisation: MonthlyUtilisation?
    /// P(met) per milestone; nil without `milestones` (absent from the file).
    public var milestones: [MilestoneSummary]?

    public init(model: CompiledPlan, seed: UInt64, results: [ReplicationResult]) {
        scenario = model.scenarioName
        plan = model.planName
        self.seed = seed
        replications = results.count
        start = model.start
        deadline = model.deadline
        finishDays = MetricSummary(results.map(\.finishDays))
        deadlineMet = ProportionSummary(successes: results.filter(\.deadlineMet).count, trials: results.count)
        unfinished = results.filter { !$0.finished }.count
        firstStall = results.lazy.compactMap(\.stall).first
        communityFinishDays = model.communities.indices.map { c in
            NamedSummary(name: model.communities[c].name, summary: MetricSummary(results.map { $0.communityFinishDays[c] }))
        }
        let years = results.first?.completionsPerYear.count ?? 0
        let n = Double(max(1, results.count))
        completionsPerYear = (0..<years).map { y in
            YearValue(year: model.start.year + y, mean: Double(results.reduce(0) { $0 + $1.completionsPerYear[y] }) / n,
                      budget: model.budgetPerYear[y])
        }
        costPerYear = (0..<years).map { y in
            YearValue(year: model.start.year + y, mean: results.reduce(0) { $0 + $1.costPerYear[y] } / n,
                      budget: model.budgetPerYear[y])
        }
        crewUtilisation = model.tradeNames.indices.map { t in
            NamedSummary(name: model.tradeNames[t], summary: MetricSummary(results.map { $0.crewUtilisation[t] }))
        }
        waits = WaitsByCause.causes.indices.map { i in
            NamedSummary(name: WaitsByCause.causes[i], summary: MetricSummary(results.map { $0.waits.values[i] }))
        }
        inspections = MetricSummary(results.map { Double($0.inspections) })
        failureRate = MetricSummary(results.map(\.failureRate))
        reworkHours = MetricSummary(results.map(\.reworkHours))
        defectsReported = MetricSummary(results.map { Double($0.defects.reported) })
        serviceLevelAttainment = DefectOutcome.tiers.indices.map { i in
            NamedSummary(name: DefectOutcome.tiers[i], summary: MetricSummary(results.map { $0.defects.attainment[i] }))
        }
        householdDaysDisrupted = MetricSummary(results.map(\.householdDaysDisrupted))
        totalCost = MetricSummary(results.map(\.totalCost))
        peakSites = MetricSummary(results.map { Double($0.peakSites) })
        eventsPerReplication = MetricSummary(results.map { Double($0.events) })
        buildingProgress = BuildingProgress(model: model, results: results)
        monthlyUtilisation = MonthlyUtilisation(model: model, results: results)
        milestones = MilestoneSummary.all(model: model, results: results)
    }

    /// The calendar date `days` after the start.
    public func date(days: Double) -> CivilDate {
        start.adding(fractionalDays: days)
    }
}

public struct NamedSummary: Codable, Sendable, Equatable {
    public var name: String
    public var summary: MetricSummary
}

public struct YearValue: Codable, Sendable, Equatable {
    public var year: Int
    public var mean: Double
    /// The year's budget; nil (encoded as absent) when unlimited.
    public var budget: Double?

    public init(year: Int, mean: Double, budget: Double) {
        self.year = year
        self.mean = mean
        self.budget = budget.isFinite ? budget : nil
    }
}
