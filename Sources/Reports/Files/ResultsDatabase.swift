import Experiments
import Foundation
import GRDB
import GRDBSQLite
import Renovation

/// A run's results as one SQLite database, `results.sqlite`, for
/// researchers to query (`docs/results-schema.md` has the schema and
/// example queries from Python and the `sqlite3` shell):
///
/// - `run`: one row — scenario, plan, seed, replications, versions;
/// - `metric_definition`: the metric registry (``Metric``);
/// - `metrics`: per bounded metric and index, its summary over the replications;
/// - `replications`: per replication, one column per scalar metric;
/// - `replication_values`: per replication, indexed metric and index, its value;
/// - `communities`: per community, mean and P10/P50/P90 finish days;
/// - `buildings`, `work_types`, `building_finish`: per building and building
///   work type, P10/P50/P90 finish day.
///
/// Written in one transaction with prepared statements, to a temporary file
/// renamed into place when complete. Non-finite numbers are NULL.
enum ResultsDatabase {
    static let schemaVersion = 1

    static var schema: String {
        let scalars = Metric.scalars.map { "\($0.name) \($0.representation == .number ? "REAL" : "INTEGER")" }
        return """
            CREATE TABLE run (schema_version INTEGER NOT NULL, tool_version TEXT NOT NULL, scenario TEXT NOT NULL,
                scenario_file TEXT NOT NULL, scenario_sha256 TEXT NOT NULL, plan TEXT NOT NULL, seed INTEGER NOT NULL,
                replications INTEGER NOT NULL, start TEXT NOT NULL, deadline TEXT NOT NULL);
            CREATE TABLE metric_definition (metric TEXT PRIMARY KEY, unit TEXT NOT NULL, indexed_by TEXT,
                aggregate TEXT NOT NULL, description TEXT NOT NULL);
            CREATE TABLE metrics (metric TEXT NOT NULL REFERENCES metric_definition(metric), idx TEXT, count INTEGER NOT NULL,
                mean REAL, sd REAL, ci_low REAL, ci_high REAL, p10 REAL, p50 REAL, p80 REAL, p90 REAL, min REAL, max REAL);
            CREATE TABLE replications (replication INTEGER PRIMARY KEY, finish_date TEXT, \(scalars.joined(separator: ", ")),
                stall TEXT);
            CREATE TABLE replication_values (replication INTEGER NOT NULL, metric TEXT NOT NULL, idx TEXT NOT NULL, value REAL);
            CREATE TABLE communities (community INTEGER PRIMARY KEY, name TEXT NOT NULL, district TEXT NOT NULL,
                \(["mean", "p10", "p50", "p90"].map { "\(Metric.communityFinishDays.name)_\($0) REAL" }.joined(separator: ", ")));
            CREATE TABLE work_types (work_type INTEGER PRIMARY KEY, name TEXT NOT NULL);
            CREATE TABLE buildings (building INTEGER PRIMARY KEY, name TEXT NOT NULL,
                community INTEGER NOT NULL REFERENCES communities(community));
            CREATE TABLE building_finish (building INTEGER NOT NULL REFERENCES buildings(building),
                work_type INTEGER NOT NULL REFERENCES work_types(work_type), p10 REAL, p50 REAL, p90 REAL);
            """
    }

    static func write(document: ResultDocument, results: [ReplicationResult], model: CompiledPlan,
                      to path: String) throws(AtomicFile.WriteError) {
        let temporary = (path as NSString).deletingLastPathComponent + "/." + (path as NSString).lastPathComponent
            + ".\(UUID().uuidString).tmp"
        do {
            let queue = try DatabaseQueue(path: temporary)
            try queue.writeWithoutTransaction { db in
                // Built under a temporary name and renamed whole: no journal needed.
                try db.execute(sql: "PRAGMA page_size = 16384; PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; "
                               + "PRAGMA locking_mode = EXCLUSIVE; PRAGMA cache_size = -65536")
                try db.inTransaction {
                    try db.execute(sql: schema)
                    try fill(db, document: document, results: results, model: model)
                    return .commit
                }
            }
            try queue.close()
            guard rename(temporary, path) == 0 else { throw AtomicFile.WriteError(path: path, reason: String(cString: strerror(errno))) }
        } catch let error as AtomicFile.WriteError {
            try? FileManager.default.removeItem(atPath: temporary)
            throw error
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
            throw AtomicFile.WriteError(path: path, reason: "\(error)")
        }
    }

    /// One `building_finish` row, bound through SQLite's C API (5 million rows at national scale).
    static func insert(_ statement: Statement, _ building: Int, _ type: Int,
                       _ q: (p10: Double, p50: Double, p90: Double)) throws {
        let handle = statement.sqliteStatement
        sqlite3_bind_int64(handle, 1, Int64(building))
        sqlite3_bind_int64(handle, 2, Int64(type))
        // Stored as Float in the replication: its value, not the Double's extra digits.
        func bind(_ x: Double, _ i: Int32) {
            if x.isFinite { sqlite3_bind_double(handle, i, Double(Float(x))) } else { sqlite3_bind_null(handle, i) }
        }
        bind(q.p10, 3)
        bind(q.p50, 4)
        bind(q.p90, 5)
        let code = sqlite3_step(handle)
        sqlite3_reset(handle)
        guard code == SQLITE_DONE else { throw DatabaseError(resultCode: ResultCode(rawValue: code)) }
    }

    static func fill(_ db: Database, document: ResultDocument, results: [ReplicationResult], model: CompiledPlan) throws {
        func real(_ x: Double) -> Double? { x.isFinite ? x : nil }
        try db.execute(sql: "INSERT INTO run VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", arguments: [
            schemaVersion, document.toolVersion, document.scenario.name, document.scenario.file, document.scenario.sha256,
            document.plan, Int64(bitPattern: document.seed), document.replications, model.start.description,
            model.deadline.description,
        ])
        let definition = try db.makeStatement(sql: "INSERT INTO metric_definition VALUES (?, ?, ?, ?, ?)")
        for m in Metric.all {
            try definition.execute(arguments: [m.name, m.unit.rawValue, m.dimension?.rawValue, m.aggregate.rawValue, m.description])
        }
        let metric = try db.makeStatement(sql: "INSERT INTO metrics VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        for row in document.summary?.metrics ?? [] {
            let s = row.summary
            try metric.execute(arguments: [row.metric, row.index, s.count, real(s.mean), real(s.standardDeviation),
                                           real(s.ciLower), real(s.ciUpper), real(s.p10), real(s.p50), real(s.p80),
                                           real(s.p90), real(s.min), real(s.max)])
        }
        let scalars = Metric.scalars
        let replication = try db.makeStatement(sql: "INSERT INTO replications VALUES (?, ?"
                                               + String(repeating: ", ?", count: scalars.count) + ", ?)")
        let value = try db.makeStatement(sql: "INSERT INTO replication_values VALUES (?, ?, ?, ?)")
        let years = results.first?.completionsPerYear.count ?? 0
        let indexed = Metric.all.filter { $0.isBounded && $0.dimension != nil }
        let indexNames = indexed.map { Metric.indexNames($0.dimension!, plan: model, years: years) }
        for r in results {
            var arguments: [(any DatabaseValueConvertible)?] = [r.replication, model.start.adding(fractionalDays: r.finishDays).description]
            arguments += scalars.map { m -> (any DatabaseValueConvertible)? in
                let v = m.read(r, plan: model)[0]
                guard v.isFinite else { return nil }
                return m.representation == .number ? v : Int64(v)
            }
            arguments.append(r.stall)
            try replication.execute(arguments: StatementArguments(arguments))
            for (k, m) in indexed.enumerated() {
                for (i, v) in m.read(r, plan: model).enumerated() where i < indexNames[k].count {
                    try value.execute(arguments: [r.replication, m.name, indexNames[k][i], real(v)])
                }
            }
        }
        let community = try db.makeStatement(sql: "INSERT INTO communities VALUES (?, ?, ?, ?, ?, ?, ?)")
        let finishes = CommunityTable(results: results, model: model)
        var c = 0
        try finishes.forEachSummary { name, district, mean, p10, p50, p90 in
            try community.execute(arguments: [c, name, district, real(mean), real(p10), real(p50), real(p90)])
            c += 1
        }
        let type = try db.makeStatement(sql: "INSERT INTO work_types VALUES (?, ?)")
        for k in 0..<model.buildingTypeCount { try type.execute(arguments: [k, model.types[k].name]) }
        let building = try db.makeStatement(sql: "INSERT INTO buildings VALUES (?, ?, ?)")
        let finish = try db.makeStatement(sql: "INSERT INTO building_finish VALUES (?, ?, ?, ?, ?)")
        var last = -1
        try BuildingTable(results: results, model: model).forEachBuilding { b, c, k, q in
            if b != last {
                let name = model.buildings.names[b] ?? String(b - model.communities[c].buildings.lowerBound + 1)
                let handle = building.sqliteStatement
                sqlite3_bind_int64(handle, 1, Int64(b))
                // SQLITE_TRANSIENT (−1): SQLite copies the text before the Swift string goes away.
                sqlite3_bind_text(handle, 2, name, -1, unsafeBitCast(-1, to: sqlite3_destructor_type.self))
                sqlite3_bind_int64(handle, 3, Int64(c))
                let code = sqlite3_step(handle)
                sqlite3_reset(handle)
                guard code == SQLITE_DONE else { throw DatabaseError(resultCode: ResultCode(rawValue: code)) }
                last = b
            }
            try insert(finish, b, k, q)
        }
    }
}
