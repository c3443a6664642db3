import DiscreteEvent
import Stochastic

/// A scenario and one of its plans, compiled into arrays indexed by small
/// integers: what every replication of that plan reads and never changes.
///
/// Work orders are numbered without storing them: building `b`'s order of
/// building type `k` is `b · buildingTypes + k`; community `c`'s order of
/// community type `k` is after all building orders. The numbering does not
/// depend on the plan, so an order's random work content — drawn from a
/// stream keyed by its number — is the same in every plan (common random numbers).
///
///     let model = try CompiledPlan(scenario: loaded.valid, plan: "three-year")
///     model.orderCount        // buildings × building types + communities × community types
public struct CompiledPlan: Sendable {
    public let scenarioName: String
    public let planName: String
    public let start: CivilDate
    public let deadline: CivilDate
    /// End of the deadline day, in hours from the start.
    public let deadlineHours: Double
    /// Days simulated before unfinished work is reported as such.
    public let horizonDays: Int
    public let hoursPerDay: Double
    public let dispatch: DispatchRule

    // Trades and crews.
    public let tradeNames: [String]
    public let crews: [Int]
    public let costPerHour: [Double]

    // Programme structure: communities, buildings and work types.
    public let communities: [Community]
    public let buildings: Buildings
    public let types: [WorkType]
    /// The types' hot fields as flat arrays.
    public internal(set) var table: TypeTable
    public let buildingTypeCount: Int
    public let communityTypeCount: Int
    /// Communities in release order, and each community's release time in hours.
    public let releaseOrder: [Int]
    public let releaseTime: [Double]

    // Calendars: one per distinct set of trades, without rain (rain is drawn per replication).
    public let baseCalendar: WorkingCalendar
    public let calendars: [WorkingCalendar]
    /// Shutdown windows (start, end) in hours for each calendar, sorted.
    public let shutdownWindows: [[ClosedWindow]]
    public let calendarRainSensitive: [Bool]
    /// Probability that each day is a rain day.
    public let rainProbability: [Double]

    /// Dispatch key of each order (lower first; see `CompiledPlan+Dispatch`);
    /// empty for FIFO, whose key is the time an order became ready.
    public internal(set) var priority: [Double]
    /// Per work type, hours after its community's release before which no
    /// order of the type is dispatched (`not_before`); empty when the plan has none.
    public let notBeforeHours: [Double]
    /// How long the best-ranked blocked order waits before it reserves its crews, hours (∞: no guard).
    public let starvationGuardHours: Double
    /// How many predecessor orders each order waits for, before anything is accepted.
    public internal(set) var initialWaitCounts: [Int32]
    /// Where each calendar month of the simulated span begins, in hours
    /// from the start, with the horizon as the last entry: month `m` runs
    /// from `monthStartHours[m]` to `monthStartHours[m + 1]`. The first
    /// month begins at the start date, which need not be the 1st.
    public internal(set) var monthStartHours: [Double] = []
    /// For each day of the calendar, the month of ``monthStartHours`` that holds it.
    public internal(set) var monthOfDay: [Int32] = []
    /// Days from the start to each following 1 January, up to the first past the horizon.
    public internal(set) var yearStartDays: [Int] = []

    // Inspections.
    public let supervisors: Int
    public let inspectionHours: Distribution
    public let reworkShare: Double

    // Defects and budget.
    public let defects: DefectSpec?
    public let defectTeam: Int
    /// The defect model the simulation runs; nil without defects or responders.
    public let defectModel: DefectModel?
    /// Money per year from the start year; `.infinity` without a budget.
    public let budgetPerYear: [Double]
    /// Tranches and the city's advance; nil without `funding`.
    public let funding: FundingModel?
    public let communityCorrelation: Double
    /// The risk register (empty without `risks:`).
    public internal(set) var risks: RiskModel

    // Preparation and milestones.
    /// Survey, consultation, design and approval before works; nil without a `preparation` section.
    public let preparation: PreparationModel?
    public let milestones: [Milestone]
    /// The state a forecast starts from; nil for a programme simulated from its start (``forecasting(from:)``).
    public internal(set) var status: PlanStatus?

    public var orderCount: Int { buildings.count * buildingTypeCount + communities.count * communityTypeCount }
    public var firstCommunityOrder: Int { buildings.count * buildingTypeCount }

    // The numbering is forced inline: called on the model from inside the
    // simulation's mutating handlers, an outlined call copied the whole
    // 800-byte model per call (7 % of a national-scale run, in memcpy).

    /// The order of building type `k` (its local index) on building `b`.
    @inlinable @inline(__always) public func order(building b: Int, type k: Int) -> Int { b * buildingTypeCount + k }
    /// The order of community type `k` (its local index) on community `c`.
    @inlinable @inline(__always) public func order(community c: Int, type k: Int) -> Int {
        firstCommunityOrder + c * communityTypeCount + k
    }
    /// The global type index of an order.
    @inlinable @inline(__always) public func typeIndex(of order: Int) -> Int {
        order < firstCommunityOrder
            ? order % buildingTypeCount
            : buildingTypeCount + (order - firstCommunityOrder) % communityTypeCount
    }
    /// The building of a building order, or nil for a community order.
    @inlinable @inline(__always) public func building(of order: Int) -> Int? {
        order < firstCommunityOrder ? order / buildingTypeCount : nil
    }
    /// The community an order belongs to.
    @inlinable @inline(__always) public func community(of order: Int) -> Int {
        order < firstCommunityOrder
            ? Int(buildings.community[order / buildingTypeCount])
            : (order - firstCommunityOrder) / communityTypeCount
    }

    /// Programmes of at most this many work orders record each order's
    /// first start (for `schedule.csv`). A national one has millions: its
    /// starts would add 4 bytes an order to every replication kept, to its
    /// checkpoint and shard files, for a schedule too large to use.
    public static let scheduleOrderLimit = 1_000_000

    /// Whether replications of this plan record when each order first starts.
    public var recordsStarts: Bool { orderCount <= Self.scheduleOrderLimit }

    /// The size an order's hours are multiplied by.
    @inline(__always) public func scale(of order: Int) -> Double {
        let type = types[typeIndex(of: order)]
        if let b = building(of: order) {
            switch type.per {
            case .fixed, .building: return 1
            case .unit: return Double(buildings.units[b])
            case .household: return Double(buildings.households[b])
            case .floor: return Double(buildings.floors[b])
            case .quantity: return buildings.quantities[type.quantity][b]
            }
        }
        let c = communities[community(of: order)]
        switch type.per {
        case .fixed: return 1
        case .building: return Double(c.buildings.count)
        case .unit: return Double(c.units)
        case .household: return Double(c.households)
        case .floor: return Double(c.floors)
        case .quantity: return c.quantities[type.quantity]
        }
    }

    /// Hours from the start of the programme to midnight of `date`.
    public func hours(at date: CivilDate) -> Double { Double(date.dayNumber - start.dayNumber) * hoursPerCalendarDay }

    /// The calendar date of an instant given in hours from the start.
    public func date(atHours hours: Double) -> CivilDate {
        start.adding(fractionalDays: hours / hoursPerCalendarDay)
    }

    /// The year of `date(atHours:)` counted from the start's (0 in the
    /// start's year), read from ``yearStartDays`` rather than a calendar
    /// computation: it is asked at every start and acceptance.
    @inlinable
    public func yearIndex(atHours hours: Double) -> Int {
        Self.yearIndex(atHours: hours, yearStarts: yearStartDays) ?? date(atHours: hours).year - start.year
    }

    /// ``yearIndex(atHours:)`` from the year starts alone; nil outside them
    /// (before the start, past the last 1 January listed, not a number).
    /// For the simulation, which keeps its own reference to the year starts:
    /// calling a method of this large struct from a mutating one copied all of it first.
    @inlinable
    public static func yearIndex(atHours hours: Double, yearStarts: [Int]) -> Int? {
        let days = hours / hoursPerCalendarDay
        guard days >= 0, let last = yearStarts.last, days < Double(last) else { return nil }
        let day = Int(days.rounded(.down))
        var year = 0
        while yearStarts[year] <= day { year += 1 }
        return year
    }
}

/// A closed interval of time, [start, end) in hours.
public struct ClosedWindow: Sendable, Equatable {
    public let start: Double
    public let end: Double
}
