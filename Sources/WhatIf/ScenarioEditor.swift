import Renovation
import Sharding

/// Applies a ``PlanEdit`` to a scenario's text and loads the result with
/// the same loader and validator as `renosim validate`: the edited text is
/// the scenario the run uses and the file the page downloads.
///
/// Only values that differ from the plan as written are set, so an
/// untouched plan yields the file byte for byte (and the run the same
/// scenario hash as `renosim run` on that file).
public enum ScenarioEditor {
    /// The edited scenario, loaded, with the plan compiled.
    public struct Edited: Sendable {
        public let bytes: [UInt8]
        public let loaded: LoadedScenario
        public let model: CompiledPlan
    }

    /// Why an edit cannot run: located issues, each with the page field it belongs to.
    public struct Rejection: Error, Sendable {
        public let issues: [FieldIssue]
        /// The edited text the issues' lines and columns refer to (nil when no text was made).
        public let bytes: [UInt8]?
    }

    /// One issue as the page shows it beside a field (`crews.roofing`, `deadline`, …), or above the form.
    public struct FieldIssue: Codable, Sendable, Equatable {
        public var field: String?
        public var keyPath: String
        public var line: Int?
        public var column: Int?
        public var message: String
        /// `file:line:column: error: key: message; expected …`, as `renosim validate` prints it.
        public var description: String
    }

    public static func apply(_ edit: PlanEdit, to entry: WhatIfCatalogue.Entry, plan: String) throws(Rejection) -> Edited {
        let scenario = entry.loaded.scenario
        guard let planIndex = scenario.plans.firstIndex(where: { $0.name == plan }) else {
            throw Rejection(issues: [FieldIssue(field: "plan", keyPath: "plans", message: "the scenario has no plan '\(plan)'",
                                                description: "error: plans: the scenario has no plan '\(plan)'; expected one of "
                                                    + scenario.plans.map(\.name).joined(separator: ", "))],
                            bytes: nil)
        }
        let original: CompiledPlan
        do {
            original = try entry.loaded.compile(plan: plan)
        } catch {
            throw Rejection(issues: error.issues.map { issue(for: $0, plan: planIndex) }, bytes: nil)
        }
        var bytes = entry.bytes
        do {
            for (key, value) in assignments(edit, spec: scenario.plans[planIndex], scenario: scenario, model: original) {
                bytes = try PlanTextEdit.set(key, to: value, plan: planIndex, in: bytes)
            }
        } catch {
            throw Rejection(issues: [FieldIssue(field: nil, keyPath: "plans[\(planIndex)]", message: error.message,
                                                description: "\(entry.file): error: plans[\(planIndex)]: \(error.message)")],
                            bytes: nil)
        }
        do {
            let loaded = try ScenarioLoader.load(bytes: bytes, file: entry.file)
            return Edited(bytes: bytes, loaded: loaded, model: try loaded.compile(plan: plan))
        } catch {
            throw Rejection(issues: error.issues.map { issue(for: $0, plan: planIndex) }, bytes: bytes)
        }
    }

    /// The plan keys to write, in a fixed order, each as one line of YAML.
    static func assignments(_ edit: PlanEdit, spec: PlanSpec, scenario: Scenario,
                            model: CompiledPlan) -> [(String, String)] {
        var out: [(String, String)] = []
        let scalar = ScenarioOverride.yamlScalar
        if let crews = edit.crews {
            let changed = crews.filter { trade, count in
                model.tradeNames.firstIndex(of: trade).map { String(model.crews[$0]) != count } ?? true
            }
            if !changed.isEmpty {
                // The plan's own overrides stay; changed trades are set; scenario order, then any unknown name.
                var names = scenario.trades.keys
                names += changed.keys.filter { !names.contains($0) }.sorted()
                let entries = names.compactMap { name -> String? in
                    guard let value = changed[name] ?? spec.crews[name].map(String.init) else { return nil }
                    return scalar(name) + ": " + scalar(value)
                }
                out.append(("crews", "{" + entries.joined(separator: ", ") + "}"))
            }
        }
        if let supervisors = edit.supervisors, supervisors != String(model.supervisors) {
            out.append(("supervisors", scalar(supervisors)))
        }
        if let team = edit.defectTeam, team != String(model.defectTeam) { out.append(("defect_team", scalar(team))) }
        if let deadline = edit.deadline, deadline != model.deadline.description { out.append(("deadline", scalar(deadline))) }
        if let dispatch = edit.dispatch, dispatch != spec.dispatch.rawValue { out.append(("dispatch", scalar(dispatch))) }
        if let release = edit.release, release != PlanDefaults.written(spec.release) {
            out.append(("release", yaml(release)))
        }
        return out
    }

    /// A release as one line of YAML.
    static func yaml(_ release: ReleaseEdit) -> String {
        let scalar = ScenarioOverride.yamlScalar
        switch release.type {
        case "all":
            return "all"
        case "evenly":
            return "{type: evenly, years: \(scalar(release.years ?? ""))}"
        default:
            let phases = (release.phases ?? []).map { phase in
                "{start: \(scalar(phase.start)), communities: [\(phase.communities.map(scalar).joined(separator: ", "))]}"
            }
            return "{type: \(scalar(release.type)), phases: [\(phases.joined(separator: ", "))]}"
        }
    }

    /// The page field an issue of plan `plan` belongs to: `plans[i].crews.roofing` → `crews.roofing`.
    static func issue(for issue: ScenarioIssue, plan: Int) -> FieldIssue {
        let prefix = "plans[\(plan)]."
        var field: String?
        if issue.keyPath.hasPrefix(prefix) {
            let rest = issue.keyPath.dropFirst(prefix.count)
            let head = rest.prefix { $0 != "." && $0 != "[" }
            switch head {
            case "crews": field = rest.split(separator: ".").count > 1 ? String(rest.prefix { $0 != "[" }) : "crews"
            case "supervisors", "defect_team", "deadline", "dispatch", "release": field = String(head)
            default: field = nil
            }
        }
        return FieldIssue(field: field, keyPath: issue.keyPath, line: issue.line, column: issue.column,
                          message: issue.message + (issue.expected.map { "; expected " + $0 } ?? ""),
                          description: issue.description)
    }
}
