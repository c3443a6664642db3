import ArgumentParser
import Experiments
import QueueingModels
import Renovation
import Stochastic

/// Release-build benchmarks that time themselves; the scripts under
/// `scripts/` run them and print the figures the README records.
@main
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "renosim-bench",
        abstract: "Benchmarks for renosim (run them through scripts/bench-*.sh).",
        subcommands: [EngineBench.self, ModelBench.self, ScaledScenario.self, PendingEvents.self, DispatchQuality.self, OptimiserQuality.self]
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
            best = min(best, seconds(elapsed))
            events = sim.eventsHandled
            meanWait = sim.model.waits.mean
        }
        print("renosim_engine events=\(events) seconds=\(best) events_per_s=\(Int(Double(events) / best)) "
              + "mean_wait=\(meanWait) erlang_c_wait=\(theory.meanWait) utilisation=\(theory.utilisation)")
    }
}

/// Seconds of one duration, as a Double.
func seconds(_ d: Duration) -> Double {
    Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
}

struct ModelBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "model",
        abstract: "Times replications of a scenario's plan (simulation only: parsing and compiling excluded)."
    )

    @OptionGroup var source: ScenarioPlan
    @Option(help: "Replications to time, one after another on one thread.") var replications = 20
    @Option(help: "Worker threads for --parallel.") var threads = 1
    @Flag(help: "Time the whole batch through the parallel runner instead of replications one by one.")
    var parallel = false

    func run() throws {
        let model = try source.model()
        let seed = source.seed
        let clock = ContinuousClock()
        if parallel {
            var results: [ReplicationResult] = []
            let elapsed = clock.measure {
                results = ReplicationRunner(threads: threads).run(model: model, seed: seed, replications: 0..<replications)
            }
            let events = results.reduce(0) { $0 + $1.events }
            print("renosim_model replications=\(replications) threads=\(threads) seconds=\(seconds(elapsed)) "
                  + "events=\(events) events_per_s=\(Int(Double(events) / seconds(elapsed)))")
            return
        }
        var times: [Double] = []
        var events = 0
        for r in 0..<replications {
            var sim = Replication.simulation(plan: model, seed: seed, replication: r)
            let elapsed = clock.measure { sim.run() }
            times.append(seconds(elapsed))
            events += sim.eventsHandled
        }
        let total = times.reduce(0, +)
        let perReplication = total / Double(replications)
        let sorted = times.sorted()
        print("renosim_model replications=\(replications) seconds_per_replication=\(perReplication) "
              + "median=\(sorted[sorted.count / 2]) max=\(sorted.last ?? 0) "
              + "events_per_replication=\(events / replications) events_per_s=\(Int(Double(events) / total)) "
              + "orders=\(model.orderCount) buildings=\(model.buildings.count)")
    }
}

/// The scenario, plan and seed a model benchmark runs, and the model they compile to.
struct ScenarioPlan: ParsableArguments {
    @Argument(help: "Scenario file.") var scenario: String
    @Option(help: "Plan (default: the first).") var plan: String?
    @Option(help: "Seed.") var seed: UInt64 = 1

    func model() throws -> CompiledPlan {
        do {
            return try ScenarioLoader.load(path: scenario).compile(plan: plan)
        } catch {
            throw ValidationError("\(error)")
        }
    }
}
