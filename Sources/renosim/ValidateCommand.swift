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
