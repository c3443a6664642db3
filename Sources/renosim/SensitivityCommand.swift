import ArgumentParser
import Experiments
import Foundation
import Renovation
import Reports

struct SensitivityCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sensitivity",
        abstract: "Which inputs move a plan's finish date, and which trades and work types decide it.",
        discussion: """
            Runs the plan as written and with each uncertain input (work types' hours, inspection \
            failure probabilities, rework share, rain, defect rates) at a low and a high setting, all \
            on the same replications, and prints a tornado of the median finish, largest swing first; \
            then the share of replications each trade bound the end and each work type finished last. \
            Runs 1 + 2 × inputs batches of --replications (--precision sets the count from the plan \
            as written). With --out, writes sensitivity.json there.

              renosim sensitivity scenarios/yonghong-2022.yaml --plan three-year --replications 50
            """
    )

    @Argument(help: "Scenario file (YAML).") var scenario: String
    @Option(help: "Plan to study.") var plan: String
    @Option(help: ArgumentHelp(OutputFormat.help + " csv: the tornado rows.")) var format: OutputFormat = .table
    @OptionGroup var options: ExperimentOptions
    @Option(help: ArgumentHelp("Also write an HTML report with the tornado and criticality charts.", valueName: "file"))
    var report: String?

    func run() throws {
        try reporting {
            if let report {
                try ReportPath.check(report, inputs: [scenario],
                                     outputs: options.out.map { [($0 as NSString).appendingPathComponent("sensitivity.json")] } ?? [])
            }
            let loaded = try ScenarioSession.load(scenario)
            let model = try ScenarioSession.compile(loaded, plan: plan)
            let seed = options.seed(for: loaded)
            let (results, note) = options.results(model: model, seed: seed, label: "\(model.planName) as written")
            let inputs = SensitivityInput.all(in: loaded.scenario)
            let bar = ProgressBar(label: "settings", total: 2 * inputs.count * results.count, quiet: options.quiet)
            let report: SensitivityReport
            do throws(ScenarioError) {
                report = try SensitivityReport.run(scenario: loaded.valid, model: model, results: results, seed: seed,
                                                   threads: options.runner.threads, inputs: inputs, progress: bar.update)
            } catch {
                throw ScenarioSession.failure(error, in: loaded)
            }
            bar.finish()
            try format.emit(table: { SensitivityText.render(report) }, json: { try RunOutput.json(report) },
                            csv: { Self.tornadoTable(report).text }, note: note)
            try options.writeJSON(report, as: "sensitivity.json")
            if let path = self.report { try writeReport(ExperimentReport.render(report), to: path) }
        }
    }

    /// One row per input, largest swing first.
    static func tornadoTable(_ report: SensitivityReport) -> CSVTable {
        var table = CSVTable(header: ["input", "label", "low_factor", "high_factor", "low_setting", "high_setting",
                                      "low_p50_days", "high_p50_days", "low_p50_date", "high_p50_date", "swing_days"])
        for bar in report.tornado {
            table.append([bar.input, bar.label, csvNumber(bar.lowFactor), csvNumber(bar.highFactor), bar.lowSetting,
                          bar.highSetting, csvNumber(bar.lowP50Days), csvNumber(bar.highP50Days),
                          bar.lowP50Date.description, bar.highP50Date.description, csvNumber(bar.swing)])
        }
        return table
    }
}
