import ArgumentParser
import Experiments
import Foundation
import Renovation
import Reports

struct RisksCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "risks",
        abstract: "Rank the scenario's risks by how far each moves the plan's finish.",
        discussion: """
            Runs the plan as written, then once with each risk of the register switched off, all on \
            the same replications (common random numbers), and ranks the risks by the shift each \
            causes in the P80 finish, with the P50 finish and P(deadline met), each with a 95 % \
            paired bootstrap interval, and how often each risk occurred against its declared \
            probability. Runs 1 + risks batches of --replications. With --out, writes risks.json there; \
            with --report, an HTML page with the risk tornado.

              renosim risks scenarios/yonghong-2022.yaml --plan three-year --replications 200
            """
    )

    @Argument(help: "Scenario file (YAML).") var scenario: String
    @Option(help: "Plan to study.") var plan: String
    @Option(help: ArgumentHelp(OutputFormat.help + " csv: one row per risk.")) var format: OutputFormat = .table
    @OptionGroup var options: ExperimentOptions
    @Option(help: ArgumentHelp("Also write an HTML report with the risk tornado.", valueName: "file"))
    var report: String?

    func run() throws {
        try reporting {
            if let report {
                try ReportPath.check(report, inputs: [scenario],
                                     outputs: options.out.map { [($0 as NSString).appendingPathComponent("risks.json")] } ?? [])
            }
            let loaded = try ScenarioSession.load(scenario)
            let model = try ScenarioSession.compile(loaded, plan: plan)
            guard !model.risks.isEmpty else {
                throw CLIFailure(message: "\(loaded.file): error: risks: the scenario has no risks — expected a `risks:` "
                                     + "register (docs/scenario-reference.md, \"risks\")", code: 1)
            }
            let seed = options.seed(for: loaded)
            let (results, note) = options.results(model: model, seed: seed, label: "\(model.planName) with every risk")
            let bar = ProgressBar(label: "risks off", total: model.risks.risks.count * results.count, quiet: options.quiet)
            let ranking = RiskRanking.run(model: model, seed: seed, with: results, threads: options.runner.threads,
                                          progress: bar.update)
            bar.finish()
            try format.emit(table: { RiskText.render(ranking, start: model.start) }, json: { try RunOutput.json(ranking) },
                            csv: { Self.table(ranking).text }, note: note)
            try options.writeJSON(ranking, as: "risks.json")
            if let path = report {
                try writeReport(ExperimentReport.render(ranking, start: model.start, deadline: model.deadline), to: path)
            }
        }
    }

    /// One row per risk, largest P80 shift first.
    static func table(_ ranking: RiskRanking) -> CSVTable {
        var table = CSVTable(header: ["risk", "declared_probability", "observed_probability", "units", "mean_occurrences",
                                      "mean_days_lost", "mean_cost", "p50_shift_days", "p50_shift_lower", "p50_shift_upper",
                                      "p80_shift_days", "p80_shift_lower", "p80_shift_upper", "deadline_met_shift",
                                      "deadline_met_shift_lower", "deadline_met_shift_upper"])
        for r in ranking.risks {
            table.append([r.name] + [r.declaredProbability, r.observedProbability, Double(r.units), r.meanOccurrences,
                                     r.meanDaysLost, r.meanCost, r.p50Shift.estimate, r.p50Shift.lower, r.p50Shift.upper,
                                     r.p80Shift.estimate, r.p80Shift.lower, r.p80Shift.upper, r.deadlineShift.estimate,
                                     r.deadlineShift.lower, r.deadlineShift.upper].map(csvNumber))
        }
        return table
    }
}
