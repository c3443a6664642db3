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
    @OptionGroup var progress: StatusOptions
    @Option(help: ArgumentHelp(OutputFormat.help + " csv: the paired-differences table.")) var format: OutputFormat = .table
    @Option(help: ArgumentHelp("Also write an HTML report with the S-curves and paired differences.", valueName: "file"))
    var report: String?

    var planNames: [String] {
        plans.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
    }

    func validate() throws {
        guard planNames.count >= 2 else { throw ValidationError("--plans needs at least two plans, e.g. --plans A,B") }
        guard !planNames.contains("") else { throw ValidationError("--plans has an empty name: write plan names separated by commas") }
        if let twice = planNames.enumerated().first(where: { planNames[..<$0.offset].contains($0.element) })?.element {
            throw ValidationError("--plans names '\(twice)' twice: a plan compared with itself differs by nothing; name each plan once")
        }
        guard options.replications >= 2 else { throw ValidationError("--replications must be at least 2: a paired interval needs two") }
    }

    func run() throws {
        try reporting {
            if let report {
                try ReportPath.check(report, inputs: [scenario],
                                     outputs: options.out.map { [($0 as NSString).appendingPathComponent("comparison.json")] } ?? [])
            }
            let loaded = try ScenarioSession.load(scenario)
            let models = try planNames.map { try progress.apply(to: ScenarioSession.compile(loaded, plan: $0)) }
            let seed = options.seed(for: loaded)
            let threads = options.runner.threads
            let perPlan = options.precision == nil ? options.replications : options.maxReplications
            let bar = ProgressBar(label: "compare", total: models.count * perPlan, quiet: options.quiet)
            let comparison: PlanComparison
            let results: [[ReplicationResult]]
            var note: String?
            if let precision = options.precision {
                let outcome = PlanComparison.run(models: models, seed: seed, initial: options.replications,
                                                 halfWidthDays: precision, maxReplications: options.maxReplications,
                                                 threads: threads, progress: bar.update)
                comparison = outcome.comparison
                results = outcome.results
                let reached = String(format: "%.2f", outcome.halfWidthDays)
                note = outcome.reached
                    ? "precision: paired finish-days differences within ±\(reached) days after \(comparison.replications) replications per plan"
                    : "precision: ±\(String(format: "%.2f", precision)) days NOT reached; stopped at --max-replications "
                        + "\(comparison.replications) with ±\(reached) days"
            } else {
                results = PlanComparison.replicate(models: models, seed: seed, replications: options.replications,
                                                   threads: threads, progress: bar.update)
                comparison = PlanComparison(models: models, results: results, seed: seed)
            }
            bar.finish()
            try format.emit(table: { ComparisonText.render(comparison) }, json: { try RunOutput.json(comparison) },
                            csv: { Self.differencesTable(comparison).text }, note: note)
            try options.writeJSON(comparison, as: "comparison.json")
            if let report {
                let finishDays = results.map { $0.map { $0.finished ? $0.finishDays : .infinity } }
                try writeReport(ExperimentReport.render(comparison, finishDays: finishDays), to: report)
            }
        }
    }

    /// One row per plan pair and metric.
    static func differencesTable(_ comparison: PlanComparison) -> CSVTable {
        var table = CSVTable(header: ["baseline", "plan", "metric", "pairs", "baseline_mean", "plan_mean", "mean_difference",
                                      "standard_deviation", "ci_lower", "ci_upper", "significant", "paired_half_width",
                                      "independent_half_width", "variance_reduction"])
        for pair in comparison.pairs {
            for d in pair.differences {
                table.append([pair.baseline, pair.plan, d.metric, String(d.pairs), csvNumber(d.baselineMean),
                              csvNumber(d.planMean), csvNumber(d.meanDifference), csvNumber(d.standardDeviation),
                              csvNumber(d.ciLower), csvNumber(d.ciUpper), String(d.significant),
                              csvNumber(d.pairedHalfWidth), csvNumber(d.independentHalfWidth),
                              csvNumber(d.varianceReduction)])
            }
        }
        return table
    }
}
