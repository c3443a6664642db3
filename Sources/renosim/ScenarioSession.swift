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
        do {
            return try loaded.compile(plan: plan)
        } catch {
            throw CLIFailure(message: error.description, code: 1)
        }
    }

    /// An experiment's refusal of a changed copy of `loaded`, placed in its file.
    static func failure(_ error: ScenarioError, in loaded: LoadedScenario) -> CLIFailure {
        CLIFailure(message: loaded.place(error).description, code: 1)
    }
}
