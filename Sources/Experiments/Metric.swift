import Renovation

/// One number a replication yields, defined once: its name, unit, meaning,
/// how it is read from a ``ReplicationResult`` and how it aggregates.
/// Every output names metrics through ``Metric/all`` (`Metric+Registry.swift`):
/// CSV headers, result-file keys, SQLite columns, `check` and `compare`
/// names, report labels and `docs/results-schema.md`.
///
/// An indexed metric has one value per name of its ``Dimension`` and is
/// labelled `name[index]`: `utilisation[roofing]`, `cost[2023]`.
///
///     Metric.utilisation.label("roofing")   // "utilisation[roofing]"
///     Metric.finishDays.read(result, plan: plan)   // [412.5]
public struct Metric: Sendable {
    /// What an indexed metric is indexed by.
    public enum Dimension: String, Sendable, CaseIterable {
        case community, trade
        case waitCause = "wait_cause"
        case serviceLevel = "service_level"
        case year
        /// The plan's milestones, in scenario order.
        case milestone
        /// The risks of the register, in scenario order.
        case risk
    }

    /// How a metric's values over the replications are summarised.
    public enum Aggregate: String, Sendable {
        /// Mean, standard deviation, 95 % Student-t interval, percentiles.
        case distribution
        /// A yes/no outcome: the share of replications, with a 95 % Wilson interval.
        case proportion
    }

    /// How one value is written: a JSON number, a whole number, or true/false.
    public enum Representation: Sendable {
        case number, integer, boolean
    }

    /// snake_case; the label of a scalar metric, the stem of an indexed one.
    public let name: String
    public let unit: MetricUnit
    public let dimension: Dimension?
    public let aggregate: Aggregate
    public let representation: Representation
    /// One sentence for the schema reference and reports.
    public let description: String
    /// Whether a run that lacks an index had the value 0 there: a calendar
    /// year past one run's horizon saw no completions and no cost.
    public let absentMeansZero: Bool
    /// Whether a record may lack it: files written before it existed. A
    /// scalar of a section the scenario does not have is NaN (null), not absent.
    public let mayBeAbsent: Bool
    let reader: @Sendable (ReplicationResult, CompiledPlan) -> [Double]

    init(_ name: String, _ unit: MetricUnit, by dimension: Dimension? = nil, aggregate: Aggregate = .distribution,
         as representation: Representation = .number, absentMeansZero: Bool = false, mayBeAbsent: Bool = false, _ description: String,
         _ reader: @escaping @Sendable (ReplicationResult, CompiledPlan) -> [Double]) {
        self.name = name
        self.unit = unit
        self.dimension = dimension
        self.aggregate = aggregate
        self.representation = representation
        self.description = description
        self.absentMeansZero = absentMeansZero
        self.mayBeAbsent = mayBeAbsent
        self.reader = reader
    }

    /// The replication's values: one for a scalar, one per index name
    /// otherwise. `plan` is the plan the replication ran (what a metric
    /// measures against, such as the hours a trade's calendar offers).
    public func read(_ result: ReplicationResult, plan: CompiledPlan) -> [Double] { reader(result, plan) }

    /// The name of one value: `name` for a scalar, `name[index]` otherwise.
    public func label(_ index: String? = nil) -> String {
        index.map { "\(name)[\($0)]" } ?? name
    }

    /// Whether `result.json` carries it: per-community metrics grow with
    /// the programme and go to the files made for volume only.
    public var isBounded: Bool { dimension != .community }
}

extension Metric {
    /// The registry, in the order outputs list metrics.
    public static func named(_ name: String) -> Metric? { byName[name] }

    static let byName: [String: Metric] = Dictionary(uniqueKeysWithValues: all.map { ($0.name, $0) })

    /// The scalar metrics, in registry order.
    public static var scalars: [Metric] { all.filter { $0.dimension == nil } }

    /// The index names of `dimension` for a run of `plan`, as labels use them.
    public static func indexNames(_ dimension: Dimension, plan: CompiledPlan, years: Int) -> [String] {
        switch dimension {
        case .community: plan.communities.map(\.name)
        case .trade: plan.tradeNames
        case .waitCause: WaitsByCause.causes
        case .serviceLevel: DefectOutcome.tiers
        case .year: (0..<years).map { String(plan.start.year + $0) }
        case .milestone: plan.milestones.map(\.name)
        case .risk: plan.risks.names
        }
    }
}
