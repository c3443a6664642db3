import DiscreteEvent
import Experiments
import Foundation
import Renovation
import Reports

/// Writes a merged sharded run: for a run, exactly the files `renosim run
/// --out` writes; for a sweep, those files per grid point under
/// `points/<label>/` (with the grid point's scenario), a `summary.csv` with
/// one row per point, and `sweep.sqlite` (``SweepDatabase``).
public enum ShardOutput {
    /// What the merge produced, for the command to report.
    public struct Merged: Sendable {
        /// For a run: its result document (summary included).
        public var document: ResultDocument?
        public var files: [String]
        /// For a sweep: one row per grid point.
        public var summary: CSVTable?
    }

    public static func merge(_ folder: ShardFolder, into out: String, currentDirectory: String,
                             progress: ((Int) -> Void)? = nil) throws(ShardError) -> Merged {
        let files = try folder.collect()
        switch folder.manifest.kind {
        case .run: return try mergeRun(folder, files: files, into: out)
        case .sweep: return try mergeSweep(folder, files: files, into: out, currentDirectory: currentDirectory,
                                           progress: progress)
        }
    }

    /// Refuses results that do not have the shape of a run of `model` (a shard file written by other means).
    static func check(_ results: [ReplicationResult], fit model: CompiledPlan, job: ShardManifest.Job) throws(ShardError) {
        if let bad = results.first(where: { !$0.fits(model) }) {
            throw ShardError(.content, "replication \(bad.replication) of job \(job.label) in the shards does not fit the "
                             + "scenario (its per-community, per-trade or per-order lists have other lengths); "
                             + "run its shard again")
        }
    }

    static func mergeRun(_ folder: ShardFolder, files: [String], into out: String) throws(ShardError) -> Merged {
        var merged = Merged(document: nil, files: [], summary: nil)
        try folder.forEachJob(files: files) { (j, results) throws(ShardError) in
            let (_, model, _) = try folder.model(job: j)
            try check(results, fit: model, job: folder.manifest.jobs[j])
            let job = folder.manifest.jobs[j]
            let document = ResultDocument(model: model, seed: job.seed, results: results,
                                          scenario: folder.manifest.scenarios[job.scenario].reference,
                                          toolVersion: folder.manifest.toolVersion)
            do {
                merged.files += try RunOutput.write(document: document, results: results, model: model, to: out)
            } catch {
                throw ShardError(.file, "\(error)")
            }
            merged.document = document
        }
        return merged
    }

    static func mergeSweep(_ folder: ShardFolder, files: [String], into out: String, currentDirectory: String,
                           progress: ((Int) -> Void)?) throws(ShardError) -> Merged {
        let manifest = folder.manifest
        let database = try SweepDatabase(path: (out as NSString).appendingPathComponent("sweep.sqlite"),
                                         sweep: manifest.name, runID: manifest.id, toolVersion: manifest.toolVersion)
        var table = CSVTable(header: ["point", "scenario", "plan"] + manifest.grid + [
            "replications", "finish_p10", "finish_p50", "finish_p90", "finish_mean_days", "finish_ci_half_width_days",
            "p_deadline", "p_deadline_low", "p_deadline_high", Metric.totalCost.name + "_mean",
            Metric.householdDaysDisrupted.name + "_mean",
            "unfinished_replications",
        ])
        var written: [String] = []
        var done = 0
        try folder.forEachJob(files: files) { (j, results) throws(ShardError) in
            let job = manifest.jobs[j]
            let (loaded, model, bytes) = try folder.model(job: j)
            try check(results, fit: model, job: job)
            let pointFolder = ((out as NSString).appendingPathComponent("points") as NSString)
                .appendingPathComponent(job.label)
            let scenarioPath = (pointFolder as NSString).appendingPathComponent("scenario.yaml")
            // The scenario's hash as `run` records it (with an inventory, it covers the table too).
            let reference = ResultDocument.ScenarioReference(
                name: loaded.scenario.name, file: ScenarioPath.relative(scenarioPath, to: currentDirectory),
                sha256: loaded.sha256)
            let document = ResultDocument(model: model, seed: job.seed, results: results, scenario: reference,
                                          toolVersion: manifest.toolVersion)
            do {
                try AtomicFile.write(Data(bytes), to: scenarioPath)
                // The point's scenario runs on its own: its inventory table goes beside it, where it reads it.
                if let spec = loaded.scenario.inventory, let source = loaded.inventoryPath, !spec.file.hasPrefix("/") {
                    let copy = ((pointFolder as NSString).appendingPathComponent(spec.file) as NSString).standardizingPath
                    if copy.hasPrefix((pointFolder as NSString).standardizingPath + "/") {
                        try FileManager.default.createDirectory(atPath: (copy as NSString).deletingLastPathComponent,
                                                                withIntermediateDirectories: true)
                        try AtomicFile.write(Data(contentsOf: URL(fileURLWithPath: source)), to: copy)
                        written.append(copy)
                    }
                }
                written += [scenarioPath] + (try RunOutput.write(document: document, results: results, model: model,
                                                                 to: pointFolder))
            } catch {
                throw ShardError(.file, "\(error)")
            }
            try database.add(point: j + 1, label: job.label, job: job,
                             scenarioFile: manifest.scenarios[job.scenario].reference.file, document: document)
            if let summary = document.summary {
                let values = manifest.grid.map { key in job.assignments.first { $0.key == key }?.value ?? "" }
                let finish = summary.finishDays
                func date(_ days: Double) -> String { days.isFinite ? summary.date(days: days).description : "" }
                table.append([job.label, manifest.scenarios[job.scenario].reference.file, job.plan] + values + [
                    String(results.count), date(finish.p10), date(finish.p50), date(finish.p90), csvNumber(finish.mean),
                    csvNumber(finish.halfWidth), csvNumber(summary.deadlineMet.estimate),
                    csvNumber(summary.deadlineMet.lower), csvNumber(summary.deadlineMet.upper),
                    csvNumber(summary.summary(.totalCost).mean), csvNumber(summary.summary(.householdDaysDisrupted).mean),
                    String(summary.unfinished),
                ])
            }
            done += 1
            progress?(done)
        }
        let summaryPath = (out as NSString).appendingPathComponent("summary.csv")
        do {
            try AtomicFile.write(table.text, to: summaryPath)
        } catch {
            throw ShardError(.file, "\(error)")
        }
        try database.finish()
        return Merged(document: nil, files: written + [summaryPath, database.path], summary: table)
    }
}
