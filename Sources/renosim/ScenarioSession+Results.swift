import Experiments
import Foundation
import Renovation
import Reports

extension ScenarioSession {
    /// How result files name `loaded`: its path relative to the current folder, and its hash.
    static func reference(_ loaded: LoadedScenario, status: PlanStatus? = nil) -> ResultDocument.ScenarioReference {
        .init(name: loaded.scenario.name,
              file: ScenarioPath.relative(loaded.file, to: FileManager.default.currentDirectoryPath),
              sha256: loaded.sha256, status: reference(status))
    }

    /// Replications 0..<`replications` of `model`, with a progress bar, as a result document.
    static func document(_ loaded: LoadedScenario, model: CompiledPlan, seed: UInt64, replications: Int,
                         threads: Int?, quiet: Bool) -> ResultDocument {
        let runner = ReplicationRunner(threads: threads ?? ProcessInfo.processInfo.activeProcessorCount)
        let bar = ProgressBar(label: model.planName, total: replications, quiet: quiet)
        let results = runner.run(model: model, seed: seed, replications: 0..<replications, progress: bar.update)
        bar.finish()
        return ResultDocument(model: model, seed: seed, results: results, scenario: reference(loaded, status: model.status),
                              toolVersion: ToolVersion.current)
    }
}
