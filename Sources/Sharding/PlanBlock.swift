import Foundation
import Renovation

/// A plan as YAML text that pastes into a scenario's `plans:` list, and a
/// scenario file's text with such a block added (everything else kept
/// byte for byte, comments included, as ``ScenarioOverride`` keeps it).
public enum PlanBlock {
    /// The plan as one list item, its `-` at `indent` spaces.
    public static func yaml(_ plan: PlanSpec, indent: Int = 2) -> String {
        let pad = String(repeating: " ", count: indent)
        let body = pad + "  "
        var lines = [pad + "- name: " + quoted(plan.name)]
        if let description = plan.description { lines.append(body + "description: " + quoted(description)) }
        if let deadline = plan.deadline { lines.append(body + "deadline: \(deadline)") }
        switch plan.release {
        case .all:
            lines.append(body + "release: all")
        case .evenly(let years):
            lines.append(body + "release: {type: evenly, years: \(years)}")
        case .phases(let phases):
            lines += [body + "release:", body + "  type: phases", body + "  phases:"]
            for phase in phases {
                var item = "{start: \(phase.start), communities: " + list(phase.communities)
                if let preparation = phase.preparationStart { item += ", preparation_start: \(preparation)" }
                lines.append(body + "    - " + item + "}")
            }
        }
        lines.append(body + "dispatch: " + plan.dispatch.rawValue)
        if !plan.priority.isEmpty { lines.append(body + "priority: " + list(plan.priority)) }
        if plan.starvationGuard != .standard {
            switch plan.starvationGuard {
            case .off: lines.append(body + "starvation_guard_days: off")
            case .days(let days): lines.append(body + "starvation_guard_days: \(days)")
            }
        }
        if !plan.notBefore.entries.isEmpty {
            lines.append(body + "not_before: {" + plan.notBefore.entries.map { quoted($0.key) + ": \($0.value)" }.joined(separator: ", ") + "}")
        }
        if !plan.crews.entries.isEmpty {
            lines.append(body + "crews: {" + plan.crews.entries.map { quoted($0.key) + ": \($0.value)" }.joined(separator: ", ") + "}")
        }
        if let supervisors = plan.supervisors { lines.append(body + "supervisors: \(supervisors)") }
        if let team = plan.defectTeam { lines.append(body + "defect_team: \(team)") }
        if let preparation = plan.preparation {
            // JSON is YAML: the plan's preparation settings carried over as they decode.
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            if let data = try? encoder.encode(preparation), let text = String(data: data, encoding: .utf8) {
                lines.append(body + "preparation: " + text)
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    public enum InsertError: Error, CustomStringConvertible {
        case noBlockList

        public var description: String {
            "the scenario's `plans:` is not a block list (`plans:` on a line of its own, then `- ` items); paste the plan block by hand"
        }
    }

    /// `text` with `plan` added as the last item of its top-level `plans:` list.
    public static func inserting(_ plan: PlanSpec, into text: String) throws(InsertError) -> String {
        var lines = text.components(separatedBy: "\n")
        guard let key = lines.firstIndex(where: { $0.hasPrefix("plans:") && $0.dropFirst(6).allSatisfy { $0 == " " || $0 == "\t" } })
        else { throw .noBlockList }
        // The block runs until the next line at column 0 that is not a comment.
        var end = key + 1
        var lastContent = key
        var indent: Int?
        while end < lines.count {
            let line = lines[end]
            let trimmed = line.drop { $0 == " " }
            if !line.isEmpty, line.first != " ", line.first != "#" { break }
            if !trimmed.isEmpty, trimmed.first != "#" {
                lastContent = end
                if indent == nil, trimmed.hasPrefix("- ") { indent = line.count - trimmed.count }
            }
            end += 1
        }
        guard let indent else { throw .noBlockList }
        let block = yaml(plan, indent: indent).dropLast().components(separatedBy: "\n")
        lines.insert(contentsOf: block, at: lastContent + 1)
        return lines.joined(separator: "\n")
    }

    static func list(_ names: [String]) -> String { "[" + names.map(quoted).joined(separator: ", ") + "]" }

    /// Plain when YAML reads it back as the same string (also inside a flow list), else double-quoted.
    static func quoted(_ text: String) -> String { ScenarioOverride.yamlScalar(text) }
}
