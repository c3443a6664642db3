import Experiments
import Foundation
import GRDB
import Renovation
import Reports
import Testing

@Suite("Large programmes: buildings.csv left out above its row limit, its rows queried from results.sqlite")
struct LargeTableTests {
    /// The query `docs/results-schema.md` gives for buildings.csv's rows, read from the document itself.
    func documentedQuery() throws -> String {
        let text = try String(contentsOf: repositoryRoot.appendingPathComponent("docs/results-schema.md"), encoding: .utf8)
        let opening = "sqlite3 -csv -header out/results.sqlite \""
        let start = try #require(text.range(of: opening))
        let end = try #require(text[start.upperBound...].firstIndex(of: "\""))
        return String(text[start.upperBound..<end])
    }

    /// 150 buildings (two full batches of 64 rows and 22 single rows) and 120 building work types
    /// (363 columns a row, so a batch is 32,766 ÷ 363 = 90 rows): `buildings`' batches and the view's 120 selects.
    static let manyTypes: String = {
        let types = (0..<120).map { "    - {name: w\($0), trades: {crew: 1}, hours: \(1 + $0 % 7)}" }
        return """
            name: wide
            start: 2024-03-01
            deadline: 2025-12-31
            calendar: {workdays: [monday, tuesday, wednesday, thursday, friday], shift_start: 8, hours_per_day: 8}
            trades: {crew: {crews: 40}}
            communities:
              - {name: north, building_count: 75, building: {units: 10, floors: 3}}
              - {name: south, district: river, building_count: 75, building: {units: 12, floors: 4}}
            work:
              building:
            \(types.joined(separator: "\n"))
            plans: [{name: staged}]
            """
    }()

    @Test("Above the limit: no buildings.csv, and the documented query returns its rows, field for field",
          arguments: ["minimal", "many work types"])
    func leftOutAndQueried(_ scenario: String) throws {
        let loaded = scenario == "minimal" ? try ScenarioLoader.load(path: minimalPath)
            : try ScenarioLoader.load(yaml: Self.manyTypes, file: "wide.yaml")
        let model = try CompiledPlan(scenario: loaded.valid, plan: "staged")
        let results = ReplicationRunner(threads: 2).run(model: model, seed: 7, replications: 0..<9)
        let document = ResultDocument(model: model, seed: 7, results: results,
                                      scenario: .init(name: loaded.scenario.name, file: "minimal.yaml", sha256: loaded.sha256),
                                      toolVersion: ToolVersion.current)
        let rows = RunOutput.buildingRows(model)
        #expect(rows == model.buildings.count * model.buildingTypeCount)

        let full = try temporaryFolder(), limited = try temporaryFolder()
        let everything = try RunOutput.write(document: document, results: results, model: model, to: full,
                                             buildingRowLimit: rows)
        let fewer = try RunOutput.write(document: document, results: results, model: model, to: limited,
                                        buildingRowLimit: rows - 1)
        #expect(everything.contains(full + "/buildings.csv"))
        #expect(!fewer.contains { $0.hasSuffix("buildings.csv") })
        #expect(!FileManager.default.fileExists(atPath: limited + "/buildings.csv"))
        // The other files do not depend on the limit.
        for name in ["result.json", "replications.csv", "communities.csv", "results.sqlite"] {
            #expect(try bytes(full + "/" + name) == bytes(limited + "/" + name), "\(name) differs")
        }

        let table = try String(contentsOfFile: full + "/buildings.csv", encoding: .utf8)
            .split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let queried = try DatabaseQueue(path: limited + "/results.sqlite").read { db in
            try Row.fetchAll(db, sql: documentedQuery())
        }
        #expect(queried.count == rows && table.count == rows + 1)
        #expect(Array(queried[0].columnNames) == table[0])
        for (row, fields) in zip(queried, table.dropFirst()) {
            let names: [String] = (0..<4).map { row[$0] }
            #expect(names == Array(fields[0..<4]))
            for column in 4..<7 {
                let value: Double? = row[column]
                // The table prints the stored 32-bit value in its shortest form.
                let printed = value.map { "\(Float($0))" } ?? ""
                #expect(printed == fields[column])
            }
        }
    }
}
