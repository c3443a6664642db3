/// What the page changed in one plan: each field is the text the planner
/// typed (nil: not changed). Values stay text so that a typo reaches the
/// scenario validator and comes back as its located error, exactly as
/// `renosim validate` reports it for a file; a value is always written as
/// one YAML scalar (quoted when it is not a plain word or number), so no
/// text can add keys or structure.
///
///     {"crews": {"facade": "10"}, "dispatch": "shortest",
///      "release": {"type": "phases", "phases": [{"start": "2022-03-01", "communities": ["A", "B"]}]}}
public struct PlanEdit: Codable, Sendable, Equatable {
    /// Crews per trade (the plan's `crews:`), for the trades whose count changes.
    public var crews: [String: String]?
    /// The plan's `supervisors:`.
    public var supervisors: String?
    /// The plan's `defect_team:`, the 54321 response team.
    public var defectTeam: String?
    /// The plan's `deadline:`.
    public var deadline: String?
    /// The plan's `dispatch:` rule.
    public var dispatch: String?
    /// The plan's `release:`.
    public var release: ReleaseEdit?

    enum CodingKeys: String, CodingKey {
        case crews, supervisors, defectTeam = "defect_team", deadline, dispatch, release
    }

    public init(crews: [String: String]? = nil, supervisors: String? = nil, defectTeam: String? = nil,
                deadline: String? = nil, dispatch: String? = nil, release: ReleaseEdit? = nil) {
        self.crews = crews
        self.supervisors = supervisors
        self.defectTeam = defectTeam
        self.deadline = deadline
        self.dispatch = dispatch
        self.release = release
    }
}

/// A plan's release as the page sets it: `all`, `evenly` over `years`, or explicit `phases`.
public struct ReleaseEdit: Codable, Sendable, Equatable {
    public var type: String
    public var years: String?
    public var phases: [Phase]?

    public struct Phase: Codable, Sendable, Equatable {
        public var start: String
        public var communities: [String]

        public init(start: String, communities: [String]) {
            self.start = start
            self.communities = communities
        }
    }

    public init(type: String, years: String? = nil, phases: [Phase]? = nil) {
        self.type = type
        self.years = years
        self.phases = phases
    }
}
