import Renovation

/// What the page's form starts from for one plan: the values the plan
/// runs with (a trade's crews after the plan's overrides), and its release
/// as written plus, whatever its type, the phases it amounts to (the
/// communities grouped by release date) for the phase selects.
public struct PlanDefaults: Codable, Sendable, Equatable {
    public struct Trade: Codable, Sendable, Equatable {
        public var name: String
        public var crews: Int
    }

    public var plan: String
    public var description: String?
    public var trades: [Trade]
    /// Nil when the scenario has no `supervisors` section (the field is then hidden).
    public var supervisors: Int?
    /// Nil when the scenario has no `defects` section.
    public var defectTeam: Int?
    public var deadline: String
    public var dispatch: String
    public var dispatchRules: [String]
    public var release: ReleaseEdit
    /// The release as phases: each distinct release date with its communities in release order.
    public var phases: [ReleaseEdit.Phase]
    public var communities: [String]

    enum CodingKeys: String, CodingKey {
        case plan, description, trades, supervisors, defectTeam = "defect_team", deadline, dispatch
        case dispatchRules = "dispatch_rules", release, phases, communities
    }

    public init(model: CompiledPlan, spec: PlanSpec, scenario: Scenario) {
        plan = model.planName
        description = spec.description
        trades = zip(model.tradeNames, model.crews).map { Trade(name: $0, crews: $1) }
        supervisors = scenario.supervisors == nil ? nil : model.supervisors
        defectTeam = scenario.defects == nil ? nil : model.defectTeam
        deadline = model.deadline.description
        dispatch = spec.dispatch.rawValue
        dispatchRules = DispatchRule.allCases.map(\.rawValue)
        release = Self.written(spec.release)
        var grouped: [(day: Double, names: [String])] = []
        for c in model.releaseOrder {
            let day = model.releaseTime[c]
            if let last = grouped.indices.last, grouped[last].day == day {
                grouped[last].names.append(model.communities[c].name)
            } else {
                grouped.append((day, [model.communities[c].name]))
            }
        }
        phases = grouped.map { ReleaseEdit.Phase(start: model.start.adding(days: Int($0.day / 24)).description, communities: $0.names) }
        communities = model.communities.map(\.name)
    }

    /// A release as the page edits it.
    static func written(_ release: ReleaseSpec) -> ReleaseEdit {
        switch release {
        case .all: ReleaseEdit(type: "all")
        case .evenly(let years): ReleaseEdit(type: "evenly", years: String(years))
        case .phases(let phases):
            ReleaseEdit(type: "phases", phases: phases.map { .init(start: $0.start.description, communities: $0.communities) })
        }
    }
}
