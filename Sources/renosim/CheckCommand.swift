import ArgumentParser
import Experiments
import Foundation
import Renovation
import Reports

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Rerun a baseline's scenario and plan and say whether the results changed.",
        discussion: """
            Reruns the scenario the baseline names (relative to the current folder) with the baseline's \
            plan, seed and replications and compares every metric. By default statistically: Welch t and \
            Kolmogorov–Smirnov per metric, Holm-corrected at --alpha, and a change must also exceed \
            max(1 % of the baseline mean, 1 day, hour, unit or percentage point). --exact asks for every \
            number of every replication to be the same (same machine and toolchain).

            Exit status: 0 unchanged, 1 changed, 2 could not check (baseline missing, corrupt, truncated \
            or from a newer renosim; scenario missing, invalid or changed since the baseline without \
            --allow-scenario-change).

              renosim check results/baselines/benxi-2018-as-built.json
              renosim check results/baselines/benxi-2018-as-built.json --markdown >> "$GITHUB_STEP_SUMMARY"
            """
    )

    enum Format: String, EnumerableFlag {
        case table, json, markdown

        static func help(for value: Format) -> ArgumentHelp? {
            switch value {
            case .table: "Print an aligned table (default)."
            case .json: "Print the report as JSON, for machines."
            case .markdown: "Print Markdown, for a CI job summary."
            }
        }
    }

    @Argument(help: ArgumentHelp("Baseline file written by `renosim baseline`.", valueName: "baseline.json"))
    var baseline: String
    @Flag(help: "Require every number of every replication to be the same.") var exact = false
    @Option(help: "Family-wise error rate of the statistical tests.") var alpha = 0.01
    @Flag(help: "Compare even though the scenario file changed since the baseline.") var allowScenarioChange = false
    @Flag var format: Format = .table
    @Option(help: "Worker threads (default: all cores).") var threads: Int?
    @Option(help: ArgumentHelp("Scenario file to rerun instead of the one the baseline names.", valueName: "file"))
    var scenario: String?
    @Option(help: ArgumentHelp("Rerun with another seed — only to see what noise looks like: a reseeded statistical "
                               + "check should pass and an exact one fail (for testing the check itself)."))
    var seed: UInt64?
    @Flag(help: "No progress bar on stderr.") var quiet = false

    func run() throws {
        try reporting {
            guard alpha > 0, alpha < 1 else { throw Self.cannotCheck("--alpha must be between 0 and 1, e.g. 0.01") }
            if let threads, threads < 1 { throw Self.cannotCheck("--threads must be at least 1") }
            let recorded: ResultDocument
            do throws(ResultFileError) {
                recorded = try ResultFile.read(baseline)
            } catch {
                throw Self.cannotCheck(error.description)
            }
            if !exact && recorded.replications < 2 {
                throw Self.cannotCheck("\(baseline) has \(recorded.replications) replication; a statistical check needs at "
                    + "least 2 (record it again with more, or use --exact)")
            }
            let path = scenario ?? recorded.scenario.file
            let loaded = try Self.remapped { try ScenarioSession.load(path) }
            if loaded.sha256 != recorded.scenario.sha256 && !allowScenarioChange {
                throw Self.cannotCheck("\(path) changed since \(baseline) was recorded (sha256 "
                    + "\(recorded.scenario.sha256.prefix(12))… → \(loaded.sha256.prefix(12))…); record the baseline "
                    + "again (renosim baseline … --force), or pass --allow-scenario-change to compare anyway")
            }
            var model = try Self.remapped { try ScenarioSession.compile(loaded, plan: recorded.plan) }
            if let status = recorded.scenario.status {
                // A forecast reruns from the progress file it recorded, unchanged.
                let progress = try Self.remapped { try StatusOptions(status: status.file).read(for: model) }
                if let progress {
                    if progress.sha256 != status.sha256 && !allowScenarioChange {
                        throw Self.cannotCheck("the progress file \(status.file) changed since \(baseline) was recorded "
                            + "(sha256 \(status.sha256.prefix(12))… → \(progress.sha256.prefix(12))…); record it again, "
                            + "or pass --allow-scenario-change to compare anyway")
                    }
                    model = model.forecasting(from: progress)
                }
            }
            let current = ScenarioSession.document(loaded, model: model, seed: seed ?? recorded.seed,
                                                   replications: recorded.replications, threads: threads, quiet: quiet)
            var report = BaselineCheck(mode: exact ? .exact : .statistical, alpha: alpha)
                .compare(baseline: recorded, current: current)
            report.baselineFile = baseline
            switch format {
            case .table: print(BaselineText.render(report, baseline: baseline), terminator: "")
            case .markdown: print(BaselineText.markdown(report, baseline: baseline), terminator: "")
            case .json:
                do {
                    print(String(decoding: try ResultJSON.encode(report), as: UTF8.self), terminator: "")
                } catch {
                    throw Self.cannotCheck("cannot encode the report: \(error)")
                }
            }
            if report.outcome == .changed {
                throw CLIFailure(message: "\(baseline): \(report.changedMetrics) of \(report.metrics.count) metrics "
                    + "changed (\(report.mode.rawValue) check)", code: 1)
            }
        }
    }

    static func cannotCheck(_ message: String) -> CLIFailure {
        CLIFailure(message: "cannot check: " + message, code: 2)
    }

    /// Any failure before the comparison means the check could not be made: exit 2.
    static func remapped<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let failure as CLIFailure {
            throw cannotCheck(failure.message)
        }
    }
}
