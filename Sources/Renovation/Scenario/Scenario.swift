import DiscreteEvent
import Stochastic

/// A renovation programme as a planner writes it in a YAML file: what is to
/// be renovated, with which crews, under which calendar, weather, budget,
/// inspection and defect rules, and one or more plans to compare.
///
/// Decoding is strict (unknown keys are errors); `ScenarioValidator` then
/// checks meaning (dates in order, precedence without cycles, enough crews).
/// Every key is documented in `docs/scenario-reference.md`.
public struct Scenario: Codable, Sendable {
    public var name: String
    public var description: String?
    /// First day of the programme (day 0 of the simulation clock).
    public var start: CivilDate
    /// The programme's deadline (inclusive); a plan may set its own.
    public var deadline: CivilDate
    /// Default seed for runs that do not give one.
    public var seed: UInt64?
    /// Years simulated after `start` before unfinished work is reported as such.
    public var horizonYears: Int?
    public var calendar: CalendarSpec
    public var weather: WeatherSpec?
    public var trades: OrderedMapping<TradeSpec>
    public var supervisors: SupervisionSpec?
    public var defects: DefectSpec?
    public var budget: BudgetSpec?
    /// Tranches from higher levels with uncertain arrival, and the city's advance.
    public var funding: FundingSpec?
    /// Survey, consultation, design and approval before a community's works.
    public var preparation: PreparationSpec?
    /// Dates by which communities must be finished, each reported as P(met).
    public var milestones: [MilestoneSpec]?
    /// Listed communities; after loading, the inventory's follow the ones the file lists.
    public var communities: [CommunitySpec]?
    /// Communities and buildings from a CSV table beside the scenario.
    public var inventory: InventorySpec?
    public var generate: [CommunityGenerator]?
    public var work: WorkSpec
    /// The risk register: events that may happen, and what they do when they do.
    public var risks: [RiskSpec]
    public var plans: [PlanSpec]

    enum CodingKeys: String, CodingKey, CaseIterable {
        case name, description, start, deadline, seed
        case horizonYears = "horizon_years"
        case calendar, weather, trades, supervisors, defects, budget, funding, preparation, milestones, communities, inventory, generate, work, risks, plans
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.strictContainer(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        description = try c.decodeIfPresent(String.self, forKey: .description)
        start = try c.decode(CivilDate.self, forKey: .start)
        deadline = try c.decode(CivilDate.self, forKey: .deadline)
        seed = try c.decodeIfPresent(UInt64.self, forKey: .seed)
        horizonYears = try c.decodeIfPresent(Int.self, forKey: .horizonYears)
        calendar = try c.decodeIfPresent(CalendarSpec.self, forKey: .calendar) ?? CalendarSpec()
        weather = try c.decodeIfPresent(WeatherSpec.self, forKey: .weather)
        trades = try c.decode(OrderedMapping<TradeSpec>.self, forKey: .trades)
        supervisors = try c.decodeIfPresent(SupervisionSpec.self, forKey: .supervisors)
        defects = try c.decodeIfPresent(DefectSpec.self, forKey: .defects)
        budget = try c.decodeIfPresent(BudgetSpec.self, forKey: .budget)
        funding = try c.decodeIfPresent(FundingSpec.self, forKey: .funding)
        preparation = try c.decodeIfPresent(PreparationSpec.self, forKey: .preparation)
        milestones = try c.decodeIfPresent([MilestoneSpec].self, forKey: .milestones)
        communities = try c.decodeIfPresent([CommunitySpec].self, forKey: .communities)
        inventory = try c.decodeIfPresent(InventorySpec.self, forKey: .inventory)
        generate = try c.decodeIfPresent([CommunityGenerator].self, forKey: .generate)
        work = try c.decode(WorkSpec.self, forKey: .work)
        risks = try c.decodeIfPresent([RiskSpec].self, forKey: .risks) ?? []
        plans = try c.decode([PlanSpec].self, forKey: .plans)
    }
}

/// Working time: which weekdays, which hours, holidays and seasonal shutdowns.
public struct CalendarSpec: Codable, Sendable {
    public var workdays: [Weekday] = [.monday, .tuesday, .wednesday, .thursday, .friday, .saturday]
    /// Hour of day the shift starts.
    public var shiftStart: Double = 8
    public var hoursPerDay: Double = 8
    public var holidays: [DateRange] = []
    public var shutdowns: [ShutdownSpec] = []

    enum CodingKeys: String, CodingKey, CaseIterable {
        case workdays
        case shiftStart = "shift_start"
        case hoursPerDay = "hours_per_day"
        case holidays, shutdowns
    }

    public init() {}

    public init(from decoder: Decoder) throws {
        let c = try decoder.strictContainer(keyedBy: CodingKeys.self)
        workdays = try c.decodeIfPresent([Weekday].self, forKey: .workdays) ?? workdays
        shiftStart = try c.decodeIfPresent(Double.self, forKey: .shiftStart) ?? shiftStart
        hoursPerDay = try c.decodeIfPresent(Double.self, forKey: .hoursPerDay) ?? hoursPerDay
        holidays = try c.decodeIfPresent([DateRange].self, forKey: .holidays) ?? []
        shutdowns = try c.decodeIfPresent([ShutdownSpec].self, forKey: .shutdowns) ?? []
    }
}

/// One date (`2022-10-01`) or an inclusive range (`2022-10-01..2022-10-07`).
public struct DateRange: Codable, Sendable, Equatable {
    public var first: CivilDate
    public var last: CivilDate

    public init(first: CivilDate, last: CivilDate) {
        self.first = first
        self.last = last
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        let parts = text.components(separatedBy: "..")
        guard (1...2).contains(parts.count), let a = CivilDate(iso: parts[0].trimmed),
              let b = CivilDate(iso: parts[parts.count - 1].trimmed) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "'\(text)' is not a date or date range; expected YYYY-MM-DD or YYYY-MM-DD..YYYY-MM-DD")
        }
        first = a
        last = b
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(first == last ? first.description : "\(first)..\(last)")
    }
}

/// A day of the year, `MM-DD`, for windows that recur every year.
public struct MonthDay: Codable, Sendable, Equatable, CustomStringConvertible {
    public var month: Int
    public var day: Int

    public init?(month: Int, day: Int) {
        // Checked against a leap year so that 02-29 is accepted.
        guard CivilDate(year: 2000, month: month, day: day) != nil else { return nil }
        self.month = month
        self.day = day
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        let parts = text.split(separator: "-")
        guard parts.count == 2, let m = Int(parts[0]), let d = Int(parts[1]), let value = MonthDay(month: m, day: d) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "'\(text)' is not a day of the year; expected MM-DD, e.g. 11-15")
        }
        self = value
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    public var description: String { String(format2: month) + "-" + String(format2: day) }
}

/// A window closed every year (e.g. winter from 11-15 to 03-15), for some trades.
public struct ShutdownSpec: Codable, Sendable {
    public var name: String
    public var from: MonthDay
    /// Last closed day, inclusive; may be in the next year (a window across New Year).
    public var to: MonthDay
    /// Trades the window stops; absent means every trade.
    public var trades: [String]?

    enum CodingKeys: String, CodingKey, CaseIterable { case name, from, to, trades }

    public init(from decoder: Decoder) throws {
        let c = try decoder.strictContainer(keyedBy: CodingKeys.self)
        name = try c.decodeIfPresent(String.self, forKey: .name) ?? "shutdown"
        from = try c.decode(MonthDay.self, forKey: .from)
        to = try c.decode(MonthDay.self, forKey: .to)
        trades = try c.decodeIfPresent([String].self, forKey: .trades)
    }
}

/// Rain: the chance that a day of each month is a rain day, and the trades rain stops.
public struct WeatherSpec: Codable, Sendable {
    /// Twelve probabilities, January to December.
    public var rainProbability: [Double]
    public var stops: [String]

    enum CodingKeys: String, CodingKey, CaseIterable {
        case rainProbability = "rain_probability"
        case stops
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.strictContainer(keyedBy: CodingKeys.self)
        rainProbability = try c.decode([Double].self, forKey: .rainProbability)
        stops = try c.decodeIfPresent([String].self, forKey: .stops) ?? []
    }
}

public struct TradeSpec: Codable, Sendable {
    public var crews: Int
    /// Cost of one crew for one working hour.
    public var costPerHour: Double

    enum CodingKeys: String, CodingKey, CaseIterable {
        case crews
        case costPerHour = "cost_per_hour"
    }

    public init(crews: Int, costPerHour: Double = 0) {
        self.crews = crews
        self.costPerHour = costPerHour
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.strictContainer(keyedBy: CodingKeys.self)
        crews = try c.decode(Int.self, forKey: .crews)
        costPerHour = try c.decodeIfPresent(Double.self, forKey: .costPerHour) ?? 0
    }
}

/// Supervisors inspect finished work; a failed inspection sends it back for rework.
public struct SupervisionSpec: Codable, Sendable {
    public var count: Int
    /// Supervisor working hours per inspection.
    public var inspectionHours: Distribution
    /// Probability that an inspection fails, per trade (`default` for the rest).
    public var failureProbability: OrderedMapping<Double>
    /// Rework, as a share of the work order's original working hours.
    public var reworkShare: Double

    enum CodingKeys: String, CodingKey, CaseIterable {
        case count
        case inspectionHours = "inspection_hours"
        case failureProbability = "failure_probability"
        case reworkShare = "rework_share"
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.strictContainer(keyedBy: CodingKeys.self)
        count = try c.decode(Int.self, forKey: .count)
        inspectionHours = try c.decodeIfPresent(Distribution.self, forKey: .inspectionHours) ?? .constant(2)
        failureProbability = try c.decodeIfPresent(OrderedMapping<Double>.self, forKey: .failureProbability)
            ?? OrderedMapping([("default", 0)])
        reworkShare = try c.decodeIfPresent(Double.self, forKey: .reworkShare) ?? 0.25
    }

    /// The failure probability for a trade.
    public func failure(for trade: String) -> Double {
        failureProbability[trade] ?? failureProbability["default"] ?? 0
    }
}

/// Resident-reported defects and the team that answers them under the "54321" rule.
public struct DefectSpec: Codable, Sendable {
    /// Reports per household per year while its building is under works.
    public var duringWorksRate: Double
    /// Reports per household per year after its building is finished, for `afterWorksDays`.
    public var afterWorksRate: Double
    public var afterWorksDays: Double
    /// Share of reports that are complex (need a plan rather than a quick fix).
    public var complexShare: Double
    /// Responders on duty (round the clock).
    public var team: Int
    public var registerMinutes: Distribution
    public var travelMinutes: Distribution
    public var smallFixHours: Distribution
    public var assessmentHours: Distribution
    /// From the on-site assessment of a complex defect to its written plan.
    public var planHours: Distribution
    /// From the fix (or the plan) to the follow-up visit.
    public var followUpDays: Distribution
    public var serviceLevels: ServiceLevelSpec

    enum CodingKeys: String, CodingKey, CaseIterable {
        case duringWorksRate = "during_works_rate"
        case afterWorksRate = "after_works_rate"
        case afterWorksDays = "after_works_days"
        case complexShare = "complex_share"
        case team
        case registerMinutes = "register_minutes"
        case travelMinutes = "travel_minutes"
        case smallFixHours = "small_fix_hours"
        case assessmentHours = "assessment_hours"
        case planHours = "plan_hours"
        case followUpDays = "follow_up_days"
        case serviceLevels = "service_levels"
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.strictContainer(keyedBy: CodingKeys.self)
        duringWorksRate = try c.decode(Double.self, forKey: .duringWorksRate)
        afterWorksRate = try c.decodeIfPresent(Double.self, forKey: .afterWorksRate) ?? 0
        afterWorksDays = try c.decodeIfPresent(Double.self, forKey: .afterWorksDays) ?? 365
        complexShare = try c.decodeIfPresent(Double.self, forKey: .complexShare) ?? 0.2
        team = try c.decode(Int.self, forKey: .team)
        registerMinutes = try c.decodeIfPresent(Distribution.self, forKey: .registerMinutes)
            ?? .triangular(min: 1, mode: 2, max: 6)
        travelMinutes = try c.decodeIfPresent(Distribution.self, forKey: .travelMinutes)
            ?? .triangular(min: 10, mode: 20, max: 45)
        smallFixHours = try c.decodeIfPresent(Distribution.self, forKey: .smallFixHours)
            ?? .triangular(min: 0.5, mode: 1.5, max: 4)
        assessmentHours = try c.decodeIfPresent(Distribution.self, forKey: .assessmentHours)
            ?? .triangular(min: 0.5, mode: 1, max: 2)
        planHours = try c.decodeIfPresent(Distribution.self, forKey: .planHours)
            ?? .triangular(min: 8, mode: 24, max: 60)
        followUpDays = try c.decodeIfPresent(Distribution.self, forKey: .followUpDays)
            ?? .triangular(min: 2, mode: 4, max: 8)
        serviceLevels = try c.decodeIfPresent(ServiceLevelSpec.self, forKey: .serviceLevels) ?? ServiceLevelSpec()
    }
}

/// The "54321" service levels, each counted from the resident's report.
public struct ServiceLevelSpec: Codable, Sendable, Equatable {
    public var registerMinutes: Double = 5
    public var onSiteMinutes: Double = 40
    public var smallFixHours: Double = 3
    public var complexPlanDays: Double = 2
    public var followUpDays: Double = 7

    enum CodingKeys: String, CodingKey, CaseIterable {
        case registerMinutes = "register_minutes"
        case onSiteMinutes = "on_site_minutes"
        case smallFixHours = "small_fix_hours"
        case complexPlanDays = "complex_plan_days"
        case followUpDays = "follow_up_days"
    }

    public init() {}

    public init(from decoder: Decoder) throws {
        let c = try decoder.strictContainer(keyedBy: CodingKeys.self)
        registerMinutes = try c.decodeIfPresent(Double.self, forKey: .registerMinutes) ?? registerMinutes
        onSiteMinutes = try c.decodeIfPresent(Double.self, forKey: .onSiteMinutes) ?? onSiteMinutes
        smallFixHours = try c.decodeIfPresent(Double.self, forKey: .smallFixHours) ?? smallFixHours
        complexPlanDays = try c.decodeIfPresent(Double.self, forKey: .complexPlanDays) ?? complexPlanDays
        followUpDays = try c.decodeIfPresent(Double.self, forKey: .followUpDays) ?? followUpDays
    }
}

/// Money per calendar year; a work order cannot start once its year's money is spent.
public struct BudgetSpec: Codable, Sendable {
    /// Amount per year, keyed by the year (`2023: 5.0e7`).
    public var perYear: OrderedMapping<Double>
    /// Amount for years not listed; absent means no money in those years.
    public var otherYears: Double?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case perYear = "per_year"
        case otherYears = "other_years"
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.strictContainer(keyedBy: CodingKeys.self)
        perYear = try c.decodeIfPresent(OrderedMapping<Double>.self, forKey: .perYear) ?? OrderedMapping()
        otherYears = try c.decodeIfPresent(Double.self, forKey: .otherYears)
    }
}

public struct BuildingSpec: Codable, Sendable {
    public var name: String?
    public var units: Int
    public var households: Int?
    public var floors: Int
    /// The inventory's quantities (``InventoryTable/quantityNames``); empty for buildings the YAML lists.
    public internal(set) var quantities: [Double] = []

    enum CodingKeys: String, CodingKey, CaseIterable { case name, units, households, floors }

    init(_ row: InventoryTable.Building) {
        name = row.name
        units = row.units
        households = row.households
        floors = row.floors
        quantities = row.quantities
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.strictContainer(keyedBy: CodingKeys.self)
        name = try c.decodeIfPresent(String.self, forKey: .name)
        units = try c.decode(Int.self, forKey: .units)
        households = try c.decodeIfPresent(Int.self, forKey: .households)
        floors = try c.decodeIfPresent(Int.self, forKey: .floors) ?? 6
    }
}

/// A community given explicitly: its buildings listed one by one, or
/// `building_count` identical buildings described by `building`.
public struct CommunitySpec: Codable, Sendable {
    public var name: String
    public var district: String?
    public var buildings: [BuildingSpec]?
    public var buildingCount: Int?
    public var building: BuildingSpec?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case name, district, buildings
        case buildingCount = "building_count"
        case building
    }

    init(_ community: InventoryTable.Community) {
        name = community.name
        district = community.district
        buildings = community.buildings.map(BuildingSpec.init)
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.strictContainer(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        district = try c.decodeIfPresent(String.self, forKey: .district)
        buildings = try c.decodeIfPresent([BuildingSpec].self, forKey: .buildings)
        buildingCount = try c.decodeIfPresent(Int.self, forKey: .buildingCount)
        building = try c.decodeIfPresent(BuildingSpec.self, forKey: .building)
    }
}

/// Communities generated from counts and size distributions (drawn once,
/// from `seed`, so every replication and plan sees the same programme).
public struct CommunityGenerator: Codable, Sendable {
    public var count: Int
    public var namePrefix: String
    /// Districts assigned in turn.
    public var districts: [String]
    /// Buildings per community (rounded, at least 1).
    public var buildings: Distribution
    /// Housing units per building (rounded, at least 1).
    public var units: Distribution
    /// Share of units that are occupied households.
    public var occupancy: Double
    /// Floors per building (rounded, at least 1).
    public var floors: Distribution
    public var seed: UInt64

    enum CodingKeys: String, CodingKey, CaseIterable {
        case count
        case namePrefix = "name_prefix"
        case districts, buildings, units, occupancy, floors, seed
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.strictContainer(keyedBy: CodingKeys.self)
        count = try c.decode(Int.self, forKey: .count)
        namePrefix = try c.decodeIfPresent(String.self, forKey: .namePrefix) ?? "community-"
        districts = try c.decodeIfPresent([String].self, forKey: .districts) ?? []
        buildings = try c.decode(Distribution.self, forKey: .buildings)
        units = try c.decode(Distribution.self, forKey: .units)
        occupancy = try c.decodeIfPresent(Double.self, forKey: .occupancy) ?? 1
        floors = try c.decodeIfPresent(Distribution.self, forKey: .floors) ?? .constant(6)
        seed = try c.decodeIfPresent(UInt64.self, forKey: .seed) ?? 1
    }
}

/// The work templates: what is done to every building and to every community.
public struct WorkSpec: Codable, Sendable {
    public var building: [WorkTypeSpec]
    public var community: [WorkTypeSpec]
    /// Correlation of work content within one community (Gaussian copula, one common factor).
    public var communityCorrelation: Double

    enum CodingKeys: String, CodingKey, CaseIterable {
        case building, community
        case communityCorrelation = "community_correlation"
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.strictContainer(keyedBy: CodingKeys.self)
        building = try c.decodeIfPresent([WorkTypeSpec].self, forKey: .building) ?? []
        community = try c.decodeIfPresent([WorkTypeSpec].self, forKey: .community) ?? []
        communityCorrelation = try c.decodeIfPresent(Double.self, forKey: .communityCorrelation) ?? 0
    }
}

/// What the work content of a work order is proportional to.
public enum ScaleUnit: String, Codable, Sendable, CaseIterable {
    case fixed, building, unit, household, floor
    /// A quantity column of the inventory (`per: facade_m2`), named by ``WorkTypeSpec/quantity``.
    case quantity

    /// The units a scenario writes by name (`quantity` is written as the column's name).
    static let named: [ScaleUnit] = [.fixed, .building, .unit, .household, .floor]
}

/// What a job does when a shutdown would interrupt it.
public enum ShutdownRule: String, Codable, Sendable, CaseIterable {
    /// Start anyway; the job pauses through the shutdown, keeping its crews.
    case pause
    /// Do not start a job that cannot finish before the next shutdown; wait for it to end.
    case hold
}

/// One kind of work order (roofing, pipes, …), done once per building or per community.
public struct WorkTypeSpec: Codable, Sendable {
    public var name: String
    /// Crews of each trade needed at the same time.
    public var trades: OrderedMapping<Int>
    /// Working hours per scale unit.
    public var hours: Distribution
    public var per: ScaleUnit
    /// The inventory's quantity column when `per` is ``ScaleUnit/quantity``.
    public var quantity: String?
    /// Work types (building or community level) that must be finished and accepted first.
    public var after: [String]
    /// Material and other costs per scale unit, on top of crew hours.
    public var materialCost: Double
    public var shutdown: ShutdownRule
    /// Households disturbed while it runs count towards disruption (default true).
    public var disruptive: Bool

    enum CodingKeys: String, CodingKey, CaseIterable {
        case name, trades, hours, per, after
        case materialCost = "material_cost"
        case shutdown, disruptive
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.strictContainer(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        trades = try c.decode(OrderedMapping<Int>.self, forKey: .trades)
        hours = try c.decode(Distribution.self, forKey: .hours)
        // Any other word names a quantity column of the inventory; the validator checks it is one.
        let perText = try c.decodeIfPresent(String.self, forKey: .per) ?? ScaleUnit.building.rawValue
        if let unit = ScaleUnit(rawValue: perText), unit != .quantity {
            per = unit
        } else {
            per = .quantity
            quantity = perText
        }
        after = try c.decodeIfPresent([String].self, forKey: .after) ?? []
        materialCost = try c.decodeIfPresent(Double.self, forKey: .materialCost) ?? 0
        shutdown = try c.decodeIfPresent(ShutdownRule.self, forKey: .shutdown) ?? .hold
        disruptive = try c.decodeIfPresent(Bool.self, forKey: .disruptive) ?? true
    }
}

/// The order in which waiting work orders get crews: each rule is a key
/// computed once when an order becomes ready, lower first, ties to the
/// lower work-order number (docs/scenario-reference.md, "Dispatch").
public enum DispatchRule: String, Codable, Sendable, CaseIterable {
    /// First ready, first served: the key is the time the order became ready.
    case fifo
    /// Finish one community before starting the next (release order, then building).
    case community
    /// Shortest expected work first.
    case shortest
    /// Latest finish time from a backward pass over expected durations.
    case latestFinish = "latest_finish"
    /// Latest start time: the latest finish time less the order's own expected hours.
    case latestStart = "latest_start"
    /// Most successors first: the number of orders that wait for it, directly or not.
    case mostSuccessors = "most_successors"
}

/// How long the best-ranked blocked work order may wait before it reserves
/// the crews it needs (docs/scenario-reference.md, "Dispatch"): a number
/// of days, or `off`.
public enum StarvationGuard: Codable, Sendable, Equatable {
    case off
    case days(Double)

    /// The default: half a year.
    public static let standard = StarvationGuard.days(180)

    public init(from decoder: Decoder) throws {
        let single = try decoder.singleValueContainer()
        // A number first: YAML reads a plain `90` as a string too.
        if let days = try? single.decode(Double.self) {
            self = .days(days)
        } else if let word = try? single.decode(String.self) {
            guard word == "off" else {
                throw DecodingError.dataCorruptedError(
                    in: single, debugDescription: "unknown starvation guard '\(word)'; expected a number of days or off")
            }
            self = .off
        } else {
            self = .days(try single.decode(Double.self))
        }
    }

    public func encode(to encoder: Encoder) throws {
        var single = encoder.singleValueContainer()
        switch self {
        case .off: try single.encode("off")
        case .days(let days): try single.encode(days)
        }
    }

    /// The wait in hours after which the guard acts; infinite when off.
    public var hours: Double {
        switch self {
        case .off: .infinity
        case .days(let days): days * 24
        }
    }
}

/// How communities are released for work.
public enum ReleaseSpec: Codable, Sendable {
    /// Everything on the start date.
    case all
    /// Communities in equal tranches at the start of each of `years` years, in listed order.
    case evenly(years: Int)
    /// Explicit phases: each lists the communities released on its date.
    case phases([PhaseSpec])

    enum CodingKeys: String, CodingKey, CaseIterable { case type, years, phases }

    public init(from decoder: Decoder) throws {
        if let single = try? decoder.singleValueContainer(), let word = try? single.decode(String.self) {
            guard word == "all" else {
                throw DecodingError.dataCorruptedError(
                    in: single, debugDescription: "unknown release '\(word)'; expected all, {type: evenly, years: N} or {type: phases, phases: [...]}")
            }
            self = .all
            return
        }
        let c = try decoder.strictContainer(keyedBy: CodingKeys.self)
        let type = try c.decode(String.self, forKey: .type)
        // A key of another release type (`phases` under `type: evenly`) would otherwise be ignored silently.
        let applicable: [CodingKeys] = switch type {
        case "evenly": [.type, .years]
        case "phases": [.type, .phases]
        default: [.type]
        }
        for key in c.allKeys where !applicable.contains(key) {
            throw DecodingError.dataCorrupted(.init(
                codingPath: c.codingPath + [key],
                debugDescription: "'\(key.stringValue)' does not apply to release type '\(type)'; expected only "
                    + applicable.map(\.stringValue).joined(separator: ", ")))
        }
        switch type {
        case "all": self = .all
        case "evenly": self = .evenly(years: try c.decode(Int.self, forKey: .years))
        case "phases": self = .phases(try c.decode([PhaseSpec].self, forKey: .phases))
        default:
            throw DecodingError.dataCorruptedError(
                forKey: .type, in: c, debugDescription: "unknown release type '\(type)'; expected all, evenly or phases")
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .all: try c.encode("all", forKey: .type)
        case .evenly(let years):
            try c.encode("evenly", forKey: .type)
            try c.encode(years, forKey: .years)
        case .phases(let phases):
            try c.encode("phases", forKey: .type)
            try c.encode(phases, forKey: .phases)
        }
    }
}

public struct PhaseSpec: Codable, Sendable {
    public var start: CivilDate
    public var communities: [String]
    /// When these communities' preparation starts; absent means the plan's preparation start.
    public var preparationStart: CivilDate?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case start, communities
        case preparationStart = "preparation_start"
    }

    public init(start: CivilDate, communities: [String], preparationStart: CivilDate? = nil) {
        self.start = start
        self.communities = communities
        self.preparationStart = preparationStart
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.strictContainer(keyedBy: CodingKeys.self)
        start = try c.decode(CivilDate.self, forKey: .start)
        communities = try c.decode([String].self, forKey: .communities)
        preparationStart = try c.decodeIfPresent(CivilDate.self, forKey: .preparationStart)
    }
}

/// One way to run the programme: release phasing, dispatch rule, crews.
public struct PlanSpec: Codable, Sendable {
    public var name: String
    public var description: String?
    public var deadline: CivilDate?
    public var release: ReleaseSpec
    public var dispatch: DispatchRule
    /// Work type names in the order they win the dispatch rule's ties (empty: work-order number).
    public var priority: [String]
    /// Crew counts that replace the trades' own.
    public var crews: OrderedMapping<Int>
    public var supervisors: Int?
    public var defectTeam: Int?
    public var starvationGuard: StarvationGuard
    /// Work type → days after its community's release before which none of
    /// its orders is dispatched (empty: no such bound).
    public var notBefore: OrderedMapping<Double>
    public var preparation: PlanPreparationSpec?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case name, description, deadline, release, dispatch, priority, crews, supervisors
        case defectTeam = "defect_team"
        case starvationGuard = "starvation_guard_days"
        case notBefore = "not_before"
        case preparation
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.strictContainer(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        description = try c.decodeIfPresent(String.self, forKey: .description)
        deadline = try c.decodeIfPresent(CivilDate.self, forKey: .deadline)
        release = try c.decodeIfPresent(ReleaseSpec.self, forKey: .release) ?? .all
        dispatch = try c.decodeIfPresent(DispatchRule.self, forKey: .dispatch) ?? .fifo
        priority = try c.decodeIfPresent([String].self, forKey: .priority) ?? []
        crews = try c.decodeIfPresent(OrderedMapping<Int>.self, forKey: .crews) ?? OrderedMapping()
        supervisors = try c.decodeIfPresent(Int.self, forKey: .supervisors)
        defectTeam = try c.decodeIfPresent(Int.self, forKey: .defectTeam)
        starvationGuard = try c.decodeIfPresent(StarvationGuard.self, forKey: .starvationGuard) ?? .standard
        notBefore = try c.decodeIfPresent(OrderedMapping<Double>.self, forKey: .notBefore) ?? OrderedMapping()
        preparation = try c.decodeIfPresent(PlanPreparationSpec.self, forKey: .preparation)
    }
}

extension String {
    var trimmed: String {
        var s = Substring(self)
        while s.first?.isWhitespace == true { s = s.dropFirst() }
        while s.last?.isWhitespace == true { s = s.dropLast() }
        return String(s)
    }

    init(format2 value: Int) {
        self = value < 10 ? "0\(value)" : "\(value)"
    }
}
