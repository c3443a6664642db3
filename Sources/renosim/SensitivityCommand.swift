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

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case table, json
    }

    @Argument(help: "Scenario file (YAML).") var scenario: String
    @Option(help: "Plan to study.") var plan: String
    @Option(help: "What to print: table or json.") var format: Format = .table
    @OptionGroup var options: ExperimentOptions

    func run() throws {
        try reporting {
            let loaded = try ScenarioSession.load(scenario)
            let model = try ScenarioSession.compile(loaded, plan: plan)
            let seed = options.seed(for: loaded)
            let (results, note) = options.results(model: model, seed: seed, label: "\(model.planName) as written")
            let inputs = SensitivityInput.all(in: loaded.scenario)
            let bar = ProgressBar(label: "settings", total: 2 * inputs.count * results.count, quiet: options.quiet)
            let report: SensitivityReport
            do {
                report = try SensitivityReport.run(scenario: loaded.scenario, model: model, results: results, seed: seed,
                                                   threads: options.runner.threads, inputs: inputs, progress: bar.update)
            } catch {
                throw CLIFailure(message: "\(loaded.file): error: \(error)", code: 1)
            }
            bar.finish()
            switch format {
            case .table:
                print(SensitivityText.render(report), terminator: "")
                if let note { print(note) }
            case .json:
                do {
                    print(try RunOutput.json(report), terminator: "")
                } catch {
                    throw CLIFailure(message: "\(error)", code: 2)
                }
                if let note { Terminal.note(note) }
            }
            try options.writeJSON(report, as: "sensitivity.json")
        }
    }
}
