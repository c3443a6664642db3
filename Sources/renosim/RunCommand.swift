import ArgumentParser
import DiscreteEvent
import Experiments
import Foundation
import Renovation
import Reports

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Simulate one plan of a scenario and summarise the replications.",
        discussion: """
            Prints a summary on stdout; with --out, writes result.json, replications.csv, \
            communities.csv, buildings.csv (up to 1,000,000 rows), schedule.csv (per work order, up to \
            1,000,000 orders) and \
            results.sqlite there. --trace (one replication) also writes trace.csv, \
            the event log, to follow one building through its works.

              renosim run scenarios/yonghong-2022.yaml --plan three-year --replications 200 --out results/yh
              renosim run scenarios/benxi-2018.yaml --precision 3 --max-replications 2000
            """
    )

    @Argument(help: "Scenario file (YAML).") var scenario: String
    @Option(help: "Plan to run (default: the scenario's first plan).") var plan: String?
    @OptionGroup var options: ExperimentOptions
    @OptionGroup var progress: StatusOptions
    @Option(help: ArgumentHelp("Write where replication 0 stands at the end of --write-status-date as a progress file "
                               + "(the format --status reads): to try a re-forecast, or to start one from a simulated state.",
                               valueName: "file"))
    var writeStatus: String?
    @Option(help: ArgumentHelp("The status date of --write-status.", valueName: "YYYY-MM-DD"))
    var writeStatusDate: String?
    @Flag(help: "Write the event log of one replication as trace.csv (needs --out and --replications 1).")
    var trace = false
    @Flag(help: "Continue an interrupted run from the replications it saved in --out.")
    var resume = false
    @Option(help: ArgumentHelp("With --out, save finished replications for --resume at most this often (default 30, "
                               + "and at least 10× as long as the last save took; 0: after every part). SIGINT and "
                               + "SIGTERM always save them.", valueName: "seconds"))
    var checkpointEvery: Double = 30
    @Option(help: ArgumentHelp("Also write an HTML report with charts (self-contained, printable).", valueName: "file"))
    var report: String?
    @Option(help: ArgumentHelp(OutputFormat.help + " json: the result document (as result.json); "
                               + "csv: the replications table (as replications.csv)."))
    var format: OutputFormat = .table

    func validate() throws {
        if trace && (options.out == nil || options.replications != 1 || options.precision != nil) {
            throw ValidationError("--trace writes one replication's event log: use it with --out DIR and --replications 1")
        }
        if resume && (options.out == nil || options.precision != nil || trace) {
            throw ValidationError("--resume continues a run with a fixed --replications count and --out DIR")
        }
        if (writeStatus == nil) != (writeStatusDate == nil) {
            throw ValidationError("--write-status FILE and --write-status-date YYYY-MM-DD go together")
        }
        if let writeStatusDate, CivilDate(iso: writeStatusDate) == nil {
            throw ValidationError("--write-status-date takes a date YYYY-MM-DD, not '\(writeStatusDate)'")
        }
        if !(checkpointEvery >= 0 && checkpointEvery.isFinite) {
            throw ValidationError("--checkpoint-every takes a number of seconds ≥ 0, not \(checkpointEvery)")
        }
    }

    func run() throws {
        try reporting {
            if let report {
                let outputs = options.out.map { out in
                    ReportPath.runOutputs.map { (out as NSString).appendingPathComponent($0) } + [Checkpoint.folder(for: out), out]
                } ?? []
                try ReportPath.check(report, inputs: [scenario], outputs: outputs)
            }
            let loaded = try ScenarioSession.load(scenario)
            let model = try progress.apply(to: ScenarioSession.compile(loaded, plan: plan))
            let seed = options.seed(for: loaded)
            if let writeStatus, let writeStatusDate, let date = CivilDate(iso: writeStatusDate) {
                try Self.writeProgress(model: model, seed: seed, date: date, to: writeStatus)
            }
            var results: [ReplicationResult]
            var traceRecords: [TraceRecord]?
            var note: String?
            var checkpoint: Checkpoint?
            var saved = 0
            if trace {
                var sim = Replication.simulation(plan: model, seed: seed, replication: 0, trace: true)
                sim.run()
                results = [sim.model.result(events: sim.eventsHandled)]
                traceRecords = sim.model.trace
            } else if let out = options.out, options.precision == nil {
                (results, checkpoint, saved) = try checkpointed(loaded: loaded, model: model, seed: seed, out: out)
            } else {
                if let out = options.out {
                    StopSignal.exitSaying { signal in
                        "interrupted by \(signal): --precision keeps no checkpoint, so the replications run so far are lost "
                            + "and nothing was written to \(out); to be able to resume, run a fixed --replications count with --out"
                    }
                }
                (results, note) = options.results(model: model, seed: seed, label: model.planName)
            }
            let summary = PlanSummary(model: model, seed: seed, results: results)
            let document = ResultDocument(model: model, seed: seed, results: results,
                                          scenario: ScenarioSession.reference(loaded, status: model.status),
                                          toolVersion: ToolVersion.current, summary: summary)
            if let out = options.out {
                do {
                    var files = try RunOutput.write(document: document, results: results, model: model, to: out)
                    if let traceRecords {
                        let path = (out as NSString).appendingPathComponent("trace.csv")
                        try AtomicFile.write(RunOutput.traceTable(traceRecords, model: model).text, to: path)
                        files.append(path)
                    }
                    Terminal.note("wrote " + files.joined(separator: ", "))
                    RunOutput.notes(for: model).forEach(Terminal.note)
                } catch {
                    // Save what the checkpoint does not hold yet: after freeing space, --resume writes the
                    // files without rerunning. If even that cannot be written, say how much is kept.
                    var kept = ""
                    if let checkpoint {
                        do {
                            try checkpoint.append(Array(results[saved...]))
                            kept = "; the \(results.count) replications are saved in \(checkpoint.folder): free space and "
                                + "rerun the same command with --resume to write the files without simulating again"
                        } catch {
                            kept = "; saving the replications failed too (\(error)), \(saved) of \(results.count) are kept in "
                                + "\(checkpoint.folder) for --resume"
                        }
                    }
                    throw CLIFailure(message: "\(error)" + kept, code: 2)
                }
                checkpoint?.remove()
            }
            if let report {
                try writeReport(HTMLReport.render(document, communities: CommunityFinish.of(results, model: model)), to: report)
            }
            try format.emit(table: { SummaryText.render(summary) },
                            json: { String(decoding: try ResultJSON.encode(document), as: UTF8.self) },
                            csv: { RunOutput.replicationTable(results, model: model).text }, note: note)
        }
    }

    /// Writes replication 0's state at the end of `date` as a progress file.
    static func writeProgress(model: CompiledPlan, seed: UInt64, date: CivilDate, to path: String) throws {
        let horizon = model.start.adding(days: model.horizonDays - 1)
        guard date.dayNumber >= (model.status?.date ?? model.start).dayNumber, date.dayNumber <= horizon.dayNumber else {
            throw CLIFailure(message: "--write-status-date \(date) is outside the simulated span "
                             + "\(model.status?.date ?? model.start) … \(horizon)", code: 1)
        }
        var sim = Replication.simulation(plan: model, seed: seed, replication: 0, trace: true)
        sim.run()
        do {
            try AtomicFile.write(ProgressWriter.text(trace: sim.model.trace ?? [], plan: model, date: date), to: path)
        } catch {
            throw CLIFailure(message: "cannot write \(path): \(error)", code: 2)
        }
        Terminal.note("wrote \(path): replication 0's progress at the end of \(date)")
    }

    /// Runs the replications in parts, saving them in a checkpoint under
    /// `out` every `--checkpoint-every` seconds; on SIGINT or SIGTERM stops
    /// after the replications under way, saves them, and says how to resume.
    /// The checkpoint is removed by the caller once the result files are written.
    func checkpointed(loaded: LoadedScenario, model: CompiledPlan, seed: UInt64, out: String) throws
        -> ([ReplicationResult], Checkpoint, saved: Int) {
        let total = options.replications
        let stop = StopSignal.install()
        let run = CheckpointedRun(model: model, seed: seed, replications: total, out: out, scenarioSHA256: loaded.sha256 + (model.status.map { "+status:" + $0.sha256 } ?? ""))
        let bar = ProgressBar(label: model.planName, total: total, quiet: options.quiet)
        let outcome: CheckpointedRun.Outcome
        do {
            outcome = try run.run(resume: resume, runner: options.runner, saveEvery: checkpointEvery,
                                  resumed: { Terminal.note("resuming: \($0) of \(total) replications already done") },
                                  progress: { bar.update($0) }, stop: { stop.requested })
        } catch {
            // A checkpoint that cannot be resumed is the user's to fix (1); one that cannot be written is 2.
            if case .cannotWrite = error { throw CLIFailure(message: error.description, code: 2) }
            throw CLIFailure(message: error.description, code: resume ? 1 : 2)
        }
        bar.finish()
        switch outcome {
        case .finished(let results, let checkpoint, let saved):
            return (results, checkpoint, saved)
        case .interrupted(let saved):
            var command = ["renosim", "run", scenario, "--plan", model.planName, "--replications", String(total),
                           "--seed", String(seed), "--out", out]
            if let threads = options.threads { command += ["--threads", String(threads)] }
            if let status = progress.status { command += ["--status", status] }
            Terminal.error("interrupted by \(stop.name): \(saved) of \(total) replications are saved in "
                           + "\(run.folder); no result file was written. Resume with:\n  "
                           + ShellQuote.command(command + ["--resume"]))
            throw ExitCode(stop.exitCode)
        }
    }
}
