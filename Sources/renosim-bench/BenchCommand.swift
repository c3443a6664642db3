import ArgumentParser
import QueueingModels
import Stochastic

/// Release-build benchmarks that time themselves; the scripts under
/// `scripts/` run them and print the figures the README records.
@main
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "renosim-bench",
        abstract: "Benchmarks for renosim (run them through scripts/bench-*.sh).",
        subcommands: [EngineBench.self]
    )
}

struct EngineBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "engine",
        abstract: "M/M/c queue on the engine: events per second and mean wait against Erlang C."
    )

    @Option(help: "Arrival rate λ.") var lambda = 2.7
    @Option(help: "Service rate μ per server.") var mu = 1.0
    @Option(help: "Number of servers c.") var servers = 3
    @Option(help: "Customers to simulate.") var customers = 1_000_000
    @Option(help: "Seed.") var seed: UInt64 = 1
    @Option(help: "Timed repetitions; the fastest is reported.") var repeats = 3

    func validate() throws {
        guard lambda > 0, mu > 0, servers > 0, customers > 0, repeats > 0 else {
            throw ValidationError("lambda, mu, servers, customers and repeats must all be positive")
        }
    }

    func run() throws {
        let theory = ErlangC(arrivalRate: lambda, serviceRate: mu, servers: servers)
        var best = Double.infinity
        var events = 0
        var meanWait = 0.0
        for _ in 0..<repeats {
            let clock = ContinuousClock()
            var sim = MultiServerQueue.simulation(
                servers: servers, interarrival: .exponential(mean: 1 / lambda),
                service: .exponential(mean: 1 / mu), customers: customers, key: StreamKey(seed: seed))
            let elapsed = clock.measure { sim.run() }
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
            best = min(best, seconds)
            events = sim.eventsHandled
            meanWait = sim.model.waits.mean
        }
        print("renosim_engine events=\(events) seconds=\(best) events_per_s=\(Int(Double(events) / best)) "
              + "mean_wait=\(meanWait) erlang_c_wait=\(theory.meanWait) utilisation=\(theory.utilisation)")
    }
}
