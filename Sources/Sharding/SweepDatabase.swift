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
/// - `replication`: one row per grid point and replication — its scalar results.
///
/// The database is built under a temporary name and renamed into place when
/// complete, so a reader never sees half of it.
public final class SweepDatabase {
    public static let schemaVersion = 1

    static let schema = """
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
            point INTEGER NOT NULL REFERENCES point(point), replication INTEGER NOT NULL,
            finished INTEGER NOT NULL, finish_days REAL, finish_date TEXT, deadline_met INTEGER NOT NULL,
            total_cost REAL, inspections INTEGER, failed_inspections INTEGER, rework_hours REAL,
            defects_reported INTEGER, household_days_disrupted REAL, peak_sites INTEGER, events INTEGER,
            unfinished_orders INTEGER, PRIMARY KEY (point, replication));
        """

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
                for (name, m) in Self.metrics(summary) {
                    try metric.execute(arguments: [point, name, m.count, m.mean, m.standardDeviation, m.ciLower,
                                                   m.ciUpper, m.p10, m.p50, m.p80, m.p90, m.min, m.max])
                }
                let p = summary.deadlineMet
                try metric.execute(arguments: [point, "deadline_met", p.trials, p.estimate, nil, p.lower, p.upper,
                                               nil, nil, nil, nil, nil, nil])
                let row = try db.makeStatement(sql: "INSERT INTO replication VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                for r in document.perReplication {
                    let date = r.finishDays.isFinite ? summary.date(days: r.finishDays).description : nil
                    try row.execute(arguments: [
                        point, r.replication, r.finished, r.finishDays, date, r.deadlineMet, r.totalCost,
                        r.inspections, r.failedInspections, r.reworkHours, r.defectsReported,
                        r.householdDaysDisrupted, r.peakSites, r.events, r.unfinishedOrders,
                    ])
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

    /// The summary's metrics under the names the `metric` table uses.
    static func metrics(_ s: PlanSummary) -> [(String, MetricSummary)] {
        var list: [(String, MetricSummary)] = [
            ("finish_days", s.finishDays), ("total_cost", s.totalCost), ("inspections", s.inspections),
            ("failure_rate", s.failureRate), ("rework_hours", s.reworkHours), ("defects_reported", s.defectsReported),
            ("household_days_disrupted", s.householdDaysDisrupted), ("peak_sites", s.peakSites),
            ("events", s.eventsPerReplication),
        ]
        list += s.crewUtilisation.map { ("utilisation." + $0.name, $0.summary) }
        list += s.waits.map { ("wait_days." + $0.name, $0.summary) }
        list += s.serviceLevelAttainment.map { ("attainment." + $0.name, $0.summary) }
        return list
    }
}
