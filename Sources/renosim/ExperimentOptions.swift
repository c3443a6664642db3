import ArgumentParser
import Experiments
import Foundation
import Renovation

/// The flags every command that runs replications shares.
struct ExperimentOptions: ParsableArguments {
    @Option(help: "Number of replications (with --precision: the first batch).") var replications = 100
    @Option(help: "Seed (default: the scenario's seed, else 1).") var seed: UInt64?
    @Option(help: "Worker threads (default: all cores).") var threads: Int?
    @Option(help: ArgumentHelp("Add replications until the finish date's 95 % CI half-width is at most this many days.",
                               valueName: "days"))
    var precision: Double?
    @Option(help: "Upper bound on replications with --precision.") var maxReplications = 5_000
    @Option(help: "Folder to write result files to.") var out: String?
    @Flag(help: "No progress bar on stderr.") var quiet = false

    func validate() throws {
        guard replications >= 1 else { throw ValidationError("--replications must be at least 1") }
        guard replications <= 10_000_000 else { throw ValidationError("--replications must be at most 10,000,000") }
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1") }
        if let precision, !(precision > 0 && precision.isFinite) {
            throw ValidationError("--precision must be a positive number of days")
        }
        guard maxReplications >= 2, maxReplications <= 10_000_000 else {
            throw ValidationError("--max-replications must be between 2 and 10,000,000")
        }
        if precision != nil, maxReplications < replications {
            throw ValidationError("--max-replications (\(maxReplications)) is below --replications (\(replications)), "
                                  + "the first batch of --precision: raise --max-replications or lower --replications")
        }
        if let out, out.isEmpty {
            throw ValidationError("--out is empty: give a folder for the result files, e.g. --out results/run1")
        }
    }

    var runner: ReplicationRunner {
        ReplicationRunner(threads: threads ?? ProcessInfo.processInfo.activeProcessorCount)
    }

    func seed(for loaded: LoadedScenario) -> UInt64 { seed ?? loaded.scenario.seed ?? 1 }

    /// Runs a plan with a fixed count or to the requested precision, with a progress bar.
    func results(model: CompiledPlan, seed: UInt64, label: String) -> (results: [ReplicationResult], note: String?) {
        if let precision {
            let bar = ProgressBar(label: label, total: maxReplications, quiet: quiet)
            let outcome = SequentialRunner(runner: runner).run(
                model: model, seed: seed, initial: replications, halfWidthDays: precision,
                maxReplications: maxReplications, progress: bar.update)
            bar.finish()
            let hw = outcome.steps.last?.halfWidthDays ?? .nan
            let note = outcome.reached
                ? "precision: ±\(String(format: "%.2f", hw)) days reached after \(outcome.results.count) replications"
                : "precision: ±\(String(format: "%.2f", precision)) days NOT reached; stopped at --max-replications "
                    + "\(outcome.results.count) with ±\(String(format: "%.2f", hw)) days"
            return (outcome.results, note)
        }
        let bar = ProgressBar(label: label, total: replications, quiet: quiet)
        let results = runner.run(model: model, seed: seed, replications: 0..<replications, progress: bar.update)
        bar.finish()
        return (results, nil)
    }
}
