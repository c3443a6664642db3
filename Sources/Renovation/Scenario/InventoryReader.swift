import CSV
import Foundation

/// Reads an inventory table (``InventorySpec``): the bytes as UTF-8 (with
/// or without a byte-order mark) or GB18030, the rows through CSV.swift,
/// and every problem at once, each at its line and column:
///
///     benxi-2018-inventory.csv:7:4: error: column 'units' (户数): 'abc' is not a whole number (cell D7); expected …
///
/// The line is the row's line in the file (the header is line 1); the
/// column is the field's position in its row (1 is the spreadsheet's column A).
enum InventoryReader {
    /// A table with more problems than this is reported by its first ones.
    static let maximumIssues = 100

    /// The table at `path`, resolved against the folder of `scenarioFile`.
    static func resolve(_ path: String, besides scenarioFile: String) -> String {
        guard !path.hasPrefix("/") else { return path }
        let folder = (scenarioFile as NSString).deletingLastPathComponent
        return folder.isEmpty ? path : (folder as NSString).appendingPathComponent(path)
    }

    /// Reads the table for `spec`. `quantities` are the quantity names the
    /// work types scale by (read and checked when the table has them);
    /// `listed` the communities the scenario lists itself, which the table must not repeat.
    static func read(_ spec: InventorySpec, scenarioFile: String, quantities: [String],
                     listed: [String]) throws(ScenarioError) -> InventoryTable {
        let path = resolve(spec.file, besides: scenarioFile)
        let bytes: [UInt8]
        do {
            bytes = try FileBytes.read(path, limit: ScenarioLoader.maximumFileSize)
        } catch {
            throw ScenarioError(ScenarioIssue(kind: .file, file: path, keyPath: "",
                                              message: "the inventory (inventory.file in \(scenarioFile)) \(error.description)",
                                              expected: "a CSV file, relative to the scenario's folder"))
        }
        return try parse(bytes, file: path, spec: spec, quantities: quantities, listed: listed)
    }

    /// Parses the bytes of a table; `file` names it in messages.
    static func parse(_ bytes: [UInt8], file: String, spec: InventorySpec, quantities: [String],
                      listed: [String]) throws(ScenarioError) -> InventoryTable {
        let text = try decode(bytes, file: file, encoding: spec.encoding)
        var parser = InventoryParser(file: file, spec: spec, quantities: quantities, listed: Set(listed))
        try forEachRow(text, file: file, until: { parser.issues.count > maximumIssues }) { row, line, record in
            parser.take(row, line: line, record: record)
        }
        return try parser.finish(sha256: SHA256.hex(bytes))
    }

    /// Each non-blank row of CSV `text` (an inventory or a progress file),
    /// with the line it starts on and its record number, until `enough()`.
    static func forEachRow(_ text: String, file: String, until enough: () -> Bool,
                           _ body: (_ row: [String], _ line: Int, _ record: Int) -> Void) throws(ScenarioError) {
        let rows: CSVReader
        do {
            rows = try CSVReader(string: text, hasHeaderRow: false, trimFields: true)
        } catch {
            throw ScenarioError(ScenarioIssue(kind: .syntax, file: file, keyPath: "", message: "cannot read the CSV: \(error)"))
        }
        var line = 1
        var record = 0
        while let row = rows.next() {
            record += 1
            let rowLine = line
            // A quoted field may hold line breaks: the next row starts that many lines further on.
            line += 1 + row.reduce(0) { $0 + lineBreaks(in: $1) }
            if row.allSatisfy(\.isEmpty) { continue }
            body(row, rowLine, record)
            if enough() { break }
        }
    }

    static func lineBreaks(in field: String) -> Int {
        var count = 0
        var previous: Unicode.Scalar = " "
        for scalar in field.unicodeScalars {
            if scalar == "\n" && previous != "\r" || scalar == "\r" { count += 1 }
            previous = scalar
        }
        return count
    }

    // MARK: - Encoding

    /// GB18030 as Foundation names it: `CFStringConvertEncodingToNSStringEncoding(kCFStringEncodingGB_18030_2000)`.
    static let gb18030 = String.Encoding(rawValue: 0x8000_0632)

    static func decode(_ bytes: [UInt8], file: String, encoding: InventoryEncoding) throws(ScenarioError) -> String {
        func fail(_ offset: Int, _ message: String, expected: String) -> ScenarioError {
            let prefix = bytes[..<min(offset, bytes.count)]
            let line = prefix.reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) }
            let column = offset - (prefix.lastIndex(of: 0x0A).map { $0 + 1 } ?? 0) + 1
            return ScenarioError(ScenarioIssue(kind: .encoding, file: file, location: SourceLocation(line: line, column: column),
                                               keyPath: "", message: message, expected: expected))
        }
        if let zero = bytes.firstIndex(of: 0) {
            throw fail(zero, "NUL byte at offset \(zero)",
                       expected: "CSV text in UTF-8 or GB18030 (is the file UTF-16, or a spreadsheet saved as .xlsx?)")
        }
        let utf8BOM: [UInt8] = [0xEF, 0xBB, 0xBF]
        let gbBOM: [UInt8] = [0x84, 0x31, 0x95, 0x33]
        var body = bytes[...]
        var chosen = encoding
        if bytes.starts(with: utf8BOM), encoding != .gb18030 {
            body = bytes.dropFirst(3)
            chosen = .utf8
        } else if bytes.starts(with: gbBOM), encoding != .utf8 {
            chosen = .gb18030
        }
        let firstInvalid = firstInvalidUTF8(body)
        if chosen == .auto { chosen = firstInvalid == nil ? .utf8 : .gb18030 }
        switch chosen {
        case .utf8, .auto:
            if let offset = firstInvalid {
                throw fail(offset, "invalid UTF-8 near byte offset \(offset)",
                           expected: "UTF-8 text (or `encoding: gb18030` under inventory for a table saved as GB18030/GBK)")
            }
            return String(decoding: body, as: UTF8.self)
        case .gb18030:
            guard var text = String(bytes: body, encoding: gb18030) else {
                throw fail(firstInvalid ?? 0, "the bytes are neither UTF-8 nor GB18030 (first non-UTF-8 byte at offset \(firstInvalid ?? 0))",
                           expected: "CSV text saved as UTF-8 or GB18030")
            }
            if text.unicodeScalars.first == "\u{FEFF}" { text.unicodeScalars.removeFirst() }
            return text
        }
    }

    /// The offset of the first byte that is not part of valid UTF-8, or nil.
    static func firstInvalidUTF8(_ bytes: ArraySlice<UInt8>) -> Int? {
        var iterator = bytes.makeIterator()
        var decoder = Unicode.UTF8()
        var offset = bytes.startIndex
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar): offset += UTF8.width(scalar)
            case .emptyInput: return nil
            case .error: return offset
            }
        }
    }
}

/// The state of reading one table: the header's mapping, the communities
/// so far, and the issues found.
struct InventoryParser {
    let file: String
    let spec: InventorySpec
    let quantities: [String]
    let listed: Set<String>
    private(set) var issues: [ScenarioIssue] = []

    /// Field or quantity name → its position in the row, once the header is read.
    private var position: [String: Int] = [:]
    private var header: [String]?
    private var readQuantities: [String] = []
    private var available: [String] = []
    private var communities: [InventoryTable.Community] = []
    private var communityIndex: [String: Int] = [:]
    private var districtLine: [Int] = []
    private var buildingNames: [Set<String>] = []
    private var buildingCount = 0

    init(file: String, spec: InventorySpec, quantities: [String], listed: Set<String>) {
        self.file = file
        self.spec = spec
        self.quantities = quantities
        self.listed = listed
    }

    mutating func take(_ row: [String], line: Int, record: Int) {
        guard let header else {
            readHeader(row, line: line)
            return
        }
        if let extra = Self.extraField(row, header: header) {
            fail(line, extra, record, name: nil, "the row has \(row.count) fields but the header has \(header.count)",
                 expected: Self.extraFieldExpected)
            return
        }
        func cell(_ name: String) -> (String, Int)? {
            position[name].map { (row.indices.contains($0) ? row[$0] : "", $0) }
        }
        guard let (community, communityColumn) = cell("community") else { return }
        if community.isEmpty {
            fail(line, communityColumn, record, name: "community", "the community is empty", expected: "the name of the building's community")
        }
        var building = InventoryTable.Building(name: nil, units: 0, households: 0, floors: 6, quantities: [])
        if let (name, _) = cell("building"), !name.isEmpty { building.name = name }
        if let (text, column) = cell("units") {
            building.units = whole(text, line, column, record, "units", "a whole number of housing units",
                                   1...ScenarioChecks.maximumUnitsPerBuilding) ?? 1
        }
        building.households = building.units
        if let (text, column) = cell("households") {
            building.households = whole(text, line, column, record, "households", "a whole number of households",
                                        0...max(0, building.units)) ?? 0
        }
        if let (text, column) = cell("floors") {
            building.floors = whole(text, line, column, record, "floors", "a whole number of floors",
                                    1...ScenarioChecks.maximumFloors) ?? 1
        }
        for name in readQuantities {
            guard let (text, column) = cell(name) else { continue }
            building.quantities.append(quantity(text, line, column, record, name))
        }
        guard !community.isEmpty else { return }
        let district = cell("district")
        if listed.contains(community) {
            fail(line, communityColumn, record, name: "community",
                 "community '\(community)' is also listed under `communities:` in the scenario",
                 expected: "each community either in the scenario or in the inventory")
            return
        }
        let c: Int
        if let existing = communityIndex[community] {
            c = existing
            if let (text, column) = district, text != communities[c].district {
                fail(line, column, record, name: "district",
                     "community '\(community)' is in district '\(communities[c].district)' on line \(districtLine[c]) but '\(text)' here",
                     expected: "one district per community")
            }
        } else {
            c = communities.count
            communityIndex[community] = c
            communities.append(.init(name: community, district: district?.0 ?? "", buildings: []))
            districtLine.append(line)
            buildingNames.append([])
        }
        if let name = building.name, !buildingNames[c].insert(name).inserted, let column = position["building"] {
            fail(line, column, record, name: "building", "building '\(name)' of community '\(community)' is listed twice",
                 expected: "each building once")
        }
        if communities[c].buildings.count == ScenarioChecks.maximumBuildingsPerCommunity {
            fail(line, communityColumn, record, name: "community",
                 "community '\(community)' has more than \(ScenarioChecks.maximumBuildingsPerCommunity) buildings",
                 expected: "at most \(ScenarioChecks.maximumBuildingsPerCommunity) buildings per community")
        }
        communities[c].buildings.append(building)
        buildingCount += 1
    }

    /// The first non-empty field of `row` beyond the header's, if any (empty trailing fields are a spreadsheet's habit).
    static func extraField(_ row: [String], header: [String]) -> Int? {
        guard row.count > header.count else { return nil }
        return row.indices.dropFirst(header.count).first { !row[$0].isEmpty }
    }

    static let extraFieldExpected = "one field per header (a comma inside a value needs the value in double quotes)"

    mutating func finish(sha256: String) throws(ScenarioError) -> InventoryTable {
        if header == nil {
            issues.append(ScenarioIssue(kind: .syntax, file: file, location: SourceLocation(line: 1, column: 1), keyPath: "",
                                        message: "the inventory has no header row",
                                        expected: "a header row (community, units, …) and one row per building"))
        } else if communities.isEmpty && issues.isEmpty {
            issues.append(ScenarioIssue(kind: .validation, file: file, location: SourceLocation(line: 2, column: 1), keyPath: "",
                                        message: "the inventory lists no building", expected: "one row per building under the header"))
        }
        if buildingCount > ScenarioChecks.maximumBuildings {
            issues.append(ScenarioIssue(kind: .validation, file: file, keyPath: "",
                                        message: "the inventory lists \(buildingCount) buildings",
                                        expected: "at most \(ScenarioChecks.maximumBuildings) buildings"))
        }
        guard issues.isEmpty else {
            var shown = Array(issues.prefix(InventoryReader.maximumIssues))
            if issues.count > shown.count {
                shown.append(ScenarioIssue(kind: .validation, file: file, keyPath: "",
                                           message: "more problems follow; fix these first"))
            }
            throw ScenarioError(shown)
        }
        return InventoryTable(communities: communities, quantityNames: readQuantities, availableQuantities: available,
                              sha256: sha256)
    }

    // MARK: - Header

    private mutating func readHeader(_ row: [String], line: Int) {
        header = row
        var seen: [String: Int] = [:]
        for (i, name) in row.enumerated() where !name.isEmpty {
            if let first = seen[name] {
                fail(line, i, 1, name: nil, "header '\(name)' is given twice (also in column \(first + 1))",
                     expected: "each header once")
            } else {
                seen[name] = i
            }
        }
        let headers = row.filter { !$0.isEmpty }
        var used: [Int: String] = [:]
        func place(_ name: String, header: String, mapped: Bool) {
            guard let i = seen[header] else {
                if mapped {
                    var message = "the table has no header '\(header)' (inventory.columns.\(name))"
                    if let near = closest(to: header, in: headers) { message += " — did you mean '\(near)'?" }
                    fail(line, 0, nil, name: name, message, expected: "one of its headers: " + headers.joined(separator: ", "))
                }
                return
            }
            if let other = used[i] {
                fail(line, i, 1, name: name, "header '\(header)' is given to both '\(other)' and '\(name)'",
                     expected: "one header per field")
                return
            }
            used[i] = name
            position[name] = i
        }
        let mapping = spec.columns
        for field in InventorySpec.fields {
            if let header = mapping[field] {
                place(field, header: header, mapped: true)
            } else if seen[field] != nil, !mapping.entries.contains(where: { $0.value == field }) {
                place(field, header: field, mapped: false)
            }
        }
        for (name, header) in mapping.entries where !InventorySpec.fields.contains(name) {
            place(name, header: header, mapped: true)
            available.append(name)
        }
        for (i, name) in row.enumerated() where !name.isEmpty && used[i] == nil && seen[name] == i {
            // A header that is itself a mapped name would be ambiguous; the mapping wins.
            guard position[name] == nil else { continue }
            position[name] = i
            used[i] = name
            available.append(name)
        }
        for required in ["community", "units"] where position[required] == nil && mapping[required] == nil {
            fail(line, 0, nil, name: required, "the table has no column for \(required)",
                 expected: "a header '\(required)', or `\(required): <header>` under inventory.columns in the scenario "
                     + "(the headers are: \(headers.joined(separator: ", ")))")
        }
        readQuantities = quantities.filter { available.contains($0) }
    }

    // MARK: - Cells

    private mutating func whole(_ text: String, _ line: Int, _ column: Int, _ record: Int, _ name: String, _ what: String,
                                _ range: ClosedRange<Int>) -> Int? {
        guard !text.isEmpty else {
            fail(line, column, record, name: name, "the cell is empty", expected: "\(what) from \(range.lowerBound) to \(range.upperBound)")
            return nil
        }
        guard let value = Self.decimal(text), value.isFinite, value == value.rounded(), abs(value) < 1e15 else {
            fail(line, column, record, name: name, "'\(text)' is not a whole number",
                 expected: "\(what) from \(range.lowerBound) to \(range.upperBound), in digits")
            return nil
        }
        let number = Int(value)
        guard range.contains(number) else {
            fail(line, column, record, name: name, "\(number) is " + (number < range.lowerBound ? "below \(range.lowerBound)" : "above \(range.upperBound)"),
                 expected: "\(what) from \(range.lowerBound) to \(range.upperBound)")
            return nil
        }
        return number
    }

    private mutating func quantity(_ text: String, _ line: Int, _ column: Int, _ record: Int, _ name: String) -> Double {
        guard !text.isEmpty else { return 0 }
        guard let value = Self.decimal(text), value.isFinite, value >= 0, value <= 1e12 else {
            let problem = Self.decimal(text).map { $0 < 0 ? "\($0.scenarioText) is negative" : "\($0.scenarioText) is out of range" }
                ?? "'\(text)' is not a number"
            fail(line, column, record, name: name, problem,
                 expected: "a quantity ≥ 0 in digits (no units or thousands separators), or an empty cell for none")
            return 0
        }
        return value
    }

    /// The number written in decimal digits (`12`, `-3.5`, `1e3`); nil for
    /// anything else `Double` would also take (`0x10`, `nan`, `inf`).
    static func decimal(_ text: String) -> Double? {
        guard text.unicodeScalars.allSatisfy({ "0123456789.+-eE".unicodeScalars.contains($0) }) else { return nil }
        return Double(text)
    }

    /// An issue at a cell: `column 'units' (户数): … (cell D7)`.
    /// Without a `record`, the issue is the header's as a whole and names no cell.
    private mutating func fail(_ line: Int, _ column: Int, _ record: Int?, name: String?, _ message: String, expected: String) {
        let header = name.flatMap { position[$0] }.flatMap { i in self.header.map { $0[i] } }
            ?? name.flatMap { spec.columns[$0] }
        var path = ""
        if let name {
            path = "column '\(name)'"
            if let header, header != name { path += " (\(header))" }
        }
        let cell = record.map { " (cell \(Self.columnLetters(column))\($0))" } ?? ""
        issues.append(ScenarioIssue(kind: .validation, file: file, location: SourceLocation(line: line, column: column + 1),
                                    keyPath: path, message: message + cell, expected: expected))
    }

    /// `A`, `Z`, `AA`: a spreadsheet's name for the 0-based column `index`.
    static func columnLetters(_ index: Int) -> String {
        var n = index + 1
        var letters = ""
        while n > 0 {
            let r = (n - 1) % 26
            letters = String(UnicodeScalar(UInt8(65 + r))) + letters
            n = (n - 1) / 26
        }
        return letters
    }
}
