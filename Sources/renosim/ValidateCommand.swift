import ArgumentParser
import Renovation
import Reports

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check a scenario file without running it.",
        discussion: "Exits 0 when the file is valid, 1 with one error per line (file:line:column: key: what is wrong) otherwise."
    )

    @Argument(help: "Scenario file (YAML).") var scenario: String

    func run() throws {
        try reporting {
            let loaded = try ScenarioSession.load(scenario)
            for warning in loaded.warnings { Terminal.note(warning.description) }
            var plans: [String] = []
            var structure = ""
            for plan in loaded.scenario.plans {
                let model = try ScenarioSession.compile(loaded, plan: plan.name)
                structure = "\(model.communities.count) communities, \(model.buildings.count) buildings, "
                    + "\(model.buildings.households.reduce(0) { $0 + Int($1) }) households, \(model.orderCount) work orders"
                plans.append(plan.name.terminalSafe)
            }
            print("\(scenario.terminalSafe): valid — \(structure); plans: \(plans.joined(separator: ", "))")
        }
    }
}

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
