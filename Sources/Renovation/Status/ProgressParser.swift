import DiscreteEvent

/// The state of reading one progress file: the status date, the header's
/// columns, the rows resolved to work orders, and the issues found.
struct ProgressParser {
    struct Row {
        let order: Int
        let line: Int
        let record: Int
        let start: CivilDate
        let finish: CivilDate?
        let inspection: Inspection
        let label: String
    }

    enum Inspection { case none, pass, fail }

    let file: String
    let plan: CompiledPlan
    var issues: [ScenarioIssue] = []

    var date: CivilDate?
    var sawDateLine = false
    var header: [String]?
    var position: [String: Int] = [:]
    var rows: [Row] = []
    var lineOfOrder: [Int: Int] = [:]
    let communityIndex: [String: Int]
    let typeIndex: [String: Int]
    var buildingIndex: [Int: [String: Int]] = [:]

    init(file: String, plan: CompiledPlan) {
        self.file = file
        self.plan = plan
        var communities: [String: Int] = [:]
        for (c, community) in plan.communities.enumerated() where communities[community.name] == nil {
            communities[community.name] = c
        }
        communityIndex = communities
        var types: [String: Int] = [:]
        for (k, type) in plan.types.enumerated() { types[type.name] = k }
        typeIndex = types
    }

    mutating func take(_ row: [String], line: Int, record: Int) {
        if !sawDateLine {
            sawDateLine = true
            readDate(row, line: line)
            return
        }
        guard let header else {
            readHeader(row, line: line)
            return
        }
        if let extra = InventoryParser.extraField(row, header: header) {
            fail(line, extra, record, name: nil, "the row has \(row.count) fields but the header has \(header.count)",
                 expected: InventoryParser.extraFieldExpected)
            return
        }
        let position = self.position
        func cell(_ name: String) -> (String, Int) {
            let i = position[name] ?? 0
            return (row.indices.contains(i) ? row[i] : "", i)
        }
        guard let order = resolve(community: cell("community"), building: cell("building"), type: cell("work_type"),
                                  line: line, record: record) else { return }
        let (startText, startColumn) = cell("start")
        let start = day(startText, line, startColumn, record, "start", required: true)
        let (finishText, finishColumn) = cell("finish")
        let finish = day(finishText, line, finishColumn, record, "finish", required: false)
        let (outcomeText, outcomeColumn) = cell("inspection")
        var inspection = Inspection.none
        switch outcomeText.lowercased() {
        case "": break
        case "pass": inspection = .pass
        case "fail": inspection = .fail
        default:
            fail(line, outcomeColumn, record, name: "inspection", "'\(outcomeText)' is not an inspection outcome",
                 expected: "pass, fail, or empty (not inspected yet, or not finished)")
        }
        if inspection != .none, finishText.isEmpty {
            fail(line, outcomeColumn, record, name: "inspection", "an inspection outcome is given for work not finished",
                 expected: "a finish date for inspected work, or an empty outcome")
        }
        if inspection == .fail, plan.supervisors == 0 {
            fail(line, outcomeColumn, record, name: "inspection",
                 "the work failed an inspection, but plan '\(plan.planName)' has no supervisors",
                 expected: "pass or empty: without supervisors finished work is accepted as it finishes")
        }
        if let start, let finish, finish.dayNumber < start.dayNumber {
            fail(line, finishColumn, record, name: "finish", "the finish \(finish) is before the start \(start)",
                 expected: "a finish on or after the start")
        }
        if let first = lineOfOrder[order] {
            fail(line, position["work_type"] ?? 0, record, name: "work_type",
                 "\(label(order)) is listed twice (first on line \(first))", expected: "one row per work order")
            return
        }
        lineOfOrder[order] = line
        guard let start, finishText.isEmpty || finish != nil else { return }
        rows.append(Row(order: order, line: line, record: record, start: start, finish: finish,
                        inspection: inspection, label: label(order)))
    }

    // MARK: - Status date and header

    private mutating func readDate(_ row: [String], line: Int) {
        guard row.first == "status_date" else {
            fail(line, 0, nil, name: "status_date", "the first line is not the status date",
                 expected: "a first line `status_date,YYYY-MM-DD` (the day progress was recorded), then the header row")
            // A file that begins with its header: read the header from this row so its rows are still checked.
            if row.contains("community") { readHeader(row, line: line) }
            return
        }
        let text = row.count > 1 ? row[1] : ""
        guard let parsed = CivilDate(iso: text) else {
            fail(line, 1, nil, name: "status_date", text.isEmpty ? "the status date is empty" : "'\(text)' is not a date",
                 expected: "a date YYYY-MM-DD")
            return
        }
        if parsed.dayNumber < plan.start.dayNumber {
            fail(line, 1, nil, name: "status_date", "the status date \(parsed) is before the programme's start \(plan.start)",
                 expected: "a date on or after \(plan.start)")
            return
        }
        let horizon = plan.start.adding(days: plan.horizonDays - 1)
        if parsed.dayNumber > horizon.dayNumber {
            fail(line, 1, nil, name: "status_date", "the status date \(parsed) is after the simulated horizon's last day \(horizon)",
                 expected: "a date from \(plan.start) to \(horizon)")
            return
        }
        date = parsed
    }

    private mutating func readHeader(_ row: [String], line: Int) {
        header = row
        for (i, name) in row.enumerated() where !name.isEmpty {
            if let first = position[name] {
                fail(line, i, nil, name: nil, "header '\(name)' is given twice (also in column \(first + 1))",
                     expected: "each header once")
            } else if ProgressReader.columns.contains(name) {
                position[name] = i
            } else {
                var message = "unknown header '\(name)'"
                if let near = closest(to: name, in: ProgressReader.columns) { message += " — did you mean '\(near)'?" }
                fail(line, i, nil, name: nil, message, expected: "the headers " + ProgressReader.columns.joined(separator: ", "))
            }
        }
        for name in ProgressReader.columns where position[name] == nil {
            fail(line, 0, nil, name: name, "the table has no column '\(name)'",
                 expected: "the headers " + ProgressReader.columns.joined(separator: ", ") + " (building, finish and "
                     + "inspection may be empty in a row, but the columns are needed)")
        }
    }

    // MARK: - Cells

    /// The work order a row names, or nil after reporting why none.
    private mutating func resolve(community: (String, Int), building: (String, Int), type: (String, Int),
                                  line: Int, record: Int) -> Int? {
        let (name, communityColumn) = community
        let (building, buildingColumn) = building
        let (typeName, typeColumn) = type
        let plan = self.plan
        let c = lookup(name, in: communityIndex, names: plan.communities.map(\.name), line, communityColumn, record,
                       column: "community", what: "community", expected: "a community of the scenario")
        let k = lookup(typeName, in: typeIndex, names: plan.types.map(\.name), line, typeColumn, record,
                       column: "work_type", what: "work type",
                       expected: "one of " + plan.types.map(\.name).joined(separator: ", "))
        guard let c, let k else { return nil }
        let type = plan.types[k]
        if type.level == .community {
            guard building.isEmpty else {
                fail(line, buildingColumn, record, name: "building", "\(typeName) is community work, but building '\(building)' is given",
                     expected: "an empty building for community work")
                return nil
            }
            return plan.order(community: c, type: type.localIndex)
        }
        guard !building.isEmpty else {
            fail(line, buildingColumn, record, name: "building", "\(typeName) is done per building, but the building is empty",
                 expected: "a building of community '\(name)'")
            return nil
        }
        guard let b = buildings(of: c)[building] else {
            fail(line, buildingColumn, record, name: "building", "community '\(name)' has no building '\(building)'",
                 expected: "a building of community '\(name)' (its name, or its number from 1 for unnamed buildings)")
            return nil
        }
        return plan.order(building: b, type: type.localIndex)
    }

    /// The index of `name`, or nil after reporting it empty or unknown (with the nearest name).
    private mutating func lookup(_ name: String, in index: [String: Int], names: @autoclosure () -> [String],
                                 _ line: Int, _ position: Int, _ record: Int, column: String, what: String,
                                 expected: String) -> Int? {
        if let found = index[name] { return found }
        var message = name.isEmpty ? "the \(what) is empty" : "unknown \(what) '\(name)'"
        if !name.isEmpty, let near = closest(to: name, in: names()) { message += " — did you mean '\(near)'?" }
        fail(line, position, record, name: column, message, expected: expected)
        return nil
    }

    /// Community `c`'s buildings by the name the result files give them.
    private mutating func buildings(of c: Int) -> [String: Int] {
        if let known = buildingIndex[c] { return known }
        var names: [String: Int] = [:]
        let range = plan.communities[c].buildings
        for b in range { names[Self.buildingName(b, in: range, plan: plan)] = b }
        buildingIndex[c] = names
        return names
    }

    /// A building's name as result files and progress files write it: its own, or its number from 1 in its community.
    static func buildingName(_ b: Int, in range: Range<Int>, plan: CompiledPlan) -> String {
        plan.buildings.names[b] ?? String(b - range.lowerBound + 1)
    }

    private mutating func day(_ text: String, _ line: Int, _ column: Int, _ record: Int, _ name: String,
                              required: Bool) -> CivilDate? {
        guard !text.isEmpty else {
            if required {
                fail(line, column, record, name: name, "the start is empty",
                     expected: "the day the work began, YYYY-MM-DD (list only work that has started)")
            }
            return nil
        }
        guard let date = CivilDate(iso: text) else {
            fail(line, column, record, name: name, "'\(text)' is not a date", expected: "a date YYYY-MM-DD")
            return nil
        }
        if date.dayNumber < plan.start.dayNumber {
            fail(line, column, record, name: name, "\(date) is before the programme's start \(plan.start)",
                 expected: "a date from \(plan.start) to the status date")
            return nil
        }
        if let status = self.date, date.dayNumber > status.dayNumber {
            fail(line, column, record, name: name, "\(date) is after the status date \(status)",
                 expected: "a date on or before the status date (work not begun yet is not listed)")
            return nil
        }
        return date
    }

    func label(_ o: Int) -> String {
        let c = plan.community(of: o)
        let type = plan.types[plan.typeIndex(of: o)].name
        guard let b = plan.building(of: o) else { return "\(type) on \(plan.communities[c].name)" }
        return "\(type) on \(plan.communities[c].name) \(Self.buildingName(b, in: plan.communities[c].buildings, plan: plan))"
    }

    /// An issue at a cell: `column 'start': … (cell D7)`; without a `record`, the header's or the date line's.
    mutating func fail(_ line: Int, _ column: Int, _ record: Int?, name: String?, _ message: String, expected: String) {
        let cell = record.map { " (cell \(InventoryParser.columnLetters(column))\($0))" } ?? ""
        issues.append(ScenarioIssue(kind: .validation, file: file, location: SourceLocation(line: line, column: column + 1),
                                    keyPath: name.map { "column '\($0)'" } ?? "", message: message + cell, expected: expected))
    }
}
