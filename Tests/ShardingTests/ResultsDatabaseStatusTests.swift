import DiscreteEvent
import Experiments
import Foundation
import GRDB
import Renovation
import Reports
import Testing

/// results.sqlite's `run` table records a forecast's progress file, and NULLs without one.
@Suite("results.sqlite: the status of a forecast")
struct ResultsDatabaseStatusTests {
    func runRow(status: ResultDocument.StatusReference?) throws -> Row? {
        let loaded = try ScenarioLoader.load(path: minimalPath)
        let model = try CompiledPlan(scenario: loaded.valid, plan: "staged")
        let results = ReplicationRunner(threads: 1).run(model: model, seed: 7, replications: 0..<2)
        let reference = ResultDocument.ScenarioReference(name: loaded.scenario.name, file: "Tests/Fixtures/minimal.yaml",
                                                         sha256: loaded.sha256, status: status)
        let document = ResultDocument(model: model, seed: 7, results: results, scenario: reference,
                                      toolVersion: ToolVersion.current)
        let out = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: out) }
        _ = try RunOutput.write(document: document, results: results, model: model, to: out)
        return try DatabaseQueue(path: out + "/results.sqlite").read { db in try Row.fetchOne(db, sql: "SELECT * FROM run") }
    }

    @Test("the run table: status file, sha256 and date of a forecast; NULL without a status")
    func statusColumns() throws {
        let sha = String(repeating: "ab", count: 32)
        let status = ResultDocument.StatusReference(file: "progress.csv", sha256: sha,
                                                    date: try #require(CivilDate(year: 2024, month: 4, day: 10)))
        let forecastRow = try runRow(status: status)
        let forecast = try #require(forecastRow)
        #expect(forecast["status_file"] as String? == "progress.csv")
        #expect(forecast["status_sha256"] as String? == sha)
        #expect(forecast["status_date"] as String? == "2024-04-10")
        let plainRow = try runRow(status: nil)
        let plain = try #require(plainRow)
        #expect(plain.hasColumn("status_file"))
        #expect(plain["status_file"] as String? == nil && plain["status_sha256"] as String? == nil
                && plain["status_date"] as String? == nil)
    }
}
