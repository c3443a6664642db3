/// Waiting time by cause, in calendar days of delay summed over all work
/// orders (docs/scenario-reference.md, "Waits"): the time an order spent
/// waiting for crews, a supervisor, its predecessors, money or the end of a
/// shutdown, plus the delay rain and paused shutdowns added to its finish.
/// A cause that cannot occur is exactly 0.
public struct WaitsByCause: Codable, Sendable, Equatable {
    public var crew = 0.0
    public var supervisor = 0.0
    public var weather = 0.0
    public var shutdown = 0.0
    public var budget = 0.0
    public var predecessor = 0.0

    public init() {}

    public static let causes = ["crew", "supervisor", "weather", "shutdown", "budget", "predecessor"]

    public var values: [Double] { [crew, supervisor, weather, shutdown, budget, predecessor] }
}

/// Resident-reported defects and how many met each "54321" service level.
public struct DefectOutcome: Codable, Sendable, Equatable {
    public var reported = 0
    public var complex = 0
    /// Reports that met each level: register, on site, small fix, complex plan, follow-up.
    public var met = [0, 0, 0, 0, 0]
    /// Reports each level applies to (small fix only to small ones, plan only to complex ones).
    public var applicable = [0, 0, 0, 0, 0]
    /// Mean wait for a free responder, hours.
    public var meanResponderWait = 0.0
    /// Reports that found the desk full (``DefectDesk``'s in-flight limit)
    /// and were never answered: they meet no service level.
    public var unanswered = 0

    public init() {}

    enum CodingKeys: String, CodingKey {
        case reported, complex, met, applicable, meanResponderWait, unanswered
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        reported = try c.decode(Int.self, forKey: .reported)
        complex = try c.decode(Int.self, forKey: .complex)
        met = try c.decode([Int].self, forKey: .met)
        applicable = try c.decode([Int].self, forKey: .applicable)
        meanResponderWait = try c.decode(Double.self, forKey: .meanResponderWait)
        // Absent from files written before the limit existed.
        unanswered = try c.decodeIfPresent(Int.self, forKey: .unanswered) ?? 0
    }

    public static let tiers = ["register", "on_site", "small_fix", "complex_plan", "follow_up"]

    /// Share meeting each level; NaN where none applied.
    public var attainment: [Double] {
        zip(met, applicable).map { $1 > 0 ? Double($0) / Double($1) : .nan }
    }
}

/// What the risk register did in one replication, one entry per risk.
public struct RiskOutcome: Codable, Sendable, Equatable {
    /// Units of scope in which the risk occurred (whether or not it then hit any work).
    public var occurrences: [Int]
    /// Calendar days of start delay and of stop (closed days up to the
    /// finish), plus extra working hours ÷ hours per day, summed over what the risk hit.
    public var daysLost: [Double]
    /// Money the risk added to the work orders it hit.
    public var cost: [Double]

    public init(occurrences: [Int], daysLost: [Double], cost: [Double]) {
        self.occurrences = occurrences
        self.daysLost = daysLost
        self.cost = cost
    }
}

/// What money from higher levels did in one replication (`funding`).
public struct FundingOutcome: Codable, Sendable, Equatable {
    /// Calendar days work orders waited for money, summed over orders.
    public var heldDays: Double
    /// Most money committed beyond the tranches arrived at any time.
    public var peakAdvance: Double
    /// Per tranche: when it arrived (or would have, past the horizon), days from the start.
    public var arrivalDays: [Double]
    /// Per tranche: the amount drawn.
    public var amounts: [Double]

    public init(heldDays: Double, peakAdvance: Double, arrivalDays: [Double], amounts: [Double]) {
        self.heldDays = heldDays
        self.peakAdvance = peakAdvance
        self.arrivalDays = arrivalDays
        self.amounts = amounts
    }
}

/// Everything one replication of one plan yields.
public struct ReplicationResult: Codable, Sendable, Equatable {
    public var replication: Int
    /// Whether every work order was accepted.
    public var finished: Bool
    /// When the last work order was accepted, in days from the start (the
    /// horizon when unfinished).
    public var finishDays: Double
    public var deadlineMet: Bool
    public var communityFinishDays: [Double]
    /// Buildings completed in each calendar year from the start year.
    public var completionsPerYear: [Int]
    /// Crew-hours worked ÷ crew-hours available on the trade's calendar, per trade.
    public var crewUtilisation: [Double]
    /// Crew-hours worked per trade and calendar month, flat: trade `t`'s
    /// month `m` (months of ``CompiledPlan/monthStartHours``) is `t · months + m`.
    /// A job's hours are split over the months it spans in proportion to
    /// its calendar's working hours in each. Not encoded in result files.
    public var workedCrewHoursByMonth: [Double]
    public var waits: WaitsByCause
    public var inspections: Int
    public var failedInspections: Int
    public var reworkHours: Double
    public var defects: DefectOutcome
    /// Σ households × days between a building's first disruptive start and last disruptive acceptance.
    public var householdDaysDisrupted: Double
    /// Money committed in each calendar year from the start year.
    public var costPerYear: [Double]
    public var totalCost: Double
    /// Most buildings under works at the same time.
    public var peakSites: Int
    public var events: Int
    public var unfinishedOrders: Int
    /// What was stuck when work remained but nothing could happen any more.
    public var stall: String?
    /// Acceptance time of every work order in days (model order numbering); not encoded in summaries.
    public var orderFinishDays: [Float]
    /// When each work order's first job began working, in days (NaN if it never did);
    /// nil in files written before it was recorded. Not encoded in summaries.
    public var orderStartDays: [Float]? = nil
    /// Per trade: crew wait, in days, of the work orders accepted in the
    /// final window — the last ``finalWindowShare`` of the time from the
    /// start to the last acceptance. The trade with the most is the one
    /// whose crews bound the end of the programme.
    public var finalWindowCrewWaitDays: [Double]
    /// Per work type (building types, then community types): its last
    /// acceptance in days, NaN when none was accepted.
    public var lastAcceptanceDaysByType: [Double]
    /// Preparation's metrics; nil without a `preparation` section (and in older files).
    public var preparation: PreparationOutcome? = nil
    /// Per milestone of the plan: whether it was met; nil without `milestones` (and in older files).
    public var milestonesMet: [Bool]? = nil

    /// What each risk of the register did (in register order); nil without
    /// a register, and absent from files written before risks existed.
    public var risks: RiskOutcome? = nil
    /// Money from tranches and the city's advance; nil without `funding`.
    public var funding: FundingOutcome? = nil

    /// The final window's share of the time from the start to the last acceptance.
    public static let finalWindowShare = 0.1

    public var failureRate: Double {
        inspections > 0 ? Double(failedInspections) / Double(inspections) : 0
    }
}
