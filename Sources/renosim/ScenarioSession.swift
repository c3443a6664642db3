import Renovation

/// Loading and compiling with the CLI's error mapping.
enum ScenarioSession {
    static func load(_ path: String) throws -> LoadedScenario {
        do {
            return try ScenarioLoader.load(path: path)
        } catch {
            throw CLIFailure(message: error.description, code: error.kind == .file ? 2 : 1)
        }
    }

    static func compile(_ loaded: LoadedScenario, plan: String?) throws -> CompiledPlan {
        if let plan, !loaded.scenario.plans.contains(where: { $0.name == plan }) {
            let names = loaded.scenario.plans.map(\.name).joined(separator: ", ")
            throw CLIFailure(message: "\(loaded.file): no plan named '\(plan)'; the scenario's plans are: \(names)", code: 1)
        }
        do {
            return try CompiledPlan(scenario: loaded.scenario, plan: plan)
        } catch {
            throw CLIFailure(message: "\(loaded.file): error: \(error.description)", code: 1)
        }
    }
}
