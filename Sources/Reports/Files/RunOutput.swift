import DiscreteEvent
import Experiments
import Foundation
import Renovation
import Synchronization

/// The files a run writes: `result.json` (the ``ResultDocument``, a
/// bounded summary: `docs/results-schema.md`), `replications.csv` (one row
/// per replication), `communities.csv` and `buildings.csv` (per community,
/// and per building and work type, the finish days behind a line-of-balance
/// chart, up to ``buildingRowLimit`` rows), `schedule.csv` (per work order,
/// P10/P50/P90 start and finish dates, up to ``scheduleOrderLimit`` orders)
/// and `results.sqlite` (all of it, ``ResultsDatabase``). Columns and
/// keys are the metric registry's names (``Metric``). The tables are
/// streamed to disk row by row, never built whole in memory.
public enum RunOutput {
    /// `buildingRowLimit` is ``buildingRowLimit`` but in tests.
    ///
    /// `results.sqlite` is written on a second thread while this one writes
    /// the JSON and CSV files: at national scale the database is most of the
    /// writing (a million buildings and 220,000 communities), and the two
    /// share nothing but the read-only results. Every file is
    /// still written under a temporary name and renamed when complete; if
    /// either side fails, the first error (in the order the files are
    /// listed) is thrown once both have ended.
    public static func write(document: ResultDocument, results: [ReplicationResult], model: CompiledPlan,
                             to folder: String, buildingRowLimit limit: Int = buildingRowLimit)
        throws(AtomicFile.WriteError) -> [String] {
        let database = (folder as NSString).appendingPathComponent("results.sqlite")
        // Made before either side starts: the database is opened by SQLite, which makes no folders.
        let made = AtomicFile.makeFolder(folder.isEmpty ? "." : folder)
        guard made == 0 else { throw AtomicFile.WriteError(path: database, reason: AtomicFile.reason(made, folder: folder)) }
        let outcomes = Mutex<[Result<[String], AtomicFile.WriteError>?]>([nil, nil])
        DispatchQueue.concurrentPerform(iterations: 2) { side in
            let outcome: Result<[String], AtomicFile.WriteError>
            if side == 0 {
                outcome = Result { () throws(AtomicFile.WriteError) in
                    try writeFiles(document: document, results: results, model: model, to: folder, buildingRowLimit: limit)
                }
            } else {
                outcome = Result { () throws(AtomicFile.WriteError) in
                    try ResultsDatabase.write(document: document, results: results, model: model, to: database)
                    return [database]
                }
            }
            outcomes.withLock { $0[side] = outcome }
        }
        var written: [String] = []
        for outcome in outcomes.withLock({ $0 }) { written += try outcome!.get() }
        return written
    }

    /// `result.json` and the CSV tables, in that order.
    static func writeFiles(document: ResultDocument, results: [ReplicationResult], model: CompiledPlan,
                           to folder: String, buildingRowLimit limit: Int) throws(AtomicFile.WriteError) -> [String] {
        func path(_ name: String) -> String { (folder as NSString).appendingPathComponent(name) }
        let resultPath = path("result.json")
        do throws(ResultFileError) {
            try ResultFile.write(document, to: resultPath, overwrite: true)
        } catch let .cannotWrite(_, reason) {
            throw AtomicFile.WriteError(path: resultPath, reason: reason)
        } catch {
            throw AtomicFile.WriteError(path: resultPath, reason: error.description)
        }
        var written = [resultPath]
        var tables: [(String, CSVSource)] = [
            ("replications.csv", ReplicationTable(results: results, model: model)),
            ("communities.csv", CommunityTable(results: results, model: model)),
        ]
        if buildingRows(model) <= limit { tables.append(("buildings.csv", BuildingTable(results: results, model: model))) }
        if writesSchedule(model) { tables.append(("schedule.csv", ScheduleTable(results: results, model: model))) }
        for (name, table) in tables {
            let file = try AtomicFile.Stream(path: path(name))
            try table.write(to: file)
            try file.commit()
            written.append(file.path)
        }
        return written
    }

    /// `schedule.csv` (one row per work order) is written for programmes of
    /// at most this many work orders. A national programme has millions:
    /// its schedule would be a ~0.5 GB table no Gantt tool or spreadsheet
    /// opens, written in tens of seconds; `buildings.csv` has its finishes.
    public static let scheduleOrderLimit = CompiledPlan.scheduleOrderLimit

    /// `buildings.csv` (a row per building and building work type) is written
    /// up to this many rows, as `schedule.csv` is: a spreadsheet opens
    /// 1,048,576 rows. A national programme has five million, a quarter of
    /// a gigabyte that took as long to write as a third of the simulation;
    /// `results.sqlite`'s `building_finish` view holds the same numbers, and
    /// `docs/results-schema.md` gives the query that prints them as this table.
    public static let buildingRowLimit = 1_000_000

    /// The rows `buildings.csv` has for `model`.
    public static func buildingRows(_ model: CompiledPlan) -> Int { model.buildings.count * model.buildingTypeCount }

    /// Whether a run of `model` writes `buildings.csv`.
    public static func writesBuildingTable(_ model: CompiledPlan) -> Bool { buildingRows(model) <= buildingRowLimit }

    /// What the tables left out for their size, and where their numbers are instead: for the CLI to say.
    public static func notes(for model: CompiledPlan) -> [String] {
        var notes: [String] = []
        if !writesBuildingTable(model) {
            notes.append("buildings.csv left out: \(buildingRows(model)) rows is more than \(buildingRowLimit) "
                         + "(results.sqlite's building_finish has every building's finishes)")
        }
        if !writesSchedule(model) {
            notes.append("schedule.csv left out: \(model.orderCount) work orders is more than \(scheduleOrderLimit) "
                         + "(results.sqlite's building_finish has every building's finishes)")
        }
        return notes
    }

    /// Whether a run of `model` writes `schedule.csv`.
    public static func writesSchedule(_ model: CompiledPlan) -> Bool { model.recordsStarts }

    /// The replications table, as `replications.csv` holds it.
    public static func replicationTable(_ results: [ReplicationResult], model: CompiledPlan) -> CSVTable {
        ReplicationTable(results: results, model: model).table
    }

    /// JSON as result files write it (``ResultJSON``): snake_case keys,
    /// sorted, pretty-printed, non-finite numbers as null — the same bytes for the same results.
    public static func json<T: Encodable>(_ value: T) throws(AtomicFile.WriteError) -> String {
        do {
            return String(decoding: try ResultJSON.encode(value), as: UTF8.self)
        } catch {
            throw AtomicFile.WriteError(path: "(json)", reason: "\(error)")
        }
    }

    /// The event log of a traced replication.
    public static func traceTable(_ trace: [TraceRecord], model: CompiledPlan) -> CSVTable {
        var table = CSVTable(header: ["time_hours", "date", "event", "order", "work_type", "community", "building",
                                      "work_hours"])
        for r in trace {
            let type = r.order >= 0 ? model.types[model.typeIndex(of: r.order)].name : ""
            let community = r.community >= 0 ? model.communities[r.community].name : ""
            let building: String
            if r.building >= 0 {
                let c = model.communities[Int(model.buildings.community[r.building])]
                building = model.buildings.names[r.building] ?? "\(r.building - c.buildings.lowerBound + 1)"
            } else {
                building = ""
            }
            table.append([csvNumber(r.time), model.date(atHours: r.time).description, r.kind.rawValue,
                          r.order >= 0 ? String(r.order) : "", type, community, building, csvNumber(r.value)])
        }
        return table
    }
}
