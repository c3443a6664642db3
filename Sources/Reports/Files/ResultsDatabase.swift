import Experiments
import Foundation
import GRDB
import GRDBSQLite
import Renovation

/// A run's results as one SQLite database, `results.sqlite`, for
/// researchers to query (`docs/results-schema.md` has the schema and
/// example queries from Python and the `sqlite3` shell):
///
/// - `run`: one row — scenario, plan, seed, replications, versions, and a forecast's progress file;
/// - `metric_definition`: the metric registry (``Metric``);
/// - `metrics`: per bounded metric and index, its summary over the replications;
/// - `replications`: per replication, one column per scalar metric;
/// - `replication_values`: per replication, indexed metric and index, its value;
/// - `communities`: per community, mean and P10/P50/P90 finish days;
/// - `work_types`: the building work types;
/// - `buildings`: per building, its name and community and, side by side
///   for each building work type k, `finish_k_p10`, `finish_k_p50`,
///   `finish_k_p90` (finish day over the replications);
/// - `building_finish`: a view of the same finishes, one row per building
///   and building work type.
///
/// Finishes are stored by building, not by building and work type: a
/// national programme's four million rows were most of the time the
/// database took, and SQLite's cost is mostly per row.
///
/// Written in one transaction with prepared statements, to a temporary file
/// renamed into place when complete. Non-finite numbers are NULL.
enum ResultsDatabase {
    static let schemaVersion = 2

    static func schema(buildingTypes types: Int) -> String {
        let scalars = Metric.scalars.map { "\($0.name) \($0.representation == .number ? "REAL" : "INTEGER")" }
        return """
            CREATE TABLE run (schema_version INTEGER NOT NULL, tool_version TEXT NOT NULL, scenario TEXT NOT NULL,
                scenario_file TEXT NOT NULL, scenario_sha256 TEXT NOT NULL, plan TEXT NOT NULL, seed INTEGER NOT NULL,
                replications INTEGER NOT NULL, start TEXT NOT NULL, deadline TEXT NOT NULL,
                status_file TEXT, status_sha256 TEXT, status_date TEXT);
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
                community INTEGER NOT NULL REFERENCES communities(community)\(finishColumns(types).map { ", \($0) REAL" }.joined()));
            CREATE VIEW building_finish (building, work_type, p10, p50, p90) AS \(finishView(types));
            """
    }

    /// `finish_k_p10`, `finish_k_p50`, `finish_k_p90` for each building work type k.
    static func finishColumns(_ types: Int) -> [String] {
        (0..<types).flatMap { k in ["p10", "p50", "p90"].map { "finish_\(k)_\($0)" } }
    }

    /// One select per work type, joined (at most 500: SQLite's limit, and the scenario's).
    static func finishView(_ types: Int) -> String {
        guard types > 0 else { return "SELECT 0, 0, 0.0, 0.0, 0.0 WHERE 0" }
        return (0..<types).map { k in
            "SELECT building, \(k), finish_\(k)_p10, finish_\(k)_p50, finish_\(k)_p90 FROM buildings"
        }.joined(separator: " UNION ALL ")
    }

    static func write(document: ResultDocument, results: [ReplicationResult], model: CompiledPlan,
                      to path: String) throws(AtomicFile.WriteError) {
        let temporary = (path as NSString).deletingLastPathComponent + "/." + (path as NSString).lastPathComponent
            + ".\(UUID().uuidString).tmp"
        do {
            // A new file filled in one go with rows that reference each other correctly by
            // construction: checking every reference on insert would cost a lookup per row.
            var configuration = Configuration()
            configuration.foreignKeysEnabled = false
            let queue = try DatabaseQueue(path: temporary, configuration: configuration)
            try queue.writeWithoutTransaction { db in
                // Built under a temporary name and renamed whole: no journal needed.
                try db.execute(sql: "PRAGMA page_size = 16384; PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; "
                               + "PRAGMA locking_mode = EXCLUSIVE; PRAGMA cache_size = -8192")
                try db.inTransaction {
                    try db.execute(sql: schema(buildingTypes: model.buildingTypeCount))
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

    /// A prepared insert driven through SQLite's C API: GRDB's arguments box
    /// every value, a cost per row that millions of rows notice.
    struct Insert {
        /// Kept so that its SQLite statement is not finalised while in use.
        let statement: Statement
        let handle: OpaquePointer

        init(_ statement: Statement) {
            self.statement = statement
            handle = statement.sqliteStatement
        }

        func bind(_ i: Int32, _ value: Int) { sqlite3_bind_int64(handle, i, Int64(value)) }

        /// A finite number, or NULL.
        func bind(_ i: Int32, _ value: Double) {
            if value.isFinite { sqlite3_bind_double(handle, i, value) } else { sqlite3_bind_null(handle, i) }
        }

        func bind(_ i: Int32, _ text: String) {
            // SQLITE_TRANSIENT (−1): SQLite copies the text before the Swift string goes away.
            sqlite3_bind_text(handle, i, text, -1, unsafeBitCast(-1, to: sqlite3_destructor_type.self))
        }

        /// Text bound without a copy: `text` outlives the statement's use of it.
        func bind(_ i: Int32, _ text: CText) {
            sqlite3_bind_text(handle, i, text.pointer, text.length, nil)   // nil: SQLITE_STATIC
        }

        func step() throws {
            let code = sqlite3_step(handle)
            sqlite3_reset(handle)
            guard code == SQLITE_DONE else { throw DatabaseError(resultCode: ResultCode(rawValue: code)) }
        }
    }

    /// A C copy of a string bound to many rows (metric and index names), made once.
    final class CText {
        let pointer: UnsafeMutablePointer<CChar>
        let length: Int32

        init(_ text: String) {
            pointer = strdup(text)
            length = Int32(text.utf8.count)
        }

        deinit { free(pointer) }
    }

    static func fill(_ db: Database, document: ResultDocument, results: [ReplicationResult], model: CompiledPlan) throws {
        func real(_ x: Double) -> Double? { x.isFinite ? x : nil }
        let status = document.scenario.status
        try db.execute(sql: "INSERT INTO run VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", arguments: [
            schemaVersion, document.toolVersion, document.scenario.name, document.scenario.file, document.scenario.sha256,
            document.plan, Int64(bitPattern: document.seed), document.replications, model.start.description,
            model.deadline.description, status?.file, status?.sha256, status?.date.description,
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
        let value = Insert(try db.makeStatement(sql: "INSERT INTO replication_values VALUES (?, ?, ?, ?)"))
        let years = results.first?.completionsPerYear.count ?? 0
        let indexed = Metric.all.filter { $0.isBounded && $0.dimension != nil }
        let indexNames = indexed.map { Metric.indexNames($0.dimension!, plan: model, years: years).map(CText.init) }
        let indexedNames = indexed.map { CText($0.name) }
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
                    value.bind(1, r.replication)
                    value.bind(2, indexedNames[k])
                    value.bind(3, indexNames[k][i])
                    value.bind(4, v)
                    try value.step()
                }
            }
        }
        let community = Insert(try db.makeStatement(sql: "INSERT INTO communities VALUES (?, ?, ?, ?, ?, ?, ?)"))
        let finishes = CommunityTable(results: results, model: model)
        var c = 0
        try finishes.forEachSummary { name, district, mean, p10, p50, p90 in
            community.bind(1, c)
            community.bind(2, name)
            community.bind(3, district)
            community.bind(4, mean)
            community.bind(5, p10)
            community.bind(6, p50)
            community.bind(7, p90)
            try community.step()
            c += 1
        }
        let type = try db.makeStatement(sql: "INSERT INTO work_types VALUES (?, ?)")
        for k in 0..<model.buildingTypeCount { try type.execute(arguments: [k, model.types[k].name]) }
        try fillBuildings(db, table: BuildingTable(results: results, model: model), types: model.buildingTypeCount)
    }

    /// `buildings`: a row per building, its finishes by work type side by
    /// side, inserted `batch` rows a statement (a statement's start and end
    /// are paid once per batch; the rows left over one by one).
    static func fillBuildings(_ db: Database, table: BuildingTable, types: Int) throws {
        let columns = 3 + 3 * types
        // SQLite binds at most 32,766 values a statement.
        let batch = max(1, min(64, 32_766 / columns))
        func statement(rows: Int) throws -> Insert {
            let row = "(" + Array(repeating: "?", count: columns).joined(separator: ", ") + ")"
            return Insert(try db.makeStatement(sql: "INSERT INTO buildings VALUES "
                                               + Array(repeating: row, count: rows).joined(separator: ", ")))
        }
        let batchInsert = try statement(rows: batch), rowInsert = try statement(rows: 1)
        let model = table.model
        var values = [Double](repeating: 0, count: table.results.count)
        var b = 0
        while b < model.buildings.count {
            let rows = model.buildings.count - b >= batch ? batch : 1
            let insert = rows == batch ? batchInsert : rowInsert
            for slot in 0..<rows {
                let building = b + slot
                let c = Int(model.buildings.community[building])
                let first = Int32(columns * slot)
                insert.bind(first + 1, building)
                insert.bind(first + 2, table.buildingName(building, community: c))
                insert.bind(first + 3, c)
                for k in 0..<types {
                    let q = table.quantiles(building: building, type: k, scratch: &values)
                    let at = first + 3 + Int32(3 * k)
                    // Stored as Float in the replication: its value, not the Double's extra digits.
                    insert.bind(at + 1, Double(Float(q.p10)))
                    insert.bind(at + 2, Double(Float(q.p50)))
                    insert.bind(at + 3, Double(Float(q.p90)))
                }
            }
            try insert.step()
            b += rows
        }
    }
}
