/// An instance as a renosim scenario: one community of one building, a
/// work type per job (constant `hours`, `per: fixed`, its resources as
/// trades), a trade per resource, a 24-hour 7-day calendar, and nothing
/// else — no inspections, rain, shutdowns, budget or defects. A job of
/// duration d hours starts at the hour renosim's trace gives.
public enum InstanceScenario {
    /// The scenario's YAML, with one plan per rule named after it.
    public static func yaml(_ instance: SchedulingInstance, rules: [PriorityRule] = PriorityRule.allCases,
                            starvationGuard: String = "off") -> String {
        var lines = [
            "name: rcpsp",
            "start: 2025-01-06",
            "deadline: 2025-12-31",
            "calendar:",
            "  workdays: [monday, tuesday, wednesday, thursday, friday, saturday, sunday]",
            "  shift_start: 0",
            "  hours_per_day: 24",
            "trades:",
        ]
        for r in 0..<instance.resourceCount { lines.append("  r\(r + 1): {crews: \(instance.capacities[r])}") }
        lines += ["communities:", "  - name: site", "    buildings: [{units: 1, floors: 1}]", "work:", "  building:"]
        for j in 0..<instance.jobCount {
            let trades = (0..<instance.resourceCount).filter { instance.demands[j][$0] > 0 }
                .map { "r\($0 + 1): \(instance.demands[j][$0])" }.joined(separator: ", ")
            var line = "    - {name: j\(j + 1), trades: {\(trades)}, hours: \(instance.durations[j]), per: fixed"
            if !instance.predecessors[j].isEmpty {
                line += ", after: [" + instance.predecessors[j].map { "j\($0 + 1)" }.joined(separator: ", ") + "]"
            }
            lines.append(line + "}")
        }
        lines.append("plans:")
        for rule in rules {
            lines.append("  - {name: \(rule.rawValue), dispatch: \(rule.rawValue), starvation_guard_days: \(starvationGuard)}")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
