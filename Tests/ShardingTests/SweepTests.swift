import Experiments
import Foundation
import GRDB
import Renovation
import Reports
import Sharding
import Testing

@Suite("Scenario overrides: a grid point is its scenario file with values replaced, nothing else")
struct ScenarioOverrideTests {
    let yaml = """
        # a comment that stays
        name: x   # trailing comment
        trades:
          roofing: {crews: 2, cost_per_hour: 300}
          painting:
            crews: 5
        work:
          building:
            - name: roof
              hours: {type: triangular, min: 24, mode: 32, max: 48}
            - name: "paint"
              label: 'it''s'
        anchored: &a 3
        aliased: *a
        text: |
          block
        """

    func apply(_ key: String, _ value: String) throws -> String {
        String(decoding: try ScenarioOverride.apply([.init(key: key, value: value)], to: Array(yaml.utf8)), as: UTF8.self)
    }

    @Test("Flow and block values, list items by position or name; every other byte kept")
    func replaces() throws {
        #expect(try apply("trades.roofing.crews", "7") == yaml.replacingOccurrences(of: "{crews: 2,", with: "{crews: 7,"))
        #expect(try apply("trades.painting.crews", "12") == yaml.replacingOccurrences(of: "crews: 5", with: "crews: 12"))
        #expect(try apply("work.building[roof].hours.mode", "30.5")
                == yaml.replacingOccurrences(of: "mode: 32", with: "mode: 30.5"))
        #expect(try apply("work.building[1].name", "coat") == yaml.replacingOccurrences(of: "\"paint\"", with: "coat"))
        #expect(try apply("work.building[paint].label", "a b") == yaml.replacingOccurrences(of: "'it''s'", with: "\"a b\""))
        #expect(try apply("name", "true") == yaml.replacingOccurrences(of: "name: x ", with: "name: \"true\" "))
        let both = try ScenarioOverride.apply([.init(key: "trades.roofing.crews", value: "9"),
                                               .init(key: "trades.roofing.cost_per_hour", value: "1e3")],
                                              to: Array(yaml.utf8))
        #expect(String(decoding: both, as: UTF8.self)
                == yaml.replacingOccurrences(of: "{crews: 2, cost_per_hour: 300}", with: "{crews: 9, cost_per_hour: 1e3}"))
    }

    @Test("What cannot be overridden is refused with the reason", arguments: [
        ("trades.roofng.crews", "did you mean 'roofing'"),
        ("trades.roofing", "is a mapping"),
        ("work.building[5].name", "has 2 items"),
        ("work.building[rooof].name", "did you mean 'roof'"),
        ("aliased", "alias"),
        ("text", "block of text"),
        ("name.first", "not a mapping"),
        ("trades..crews", "empty part"),
        ("[0]", "starts with a list item"),
    ])
    func refuses(key: String, reason: String) {
        let error = #expect(throws: ScenarioOverride.Failure.self) { try apply(key, "1") }
        #expect(error?.description.contains(reason) == true, "\(error?.description ?? "no error")")
    }
}

@Suite("Sweep files: parsed strictly, expanded in order, merged into files and one SQLite database")
struct SweepTests {
    @Test("The grid expands with the last key fastest")
    func gridOrder() throws {
        let spec = try SweepSpec.parse(Array("""
            scenario: a.yaml
            replications: 3
            grid:
              x: [1, 2]
              y.z: [a, b, c]
            """.utf8), file: "sweeps/s.yaml")
        #expect(spec.name == "s")
        #expect(spec.scenarios == ["sweeps/a.yaml"])
        #expect(spec.gridPoints.map { $0.map(\.description).joined(separator: " ") } == [
            "x=1 y.z=a", "x=1 y.z=b", "x=1 y.z=c", "x=2 y.z=a", "x=2 y.z=b", "x=2 y.z=c",
        ])
    }

    @Test("Mistakes are reported with line and column", arguments: [
        ("scenario: a.yaml\nreplication: 3\n", "s.yaml:2:1: error: unknown key 'replication' — did you mean 'replications'?"),
        ("scenario: a.yaml\nreplications: 0\n", "s.yaml:2:15: error: replications: expected a whole number in 1…10000000"),
        ("replications: 2\n", "s.yaml:1:1: error: missing key 'scenario'"),
        ("scenario: a.yaml\nreplications: 2\ngrid:\n  x: [1, 1]\n", "s.yaml:4:6: error: grid.x: a value is given twice"),
        ("scenario: a.yaml\nreplications: 2\ngrid:\n  a..b: [1]\n", "s.yaml:4:3: error: grid key a..b: has an empty part"),
    ])
    func errors(text: String, message: String) {
        let error = #expect(throws: SweepError.self) { try SweepSpec.parse(Array(text.utf8), file: "s.yaml") }
        #expect(error?.description.hasPrefix(message) == true, "\(error?.description ?? "no error")")
    }

    @Test("A sweep merges into one result per point, a summary table and a queryable database")
    func sweepMerge() throws {
        let root = try temporaryFolder()
        let sweepFile = root + "/sweep.yaml"
        try Data("""
            name: crews
            scenario: \(minimalPath)
            plans: [staged]
            replications: 5
            seed: 3
            grid:
              trades.painting.crews: [1, 2, 3]
              work.building[roof].hours.max: [48, 60]
            """.utf8).write(to: URL(fileURLWithPath: sweepFile))
        let spec = try SweepSpec.load(path: sweepFile)
        let (manifest, copies) = try ShardPlanner.sweep(spec, file: sweepFile, shards: 4, currentDirectory: root)
        #expect(manifest.jobs.count == 6)
        #expect(manifest.jobs.map(\.label) == ["001", "002", "003", "004", "005", "006"])
        let folder = try ShardFolder.create(at: root + "/run", manifest: manifest, scenarioBytes: copies)
        for index in 0..<4 { _ = try folder.run(index: index, runner: ReplicationRunner(threads: 2)) }
        let out = root + "/merged"
        let merged = try ShardOutput.merge(folder, into: out, currentDirectory: root)
        #expect(merged.summary?.rows.count == 6)
        #expect(merged.summary?.header.contains("trades.painting.crews") == true)

        // Point 003 (painting 2, roof max 48) is the scenario as written: its replications are the direct run's.
        let loaded = try ScenarioLoader.load(path: minimalPath)
        let model = try CompiledPlan(scenario: loaded.valid, plan: "staged")
        let direct = ReplicationRunner(threads: 1).run(model: model, seed: 3, replications: 0..<5)
        let point = try ResultFile.read(out + "/points/003/result.json")
        #expect(try bytes(out + "/points/003/scenario.yaml") == bytes(minimalPath))
        #expect(point.perReplication.map { $0[scalar: .finishDays] } == direct.map(\.finishDays))
        #expect(point.perReplication.map { $0[scalar: .totalCost] } == direct.map(\.totalCost))

        let database = try DatabaseQueue(path: out + "/sweep.sqlite")
        try database.read { db in
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM point") == 6)
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM parameter") == 12)
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM replication") == 30)
            #expect(try Int.fetchOne(db, sql: "SELECT count(DISTINCT metric) FROM metric")
                    == Int.fetchOne(db, sql: "SELECT count(*) FROM metric WHERE point = 1"))
            // More painting crews never make the mean finish later here, and the database says so by SQL.
            let means = try Double.fetchAll(db, sql: """
                SELECT m.mean FROM metric m JOIN parameter p ON p.point = m.point
                WHERE m.metric = 'finish_days' AND p.key = 'trades.painting.crews'
                  AND m.point IN (SELECT point FROM parameter WHERE key = 'work.building[roof].hours.max' AND value = '48')
                ORDER BY p.number
                """)
            #expect(means.count == 3)
            #expect(means[0] >= means[1] && means[1] >= means[2])
            let stored = try Double.fetchAll(db, sql: "SELECT finish_days FROM replication WHERE point = 3 ORDER BY replication")
            #expect(stored == direct.map(\.finishDays))
        }
    }

    @Test("A grid point of a scenario with an inventory gets the table beside its scenario, and runs on its own")
    func sweepWithInventory() throws {
        let root = try temporaryFolder()
        let sweepFile = root + "/sweep.yaml"
        let benxi = repositoryRoot.appendingPathComponent("scenarios/benxi-2018.yaml").path
        try Data("""
            name: inventory
            scenario: \(benxi)
            plans: [as-built]
            replications: 2
            seed: 3
            grid:
              trades.roofing.crews: [10, 12]
            """.utf8).write(to: URL(fileURLWithPath: sweepFile))
        let spec = try SweepSpec.load(path: sweepFile)
        let (manifest, copies) = try ShardPlanner.sweep(spec, file: sweepFile, shards: 1, currentDirectory: root)
        let tables = try ShardPlanner.inventoryCopies(manifest, currentDirectory: root)
        let folder = try ShardFolder.create(at: root + "/run", manifest: manifest, scenarioBytes: copies, tables: tables)
        _ = try folder.run(index: 0, runner: ReplicationRunner(threads: 2))
        let out = root + "/merged"
        _ = try ShardOutput.merge(folder, into: out, currentDirectory: root)
        for point in ["001", "002"] {
            let table = out + "/points/\(point)/benxi-2018-inventory.csv"
            #expect(try bytes(table) == bytes(repositoryRoot.appendingPathComponent("scenarios/benxi-2018-inventory.csv").path))
            // The point's scenario loads from its own folder, and its hash (YAML and table) is the one its result records.
            let loaded = try ScenarioLoader.load(path: out + "/points/\(point)/scenario.yaml")
            #expect(try ResultFile.read(out + "/points/\(point)/result.json").scenario.sha256 == loaded.sha256)
        }
    }

    @Test("A grid point that makes the scenario invalid is refused when planning, naming the point")
    func invalidPoint() throws {
        let root = try temporaryFolder()
        let sweepFile = root + "/sweep.yaml"
        try Data("""
            scenario: \(minimalPath)
            replications: 2
            grid:
              trades.civil.crews: [1, 0]
            """.utf8).write(to: URL(fileURLWithPath: sweepFile))
        let spec = try SweepSpec.load(path: sweepFile)
        let error = #expect(throws: ShardError.self) {
            try ShardPlanner.sweep(spec, file: sweepFile, shards: 1, currentDirectory: root)
        }
        #expect(error?.description.contains("sweep point 2") == true, "\(error?.description ?? "")")
        #expect(error?.description.contains("trades.civil.crews=0") == true)
        // The validator's own message, located in the scenario.
        #expect(error?.description.contains("needs 1 crew of 'civil' at once but the trade has 0") == true,
                "\(error?.description ?? "")")
    }
}

@Suite("Scenario overrides on files from other editors")
struct ScenarioOverrideEncodingTests {
    @Test("Windows line ends and a byte-order mark are kept; the value is still found")
    func lineEndsAndBOM() throws {
        let crlf = Array("name: x\r\ntrades:\r\n  roofing: {crews: 2}\r\n  painting: \"5\"\r\n".utf8)
        let changed = try ScenarioOverride.apply([.init(key: "trades.roofing.crews", value: "3"),
                                                  .init(key: "trades.painting", value: "7")], to: crlf)
        #expect(changed == Array("name: x\r\ntrades:\r\n  roofing: {crews: 3}\r\n  painting: 7\r\n".utf8))

        let bom: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("name: \"x\"\ntrades: {a: {crews: 2}}\n".utf8)
        let first = try ScenarioOverride.apply([.init(key: "name", value: "y")], to: bom)
        #expect(first == [0xEF, 0xBB, 0xBF] + Array("name: y\ntrades: {a: {crews: 2}}\n".utf8))
        let second = try ScenarioOverride.apply([.init(key: "trades.a.crews", value: "4")], to: bom)
        #expect(second == [0xEF, 0xBB, 0xBF] + Array("name: \"x\"\ntrades: {a: {crews: 4}}\n".utf8))
    }
}

@Suite("Sweep and scenario files are read with a bound, as the loader reads them")
struct BoundedReadTests {
    @Test("An endless file is refused after its limit, not read until memory runs out")
    func endless() throws {
        let sweep = #expect(throws: SweepError.self) { try SweepSpec.load(path: "/dev/zero") }
        #expect(sweep?.description == "/dev/zero: error: the sweep file has more than 1048576 bytes; expected at most 1 MiB")
        let scenario = #expect(throws: ShardError.self) {
            try ShardPlanner.run(scenario: "/dev/zero", plan: nil, seed: nil, replications: 1, shards: 1,
                                 currentDirectory: "/")
        }
        #expect(scenario?.kind == .file)
        #expect(scenario?.description.contains("more than 67108864 bytes") == true)
    }
}
