import ArgumentParser
import Experiments
import Foundation
import Renovation

/// The options `size` and `optimise` share: the scenario and plan searched,
/// the target probability, seed, threads and where the result goes.
struct PlanSearchOptions: ParsableArguments {
    @Argument(help: "Scenario file (YAML).") var scenario: String
    @Option(help: "Plan to start from.") var plan: String
    @Option(help: "Probability of meeting the deadline the crews must reach, above 0 and below 1 (a finite sample never shows 1).")
    var target = 0.9
    @Option(help: "Fresh replications to confirm the result on.") var confirm = 200
    @Option(help: "Seed (default: the scenario's seed, else 1).") var seed: UInt64?
    @Option(help: "Worker threads (default: all cores).") var threads: Int?
    @Option(help: "Folder to write the result files to.") var out: String?
    @Option(help: "Write an HTML page of the result and the search to this file.") var report: String?

    func validate() throws {
        guard target > 0, target < 1 else {
            throw ValidationError("--target must be above 0 and below 1 (\(target) given): a finite sample can never show a probability of 1 or 0")
        }
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1") }
    }

    var runner: ReplicationRunner {
        ReplicationRunner(threads: threads ?? ProcessInfo.processInfo.activeProcessorCount)
    }

    /// The scenario loaded and the plan compiled (refusals exit as located errors), and the seed.
    func load() throws -> (loaded: LoadedScenario, start: CompiledPlan, seed: UInt64) {
        if let report { try ReportPath.check(report, inputs: [scenario]) }
        let loaded = try ScenarioSession.load(scenario)
        let start = try ScenarioSession.compile(loaded, plan: plan)
        return (loaded, start, seed ?? loaded.scenario.seed ?? 1)
    }
}
