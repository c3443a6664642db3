import Experiments
import Foundation
import Renovation
@testable import Reports
import Testing

private func minimalDocument(replications: Int = 5) throws -> ResultDocument {
    let scenario = try ScenarioLoader.load(path: repositoryRoot.appendingPathComponent("Tests/Fixtures/minimal.yaml").path).scenario
    return try resultDocument(scenario, replications: replications)
}

private func temporaryFolder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("renosim-results-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

@Suite("Result files: JSON with null for NaN, atomic, never half-read")
struct ResultFileTests {
    @Test("NaN is written as null and read back as NaN; a round trip gives the same bytes")
    func roundTrip() throws {
        let document = try minimalDocument()
        #expect(document.perReplication[0][.attainment][0].isNaN)
        let data = try ResultJSON.encode(document)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("\"attainment\" : [\n        null,"))
        #expect(text.contains("\"schema_version\" : 2"))
        #expect(!text.contains("nan") && !text.contains("\u{FFFF}"))
        let back = try ResultJSON.decode(ResultDocument.self, from: data)
        #expect(back.perReplication[0][.attainment][0].isNaN)
        #expect(back.summary?.finishDays == document.summary?.finishDays)
        #expect(try ResultJSON.encode(back) == data)
    }

    @Test("A document's records written directly give the encoder's bytes: shipped scenarios, NaN, empty lists, a stall",
          arguments: ["Tests/Fixtures/minimal.yaml", "scenarios/yonghong-2022.yaml", "scenarios/benxi-2018.yaml"])
    func recordsAsTheEncoderWritesThem(path: String) throws {
        let loaded = try ScenarioLoader.load(path: repositoryRoot.appendingPathComponent(path).path)
        var document = try resultDocument(loaded.scenario, plan: loaded.scenario.plans[0].name, replications: 3)
        #expect(try ResultJSON.encode(document) == ResultJSON.encodeGeneric(document))
        // Every representation's edge: non-finite, integral, huge and tiny numbers, a stall to escape.
        document.perReplication[1].stall = "stuck: \"a/b\" \\ 新\n\t\u{1}"
        for (k, metric) in Metric.all.enumerated() where document.perReplication[2].values[metric.name] != nil {
            let count = document.perReplication[2].values[metric.name]!.count
            let edge: Double = [.nan, 3, -0.0, 1e22, 2.5e-10, .infinity, 123456.789][k % 7]
            if metric.representation == .number {
                document.perReplication[2].values[metric.name] = Array(repeating: edge, count: max(1, count))
            }
        }
        #expect(try ResultJSON.encode(document) == ResultJSON.encodeGeneric(document))
        #expect(try ResultJSON.decode(ResultDocument.self, from: ResultJSON.encode(document)).perReplication[1].stall
                == document.perReplication[1].stall)
    }

    @Test("strings that look like null or the marker survive")
    func stringsUntouched() throws {
        var document = try minimalDocument(replications: 2)
        document.plan = "null"
        document.perReplication[0].stall = "waiting for \"null\" \\ crews"
        let back = try ResultJSON.decode(ResultDocument.self, from: try ResultJSON.encode(document))
        #expect(back.plan == "null")
        #expect(back.perReplication[0].stall == "waiting for \"null\" \\ crews")
    }

    @Test("missing, empty, truncated, corrupted, inconsistent and newer files are errors, never crashes")
    func badFiles() throws {
        let folder = try temporaryFolder()
        let path = folder.appendingPathComponent("baseline.json").path
        #expect(throws: ResultFileError.self) { try ResultFile.read(path) }
        let data = try ResultJSON.encode(try minimalDocument())
        try ResultFile.write(try minimalDocument(), to: path, overwrite: false)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == data)
        #expect(try ResultFile.read(path).replications == 5)

        // Cut anywhere: always an error.
        for cut in stride(from: 0, to: data.count - 2, by: max(1, data.count / 97)) {
            try data.prefix(cut).write(to: URL(fileURLWithPath: path))
            #expect(throws: ResultFileError.self) { try ResultFile.read(path) }
        }
        let text = String(decoding: data, as: UTF8.self)
        let cases: [(String, String)] = [
            ("{\"hello\": 1}", "schema_version"),
            ("[1, 2]", "not a renosim result file"),
            (text.replacingOccurrences(of: "\"schema_version\" : 2", with: "\"schema_version\" : 99"), "newer"),
            (text.replacingOccurrences(of: "\"replications\" : 5", with: "\"replications\" : 6"), "6"),
            (text.replacingOccurrences(of: "\"replication\" : 3", with: "\"replication\" : 7"), "per_replication[3]"),
            (text.replacingOccurrences(of: "\"plan\" : \"staged\"", with: "\"plan\" : 3"), "plan"),
            (text.replacingOccurrences(of: "\"wait_causes\" : [", with: "\"wait_causes\" : [\"extra\","), "wait_days"),
            // A misspelt key (found by the fuzzer): attainment absent, so a report would index past an empty list.
            (text.replacingOccurrences(of: "\"attainment\" : [", with: "\"attainmEnt\" : ["), "attainment is missing"),
            (String(text.dropFirst(40)), "not a result file"),
        ]
        for (content, message) in cases {
            try Data(content.utf8).write(to: URL(fileURLWithPath: path))
            do {
                _ = try ResultFile.read(path)
                Issue.record("read \(message) without error")
            } catch {
                #expect(error.description.contains(message), "\(error.description)")
            }
        }
    }

    @Test("a baseline is never replaced without overwrite; the old bytes stay")
    func noOverwrite() throws {
        let folder = try temporaryFolder()
        let path = folder.appendingPathComponent("nested/b.json").path
        let first = try minimalDocument(replications: 2)
        try ResultFile.write(first, to: path, overwrite: false)
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        var second = first
        second.seed = 7
        let error = #expect(throws: ResultFileError.self) { try ResultFile.write(second, to: path, overwrite: false) }
        #expect(error?.description.contains("exists") == true)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        try ResultFile.write(second, to: path, overwrite: true)
        #expect(try ResultFile.read(path).seed == 7)
        // No temporary files left behind.
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("nested").path) == ["b.json"])
    }

    @Test("scenario paths are stored relative to the folder the command ran in")
    func relativePaths() {
        #expect(ScenarioPath.relative("/repo/scenarios/a.yaml", to: "/repo") == "scenarios/a.yaml")
        #expect(ScenarioPath.relative("./scenarios/../scenarios/a.yaml", to: "/repo/") == "scenarios/a.yaml")
        #expect(ScenarioPath.relative("/elsewhere/a.yaml", to: "/repo") == "/elsewhere/a.yaml")
        #expect(ScenarioPath.relative("/repository/a.yaml", to: "/repo") == "/repository/a.yaml")
    }
}
