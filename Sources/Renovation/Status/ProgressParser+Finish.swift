import DiscreteEvent

extension ProgressParser {
    /// The status, once every row is read: each order's predecessors must
    /// have been accepted by the day it started, and the crews at work at
    /// the status date must exist in the plan.
    mutating func finish(sha256: String) throws(ScenarioError) -> PlanStatus {
        if !sawDateLine {
            fail(1, 0, nil, name: "status_date", "the progress file is empty",
                 expected: "a first line `status_date,YYYY-MM-DD`, a header row, then one row per started work order")
        }
        let date = self.date
        var rowOf: [Int: Int] = [:]
        for (i, row) in rows.enumerated() { rowOf[row.order] = i }
        let all = rows
        for row in all { checkPredecessors(of: row, rows: all, rowOf: rowOf) }
        checkCrews(all)
        guard issues.isEmpty, let date else {
            var shown = Array(issues.prefix(InventoryReader.maximumIssues))
            if issues.count > shown.count {
                shown.append(ScenarioIssue(kind: .validation, file: file, keyPath: "", message: "more problems follow; fix these first"))
            }
            throw ScenarioError(shown)
        }
        let end = plan.hours(at: date) + hoursPerCalendarDay
        var listed = [Bool](repeating: false, count: plan.orderCount)
        var entries: [PlanStatus.Entry] = []
        entries.reserveCapacity(rows.count)
        for row in rows {
            listed[row.order] = true
            let start = plan.hours(at: row.start)
            let finish = row.finish.map { plan.hours(at: $0) + hoursPerCalendarDay } ?? .nan
            let calendar = plan.calendars[plan.types[plan.typeIndex(of: row.order)].calendar]
            let worked = calendar.workHours(from: start, to: finish.isNaN ? end : finish)
            entries.append(PlanStatus.Entry(order: row.order, progress: progress(row), start: start, finish: finish,
                                            worked: worked))
        }
        return PlanStatus(date: date, hours: end, file: file, sha256: sha256, entries: entries, listed: listed)
    }

    func progress(_ row: Row) -> PlanStatus.Progress {
        guard row.finish != nil else { return .underWay }
        switch row.inspection {
        case .pass: return .accepted
        case .fail: return .failed
        case .none: return plan.supervisors == 0 ? .accepted : .awaitingInspection
        }
    }

    /// The orders `o` waits for (its type's predecessors, on its building or across its community).
    func predecessors(of o: Int) -> [Int] {
        let s = plan.typeIndex(of: o)
        let c = plan.community(of: o)
        var orders: [Int] = []
        for k in plan.types[s].predecessors {
            let type = plan.types[k]
            if type.level == .community {
                orders.append(plan.order(community: c, type: type.localIndex))
            } else if let b = plan.building(of: o) {
                orders.append(plan.order(building: b, type: type.localIndex))
            } else {
                for b in plan.communities[c].buildings { orders.append(plan.order(building: b, type: type.localIndex)) }
            }
        }
        return orders
    }

    mutating func checkPredecessors(of row: Row, rows: [Row], rowOf: [Int: Int]) {
        let column = position["start"] ?? 0
        let optional = Set(plan.preparation?.optionalTypes ?? [])
        for p in predecessors(of: row.order) {
            guard let i = rowOf[p] else {
                // Optional work may not have been asked for: then it is not done, and holds nothing up.
                if optional.contains(plan.typeIndex(of: p)) { continue }
                fail(row.line, column, row.record, name: "start",
                     "\(row.label) started on \(row.start), but its predecessor \(label(p)) is not listed as finished",
                     expected: "a row for the predecessor with its finish (and, with supervisors, inspection pass) on or before \(row.start)")
                return
            }
            let before = rows[i]
            guard let finish = before.finish, progress(before) == .accepted else {
                fail(row.line, column, row.record, name: "start",
                     "\(row.label) started on \(row.start), but its predecessor \(label(p)) (line \(before.line)) was not accepted"
                         + (before.finish == nil ? " (it is under way)" : before.inspection == .fail ? " (it failed its inspection)"
                             : " (it waits for its inspection)"),
                     expected: "work to start only after every predecessor has finished and passed its inspection")
                return
            }
            if finish.dayNumber > row.start.dayNumber {
                fail(row.line, column, row.record, name: "start",
                     "\(row.label) started on \(row.start), before its predecessor \(label(p)) finished on \(finish) (line \(before.line))",
                     expected: "a start on or after every predecessor's finish")
                return
            }
        }
    }

    /// The crews of work under way at the status date, per trade, against the plan's.
    mutating func checkCrews(_ rows: [Row]) {
        var busy = [Int](repeating: 0, count: plan.crews.count)
        for row in rows where row.finish == nil {
            for need in plan.types[plan.typeIndex(of: row.order)].needs { busy[need.trade] += need.crews }
        }
        for t in busy.indices where busy[t] > plan.crews[t] {
            fail(1, 1, nil, name: "status_date",
                 "the work under way at the status date needs \(busy[t]) \(plan.tradeNames[t]) crews at once, "
                     + "but plan '\(plan.planName)' has \(plan.crews[t])",
                 expected: "no more work under way than the plan's crews can do at once (or more crews in the plan)")
        }
    }
}
