import DiscreteEvent
import Stochastic

/// What a community goes through before its works can start: a door-to-door
/// survey, rounds of consultation until residents consent, then design and
/// expert approval (docs/scenario-reference.md, "Preparation"). Every
/// duration in days is calendar days; the survey is working hours of the
/// scenario's calendar.
public struct PreparationSpec: Codable, Sendable {
    public var survey: SurveySpec
    public var consultation: ConsultationSpec
    /// Calendar days from consent to a finished design.
    public var designDays: Distribution
    /// Calendar days of expert review and approval after design.
    public var approvalDays: Distribution
    /// Work types done only when residents ask for them at consultation,
    /// with the probability that they do, per community.
    public var optionalWork: OrderedMapping<Double>

    enum CodingKeys: String, CodingKey, CaseIterable {
        case survey, consultation
        case designDays = "design_days"
        case approvalDays = "approval_days"
        case optionalWork = "optional_work"
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.strictContainer(keyedBy: CodingKeys.self)
        survey = try c.decode(SurveySpec.self, forKey: .survey)
        consultation = try c.decode(ConsultationSpec.self, forKey: .consultation)
        designDays = try c.decodeIfPresent(Distribution.self, forKey: .designDays) ?? .constant(0)
        approvalDays = try c.decodeIfPresent(Distribution.self, forKey: .approvalDays) ?? .constant(0)
        optionalWork = try c.decodeIfPresent(OrderedMapping<Double>.self, forKey: .optionalWork) ?? OrderedMapping()
    }
}

/// Door-to-door questionnaires and building visits ("扫楼").
public struct SurveySpec: Codable, Sendable {
    /// Survey teams working at the same time, one community each.
    public var teams: Int
    /// Surveyors per team; a community's survey hours are divided among them.
    public var teamSize: Int
    public var minutesPerHousehold: Double
    public var hoursPerBuilding: Double

    enum CodingKeys: String, CodingKey, CaseIterable {
        case teams
        case teamSize = "team_size"
        case minutesPerHousehold = "minutes_per_household"
        case hoursPerBuilding = "hours_per_building"
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.strictContainer(keyedBy: CodingKeys.self)
        teams = try c.decode(Int.self, forKey: .teams)
        teamSize = try c.decodeIfPresent(Int.self, forKey: .teamSize) ?? 1
        minutesPerHousehold = try c.decode(Double.self, forKey: .minutesPerHousehold)
        hoursPerBuilding = try c.decodeIfPresent(Double.self, forKey: .hoursPerBuilding) ?? 0
    }
}

/// What happens to a community whose consultation reaches its round limit without consent.
public enum ConsentLimitChoice: String, Codable, Sendable, CaseIterable {
    /// Go ahead with the core scope only: no optional work.
    case cutScope = "cut_scope"
    /// Take the community out of this programme: none of its works is done.
    case `defer`
}

/// Rounds of meetings; each reaches consent with a probability.
public struct ConsultationSpec: Codable, Sendable {
    /// Calendar days of one round.
    public var roundDays: Distribution
    public var consentProbability: Double
    /// Change of the consent probability per 100 households of the community
    /// (negative: larger communities agree less easily); the result is kept within [0, 1].
    public var consentPer100Households: Double
    /// Calendar days of redesign after a failed round, before the next.
    public var redesignDays: Distribution
    public var maxRounds: Int
    public var onLimit: ConsentLimitChoice

    enum CodingKeys: String, CodingKey, CaseIterable {
        case roundDays = "round_days"
        case consentProbability = "consent_probability"
        case consentPer100Households = "consent_per_100_households"
        case redesignDays = "redesign_days"
        case maxRounds = "max_rounds"
        case onLimit = "on_limit"
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.strictContainer(keyedBy: CodingKeys.self)
        roundDays = try c.decode(Distribution.self, forKey: .roundDays)
        consentProbability = try c.decode(Double.self, forKey: .consentProbability)
        consentPer100Households = try c.decodeIfPresent(Double.self, forKey: .consentPer100Households) ?? 0
        redesignDays = try c.decodeIfPresent(Distribution.self, forKey: .redesignDays) ?? .constant(0)
        maxRounds = try c.decodeIfPresent(Int.self, forKey: .maxRounds) ?? 3
        onLimit = try c.decodeIfPresent(ConsentLimitChoice.self, forKey: .onLimit) ?? .cutScope
    }
}

/// A plan's preparation settings, over the scenario's `preparation` section.
public struct PlanPreparationSpec: Codable, Sendable {
    /// When preparation starts for communities whose phase sets no `preparation_start`; absent means the programme start.
    public var start: CivilDate?
    public var surveyTeams: Int?
    /// Multiplies every preparation duration in days (rounds, redesign, design, approval): 0.67 is "one third shorter".
    public var durationFactor: Double
    public var onLimit: ConsentLimitChoice?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case start
        case surveyTeams = "survey_teams"
        case durationFactor = "duration_factor"
        case onLimit = "on_limit"
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.strictContainer(keyedBy: CodingKeys.self)
        start = try c.decodeIfPresent(CivilDate.self, forKey: .start)
        surveyTeams = try c.decodeIfPresent(Int.self, forKey: .surveyTeams)
        durationFactor = try c.decodeIfPresent(Double.self, forKey: .durationFactor) ?? 1
        onLimit = try c.decodeIfPresent(ConsentLimitChoice.self, forKey: .onLimit)
    }
}
