import Experiments
import Foundation
import GRDB
import Renovation

/// A merged sweep as one SQLite database, so that a thousand grid points
/// are one SQL query away instead of a thousand files. The schema is
/// documented in `docs/sweeps.md`:
///
/// - `sweep`: one row — name, run id, tool version;
/// - `point`: one row per grid point — scenario, plan, seed, replications;
/// - `parameter`: one row per grid point and grid key, the value as written
///   and as a number when it is one;
/// - `metric`: one row per grid point and metric — mean, standard deviation,
///   95 % interval, percentiles (the proportion `deadline_met` has its
///   Wilson interval in `ci_low`/`ci_high`);
/// - `replication`: one row per grid point and replication — its scalar
///   results, one column per scalar metric of the registry (``Metric``).
///
/// Metric names and columns are the registry's (`utilisation[roofing]`).
///
/// The database is built under a temporary name and renamed into place when
/// complete, so a reader never sees half of it.
public final class SweepDatabase {
    public static let schemaVersion = 2

    static var schema: String { """
        CREATE TABLE sweep (
            name TEXT NOT NULL, run_id TEXT NOT NULL, tool_version TEXT NOT NULL, schema_version INTEGER NOT NULL);
        CREATE TABLE point (
            point INTEGER PRIMARY KEY, label TEXT NOT NULL, scenario TEXT NOT NULL, scenario_file TEXT NOT NULL,
            scenario_sha256 TEXT NOT NULL, plan TEXT NOT NULL, seed INTEGER NOT NULL, replications INTEGER NOT NULL,
            start TEXT NOT NULL, deadline TEXT NOT NULL);
        CREATE TABLE parameter (
            point INTEGER NOT NULL REFERENCES point(point), key TEXT NOT NULL, value TEXT NOT NULL, number REAL,
            PRIMARY KEY (point, key));
        CREATE TABLE metric (
            point INTEGER NOT NULL REFERENCES point(point), metric TEXT NOT NULL, count INTEGER NOT NULL,
            mean REAL, sd REAL, ci_low REAL, ci_high REAL, p10 REAL, p50 REAL, p80 REAL, p90 REAL, min REAL, max REAL,
            PRIMARY KEY (point, metric));
        CREATE TABLE replication (
            point INTEGER NOT NULL REFERENCES point(point), replication INTEGER NOT NULL, finish_date TEXT,
            \(Metric.scalars.map { "\($0.name) \($0.representation == .number ? "REAL" : "INTEGER")" }.joined(separator: ", ")),
            PRIMARY KEY (point, replication));
        """ }

    public let path: String
    let temporary: String
    let queue: DatabaseQueue

    /// Starts a new database to be renamed to `path` by ``finish()``.
    public init(path: String, sweep name: String, runID: String, toolVersion: String) throws(ShardError) {
        self.path = path
        temporary = (path as NSString).deletingLastPathComponent + "/." + (path as NSString).lastPathComponent
            + ".\(UUID().uuidString).tmp"
        do {
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                    withIntermediateDirectories: true)
            queue = try DatabaseQueue(path: temporary)
            try queue.write { db in
                try db.execute(sql: Self.schema)
                try db.execute(sql: "INSERT INTO sweep VALUES (?, ?, ?, ?)",
                               arguments: [name, runID, toolVersion, Self.schemaVersion])
            }
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
            throw ShardError(.file, "cannot create \(path): \(error)")
        }
    }

    deinit {
        try? queue.close()
        // Still there only when finish() was not reached.
        try? FileManager.default.removeItem(atPath: temporary)
    }

    /// Adds one grid point with its summary and replications, in one transaction.
    public func add(point: Int, label: String, job: ShardManifest.Job, scenarioFile: String,
                    document: ResultDocument) throws(ShardError) {
        guard let summary = document.summary else { return }
        do {
            try queue.write { db in
                try db.execute(sql: "INSERT INTO point VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", arguments: [
                    point, label, document.scenario.name, scenarioFile, document.scenario.sha256, job.plan,
                    Int64(bitPattern: job.seed), document.replications, summary.start.description,
                    summary.deadline.description,
                ])
                for assignment in job.assignments {
                    try db.execute(sql: "INSERT INTO parameter VALUES (?, ?, ?, ?)",
                                   arguments: [point, assignment.key, assignment.value, Double(assignment.value)])
                }
                let metric = try db.makeStatement(sql: "INSERT INTO metric VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                for row in summary.metrics {
                    let m = row.summary
                    try metric.execute(arguments: [point, row.label, m.count, m.mean, m.standardDeviation, m.ciLower,
                                                   m.ciUpper, m.p10, m.p50, m.p80, m.p90, m.min, m.max])
                }
                let p = summary.deadlineMet
                // The proportion's Wilson interval, in place of the Student-t one its row would have.
                try db.execute(sql: "UPDATE metric SET ci_low = ?, ci_high = ? WHERE point = ? AND metric = ?",
                               arguments: [p.lower, p.upper, point, Metric.deadlineMet.name])
                let scalars = Metric.scalars
                let row = try db.makeStatement(sql: "INSERT INTO replication VALUES (?, ?, ?"
                                               + String(repeating: ", ?", count: scalars.count) + ")")
                for r in document.perReplication {
                    let finish = r[scalar: .finishDays]
                    let date = finish.isFinite ? summary.date(days: finish).description : nil
                    var arguments: [(any DatabaseValueConvertible)?] = [point, r.replication, date]
                    arguments += scalars.map { m -> (any DatabaseValueConvertible)? in
                        let v = r[scalar: m]
                        guard v.isFinite else { return nil }
                        return m.representation == .number ? v : Int64(v)
                    }
                    try row.execute(arguments: StatementArguments(arguments))
                }
            }
        } catch {
            throw ShardError(.file, "cannot write \(path): \(error)")
        }
    }

    /// Closes the database and moves it into place.
    public func finish() throws(ShardError) {
        do {
            try queue.close()
            if FileManager.default.fileExists(atPath: path) { try FileManager.default.removeItem(atPath: path) }
            try FileManager.default.moveItem(atPath: temporary, toPath: path)
        } catch {
            throw ShardError(.file, "cannot write \(path): \(error)")
        }
    }
}
