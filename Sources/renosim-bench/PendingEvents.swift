import ArgumentParser
import Renovation

/// How many events wait in the calendar during one replication: the heap's
/// size is what a pop pays for in cache misses at national scale
/// (docs/performance.md).
struct PendingEvents: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pending",
        abstract: "Largest and mean number of pending events over one replication of a scenario's plan."
    )

    @Argument(help: "Scenario file.") var scenario: String
    @Option(help: "Plan (default: the first).") var plan: String?
    @Option(help: "Seed.") var seed: UInt64 = 1

    func run() throws {
        let model: Model
        do {
            model = try Model(scenario: try ScenarioLoader.load(path: scenario).scenario, plan: plan)
        } catch {
            throw ValidationError("\(error)")
        }
        var sim = Programme.simulation(model: model, seed: seed, replication: 0)
        var largest = sim.calendar.pendingCount, total = 0, steps = 0
        while sim.step() {
            steps += 1
            total += sim.calendar.pendingCount
            largest = max(largest, sim.calendar.pendingCount)
        }
        print("renosim_pending events=\(steps) max_pending=\(largest) mean_pending=\(total / max(1, steps))")
    }
}
