import ArgumentParser
import Experiments
import Foundation
import Renovation
import Reports

struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compare plans of a scenario on the same replications (common random numbers).",
        discussion: """
            Runs every plan on the same replication numbers, so each replication's buildings, \
            inspections and weather are the same in every plan, and compares each plan with the \
            first (the baseline) by paired differences. --precision adds replications to every plan \
            until each paired finish-days difference is known to ± that many days. With --out, writes \
            comparison.json there.

              renosim compare scenarios/yonghong-2022.yaml --plans five-year,three-year --replications 100
              renosim compare scenarios/yonghong-2022.yaml --plans five-year,three-year --precision 5
            """
    )

    @Argument(help: "Scenario file (YAML).") var scenario: String
    @Option(help: "Plans to compare, comma-separated; the first is the baseline.") var plans: String
    @OptionGroup var options: ExperimentOptions

    var planNames: [String] {
        plans.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
    }

    func validate() throws {
        guard planNames.count >= 2 else { throw ValidationError("--plans needs at least two plans, e.g. --plans A,B") }
        guard !planNames.contains("") else { throw ValidationError("--plans has an empty name: write plan names separated by commas") }
        guard options.replications >= 2 else { throw ValidationError("--replications must be at least 2: a paired interval needs two") }
    }

    func run() throws {
        try reporting {
            let loaded = try ScenarioSession.load(scenario)
            let models = try planNames.map { try ScenarioSession.compile(loaded, plan: $0) }
            let seed = options.seed(for: loaded)
            let threads = options.runner.threads
            let perPlan = options.precision == nil ? options.replications : options.maxReplications
            let bar = ProgressBar(label: "compare", total: models.count * perPlan, quiet: options.quiet)
            let comparison: PlanComparison
            var note: String?
            if let precision = options.precision {
                let outcome = PlanComparison.run(models: models, seed: seed, initial: options.replications,
                                                 halfWidthDays: precision, maxReplications: options.maxReplications,
                                                 threads: threads, progress: bar.update)
                comparison = outcome.comparison
                let reached = String(format: "%.2f", outcome.halfWidthDays)
                note = outcome.reached
                    ? "precision: paired finish-days differences within ±\(reached) days after \(comparison.replications) replications per plan"
                    : "precision: ±\(String(format: "%.2f", precision)) days NOT reached; stopped at --max-replications "
                        + "\(comparison.replications) with ±\(reached) days"
            } else {
                comparison = PlanComparison.run(models: models, seed: seed, replications: options.replications,
                                                threads: threads, progress: bar.update)
            }
            bar.finish()
            print(ComparisonText.render(comparison), terminator: "")
            if let note { print(note) }
            try options.writeJSON(comparison, as: "comparison.json")
        }
    }
}
