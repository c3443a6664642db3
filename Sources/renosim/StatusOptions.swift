import ArgumentParser
import Experiments
import Foundation
import Renovation
import Reports

/// `--status progress.csv`: forecast from where the programme stood at its status date.
struct StatusOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Forecast from a status date: a progress file (CSV: a status_date line, then a row per "
                               + "started work order with its start, finish and inspection; docs/scenario-reference.md, "
                               + "\"Status date\").", valueName: "progress.csv"))
    var status: String?

    init() {}

    init(status: String) { self.status = status }

    /// `model` forecast from the progress file, or `model` itself without `--status`.
    func apply(to model: CompiledPlan) throws -> CompiledPlan {
        guard let status = try read(for: model) else { return model }
        return model.forecasting(from: status)
    }

    /// The progress file checked against `model`, or nil without `--status`.
    func read(for model: CompiledPlan) throws -> PlanStatus? {
        guard let status else { return nil }
        do {
            return try ProgressReader.read(path: status, plan: model)
        } catch {
            throw CLIFailure(message: error.description, code: error.issues.contains { $0.kind == .file } ? 2 : 1)
        }
    }
}

extension ScenarioSession {
    /// How result files name a forecast's progress file.
    static func reference(_ status: PlanStatus?) -> ResultDocument.StatusReference? {
        status.map {
            .init(file: ScenarioPath.relative($0.file, to: FileManager.default.currentDirectoryPath),
                  sha256: $0.sha256, date: $0.date)
        }
    }
}
