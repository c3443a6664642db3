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

    @OptionGroup var source: ScenarioPlan

    func run() throws {
        let model = try source.model()
        var sim = Replication.simulation(plan: model, seed: source.seed, replication: 0)
        var largest = sim.calendar.pendingCount, total = 0, steps = 0
        while sim.step() {
            steps += 1
            total += sim.calendar.pendingCount
            largest = max(largest, sim.calendar.pendingCount)
        }
        print("renosim_pending events=\(steps) max_pending=\(largest) mean_pending=\(total / max(1, steps))")
    }
}
