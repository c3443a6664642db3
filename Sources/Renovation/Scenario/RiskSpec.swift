import DiscreteEvent
import Stochastic

/// One entry of the risk register: an event that may or may not happen,
/// with a probability per unit of its scope, the work it is linked to,
/// when it can strike, and what it costs when it does
/// (docs/scenario-reference.md, "risks" and "Risks").
public struct RiskSpec: Codable, Sendable {
    public var name: String
    public var description: String?
    /// Chance of occurring, per unit of `per`.
    public var probability: Double
    public var per: RiskScope
    /// Work types the risk hits; with `trades`, the union; neither means every work type.
    public var workTypes: [String]
    /// Trades the risk hits (their work types, and for a stop their calendars).
    public var trades: [String]
    public var when: RiskWindow
    /// Risks naming the same driver draw the same chance per unit, so they
    /// occur together (the likelier one whenever the rarer one does).
    public var driver: String?
    public var impact: RiskImpactSpec

    enum CodingKeys: String, CodingKey, CaseIterable {
        case name, description, probability, per
        case workTypes = "work_types"
        case trades, when, driver, impact
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.strictContainer(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        description = try c.decodeIfPresent(String.self, forKey: .description)
        probability = try c.decode(Double.self, forKey: .probability)
        per = try c.decodeIfPresent(RiskScope.self, forKey: .per) ?? .programme
        workTypes = try c.decodeIfPresent([String].self, forKey: .workTypes) ?? []
        trades = try c.decodeIfPresent([String].self, forKey: .trades) ?? []
        when = try c.decodeIfPresent(RiskWindow.self, forKey: .when) ?? .running
        driver = try c.decodeIfPresent(String.self, forKey: .driver)
        impact = try c.decode(RiskImpactSpec.self, forKey: .impact)
    }
}

/// What a risk's probability applies to: each unit occurs or not on its own draw.
public enum RiskScope: String, Codable, Sendable, CaseIterable {
    /// Once for the whole programme.
    case programme
    /// Once per calendar year simulated.
    case year
    case community
    case building
    /// Once per linked work order.
    case order
}

/// When a risk strikes: whenever its linked work becomes ready (`running`),
/// or only inside a window of dates.
public enum RiskWindow: Codable, Sendable, Equatable {
    case running
    case dates(DateRange)

    public init(from decoder: Decoder) throws {
        let single = try decoder.singleValueContainer()
        let text = try single.decode(String.self)
        if text == "running" {
            self = .running
            return
        }
        guard let range = try? DateRange(from: decoder) else {
            throw DecodingError.dataCorruptedError(
                in: single, debugDescription: "'\(text)' is not a window; expected running or YYYY-MM-DD..YYYY-MM-DD")
        }
        self = .dates(range)
    }

    public func encode(to encoder: Encoder) throws {
        switch self {
        case .running:
            var single = encoder.singleValueContainer()
            try single.encode("running")
        case .dates(let range): try range.encode(to: encoder)
        }
    }
}

/// What one occurrence does; each present key is a distribution drawn once per occurrence.
public struct RiskImpactSpec: Codable, Sendable {
    /// Working hours added to each work order hit (its first run, not rework).
    public var extraHours: Distribution?
    /// Calendar days each work order hit waits, once ready, before it may take crews.
    public var startDelayDays: Distribution?
    /// Calendar days the linked trades (every trade when none is linked) stop, from a day drawn in the window.
    public var stopDays: Distribution?
    /// Money added to each work order hit, charged with its start against the year's budget.
    public var cost: Distribution?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case extraHours = "extra_hours"
        case startDelayDays = "start_delay_days"
        case stopDays = "stop_days"
        case cost
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.strictContainer(keyedBy: CodingKeys.self)
        extraHours = try c.decodeIfPresent(Distribution.self, forKey: .extraHours)
        startDelayDays = try c.decodeIfPresent(Distribution.self, forKey: .startDelayDays)
        stopDays = try c.decodeIfPresent(Distribution.self, forKey: .stopDays)
        cost = try c.decodeIfPresent(Distribution.self, forKey: .cost)
    }

    /// Whether an occurrence does anything to the work orders it hits (rather than only to calendars).
    public var hitsOrders: Bool { extraHours != nil || startDelayDays != nil || cost != nil }
}
