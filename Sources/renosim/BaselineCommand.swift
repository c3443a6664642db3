import ArgumentParser
import Experiments
import Foundation
import Renovation
import Reports

struct BaselineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "baseline",
        abstract: "Record a plan's results as a baseline that `renosim check` compares later runs with.",
        discussion: """
            Runs the plan and writes a result document (docs/results-schema.md) to --out: the scenario's \
            path relative to the current folder and its SHA-256, plan, seed, replications, summary and \
            every replication's numbers. Run it from the repository's root so that `check` finds the \
            scenario again. With --status the baseline is a forecast from that progress file: the file's             path and SHA-256 are recorded, `check` reruns from it and refuses when it changed. An existing             file is left as it is unless --force.

              renosim baseline scenarios/benxi-2018.yaml --plan as-built --replications 100 \\
                  --out results/baselines/benxi-2018-as-built.json
            """
    )

    @Argument(help: "Scenario file (YAML).") var scenario: String
    @Option(help: "Plan to record.") var plan: String
    @Option(help: ArgumentHelp("Baseline file to write.", valueName: "file.json")) var out: String
    @Option(help: "Number of replications (at least 2: a statistical check needs a spread).") var replications = 100
    @Option(help: "Seed (default: the scenario's seed, else 1).") var seed: UInt64?
    @Option(help: "Worker threads (default: all cores).") var threads: Int?
    @OptionGroup var progress: StatusOptions
    @Flag(help: "Replace an existing baseline file.") var force = false
    @Flag(help: "No progress bar on stderr.") var quiet = false

    func validate() throws {
        guard (2...10_000_000).contains(replications) else { throw ValidationError("--replications must be 2 to 10,000,000") }
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1") }
    }

    func run() throws {
        try reporting {
            // Refuse before the run, not after minutes of it; the write checks again.
            if !force && FileManager.default.fileExists(atPath: out) { throw Self.exists(out) }
            let loaded = try ScenarioSession.load(scenario)
            let model = try progress.apply(to: ScenarioSession.compile(loaded, plan: plan))
            let seed = seed ?? loaded.scenario.seed ?? 1
            let document = ScenarioSession.document(loaded, model: model, seed: seed, replications: replications,
                                                    threads: threads, quiet: quiet)
            do throws(ResultFileError) {
                try ResultFile.write(document, to: out, overwrite: force)
            } catch .exists {
                throw Self.exists(out)
            } catch {
                throw CLIFailure(message: error.description, code: 2)
            }
            if let summary = document.summary { print(SummaryText.render(summary), terminator: "") }
            Terminal.note("wrote \(out): plan \(model.planName), \(replications) replications, seed \(seed), "
                + "scenario \(document.scenario.file) (sha256 \(loaded.sha256.prefix(12))…)")
        }
    }

    static func exists(_ path: String) -> CLIFailure {
        CLIFailure(message: "\(path) exists and is left as it was; pass --force to replace it", code: 1)
    }
}
