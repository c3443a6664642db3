/// Work templates: names, trades and crew counts, work content, precedence.
extension ScenarioChecks {
    /// One work type with where it is written.
    struct WorkEntry {
        let spec: WorkTypeSpec
        let path: ScenarioKeyPath
    }

    /// Building templates first, then community ones: one namespace, one precedence graph.
    var workEntries: [WorkEntry] {
        scenario.work.building.enumerated().map { WorkEntry(spec: $1, path: ScenarioKeyPath() + "work" + "building" + $0) }
            + scenario.work.community.enumerated().map { WorkEntry(spec: $1, path: ScenarioKeyPath() + "work" + "community" + $0) }
    }

    mutating func checkWork() {
        let entries = workEntries
        if entries.isEmpty {
            error(ScenarioKeyPath() + "work", "no work types",
                  expected: "at least one work type under `work.building` or `work.community`")
        }
        requireUnique(entries.map(\.spec.name), { entries[$0].path + "name" }, "work type name")
        if scenario.work.building.count > Self.maximumBuildingWorkTypes {
            error(ScenarioKeyPath() + "work" + "building", "\(scenario.work.building.count) building work types",
                  expected: "at most \(Self.maximumBuildingWorkTypes) (results.sqlite keeps each building's finishes "
                      + "by work type side by side, and SQLite joins at most 500 selects in one view)")
        }
        let names = entries.map(\.spec.name)
        for entry in entries {
            let work = entry.spec
            requireName(work.name, entry.path + "name", "work type name")
            if work.trades.entries.isEmpty {
                error(entry.path + "trades", "work type '\(work.name)' needs no trade",
                      expected: "at least one trade with the number of crews it needs, e.g. `{roofing: 1}`")
            }
            for (trade, crews) in work.trades.entries {
                let tradePath = entry.path + "trades" + trade
                requireTrade(trade, tradePath)
                require(crews, tradePath, "a whole number of crews", from: 1, to: Self.maximumCrews)
                // Only when both counts are valid: a negative count is reported on its own.
                if let available = scenario.trades[trade]?.crews, crews > available, crews >= 1, available >= 0 {
                    error(tradePath,
                          "work type '\(work.name)' needs \(Self.count(crews, "crew")) of '\(trade)' at once but the trade has \(available)",
                          expected: "at most \(Self.count(available, "crew")), or more crews in trades.\(trade)")
                }
            }
            if work.per == .quantity { checkQuantity(work, entry.path + "per") }
            requireNonNegative(work.hours, entry.path + "hours", "working hours")
            require(work.materialCost, entry.path + "material_cost", "a cost", from: .closed(0))
            for (i, predecessor) in work.after.enumerated() where !names.contains(predecessor) {
                error(entry.path + "after" + i, Self.unknown(predecessor, "a work type", among: names),
                      expected: "names of work types under work.building or work.community")
            }
        }
        checkPrecedenceCycles(entries)
        require(scenario.work.communityCorrelation, ScenarioKeyPath() + "work" + "community_correlation",
                "a correlation", from: .closed(0), to: .open(1))
    }

    /// `per: roof_m2` must name a quantity column of the inventory, and
    /// every building must come from it (a listed or generated one has no quantities).
    private mutating func checkQuantity(_ work: WorkTypeSpec, _ path: ScenarioKeyPath) {
        let name = work.quantity ?? ""
        let units = ScaleUnit.named.map(\.rawValue)
        guard let table = scenario.inventory?.table else {
            error(path, Self.unknown(name, "a scale unit", among: units),
                  expected: "one of " + units.joined(separator: ", ") + ", or a quantity column of an `inventory:` table")
            return
        }
        guard table.availableQuantities.contains(name) else {
            let file = scenario.inventory?.file ?? ""
            error(path, Self.unknown(name, "a scale unit or a quantity column of \(file)", among: units + table.availableQuantities),
                  expected: "one of " + units.joined(separator: ", ") + " or a quantity column: "
                      + (table.availableQuantities.isEmpty ? "(the table has none)" : table.availableQuantities.joined(separator: ", ")))
            return
        }
        let listed = (scenario.communities ?? []).count - table.communities.count
        if listed > 0 || !(scenario.generate ?? []).isEmpty {
            error(path, "work type '\(work.name)' scales by '\(name)', which only the inventory's buildings have, "
                      + "but the scenario also " + (listed > 0 ? "lists \(Self.count(listed, "community", "communities")) itself" : "generates communities"),
                  expected: "every community from the inventory, or a scale unit every building has ("
                      + units.joined(separator: ", ") + ")")
        }
    }

    /// Reports each precedence cycle once, by name in the order the work
    /// would have to run: `roofing → facade → roofing`.
    ///
    /// Kahn's algorithm removes every work type whose predecessors can all
    /// finish; each one left has a predecessor left, so walking predecessors
    /// from it must close a cycle. The cycle is reported and removed, and
    /// the rest re-checked, until nothing is left. Iterative: no recursion
    /// depth to worry about with thousands of work types.
    private mutating func checkPrecedenceCycles(_ entries: [WorkEntry]) {
        var index: [String: Int] = [:]
        for (i, entry) in entries.enumerated() where index[entry.spec.name] == nil { index[entry.spec.name] = i }
        // predecessors[i]: the work types i waits for (unknown names are reported elsewhere).
        let predecessors = entries.map { entry in
            var seen = Set<Int>()
            return entry.spec.after.compactMap { index[$0] }.filter { seen.insert($0).inserted }
        }
        var remaining = Set(entries.indices)
        while true {
            remaining = Self.unfinishable(remaining, predecessors)
            guard let start = remaining.min() else { return }
            var walk = [start]
            var position = [start: 0]
            var current = start
            while true {
                // Every remaining node has a remaining predecessor, else Kahn would have removed it.
                guard let next = predecessors[current].first(where: remaining.contains) else { return }
                if let seenAt = position[next] {
                    let cycle = Array(walk[seenAt...].reversed())
                    reportCycle(cycle, entries)
                    remaining.subtract(cycle)
                    break
                }
                position[next] = walk.count
                walk.append(next)
                current = next
            }
        }
    }

    /// The members of `nodes` that can never start: on a cycle, or after one.
    private static func unfinishable(_ nodes: Set<Int>, _ predecessors: [[Int]]) -> Set<Int> {
        var waiting: [Int: Int] = [:]
        var successors: [Int: [Int]] = [:]
        for node in nodes {
            let inside = predecessors[node].filter(nodes.contains)
            waiting[node] = inside.count
            for p in inside { successors[p, default: []].append(node) }
        }
        var ready = nodes.filter { waiting[$0] == 0 }.sorted()
        var left = nodes
        while let node = ready.popLast() {
            left.remove(node)
            for s in successors[node] ?? [] {
                waiting[s, default: 0] -= 1
                if waiting[s] == 0 { ready.append(s) }
            }
        }
        return left
    }

    private mutating func reportCycle(_ cycle: [Int], _ entries: [WorkEntry]) {
        // Start the cycle at its first-written work type, so the message does not depend on set order.
        guard let first = cycle.indices.min(by: { cycle[$0] < cycle[$1] }) else { return }
        let ordered = Array(cycle[first...] + cycle[..<first])
        let names = (ordered + [ordered[0]]).map { entries[$0].spec.name }
        // Point at the `after` of the first type that closes the loop back to it.
        let closing = ordered.count > 1 ? ordered[1] : ordered[0]
        error(entries[closing].path + "after",
              "precedence cycle: " + names.joined(separator: " → "),
              expected: "precedence without cycles (a work type cannot wait, directly or not, for itself)")
    }
}
