import ArgumentParser
import Experiments
import Foundation
import Renovation
import Reports

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Simulate one plan of a scenario and summarise the replications.",
        discussion: """
            Prints a summary on stdout; with --out, writes summary.json, replications.csv, \
            communities.csv and buildings.csv there. --trace (one replication) also writes trace.csv, \
            the event log, to follow one building through its works.

              renosim run scenarios/yonghong-2022.yaml --plan three-year --replications 200 --out results/yh
            """
    )

    @Argument(help: "Scenario file (YAML).") var scenario: String
    @Option(help: "Plan to run (default: the scenario's first plan).") var plan: String?
    @Option(help: "Number of replications.") var replications = 100
    @Option(help: "Seed (default: the scenario's seed, else 1).") var seed: UInt64?
    @Option(help: "Worker threads (default: all cores).") var threads: Int?
    @Option(help: "Folder to write result files to.") var out: String?
    @Flag(help: "Write the event log of one replication as trace.csv (needs --out and --replications 1).")
    var trace = false

    func validate() throws {
        guard replications >= 1 else { throw ValidationError("--replications must be at least 1") }
        guard replications <= 10_000_000 else { throw ValidationError("--replications must be at most 10,000,000") }
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1") }
        if trace && (out == nil || replications != 1) {
            throw ValidationError("--trace writes one replication's event log: use it with --out DIR and --replications 1")
        }
    }

    func run() throws {
        try reporting {
            let loaded = try ScenarioSession.load(scenario)
            let model = try ScenarioSession.compile(loaded, plan: plan)
            let seed = self.seed ?? loaded.scenario.seed ?? 1
            let results: [ReplicationResult]
            var traceRecords: [TraceRecord]?
            if trace {
                var sim = Programme.simulation(model: model, seed: seed, replication: 0, trace: true)
                sim.run()
                results = [sim.model.result(events: sim.eventsHandled)]
                traceRecords = sim.model.trace
            } else {
                let runner = ReplicationRunner(threads: threads ?? ProcessInfo.processInfo.activeProcessorCount)
                results = runner.run(model: model, seed: seed, replications: 0..<replications)
            }
            let summary = PlanSummary(model: model, seed: seed, results: results)
            print(SummaryText.render(summary), terminator: "")
            if let out {
                do {
                    var files = try RunOutput.write(summary: summary, results: results, model: model, to: out)
                    if let traceRecords {
                        let path = (out as NSString).appendingPathComponent("trace.csv")
                        try AtomicFile.write(RunOutput.traceTable(traceRecords, model: model).text, to: path)
                        files.append(path)
                    }
                    Terminal.note("wrote " + files.joined(separator: ", "))
                } catch {
                    throw CLIFailure(message: "\(error)", code: 2)
                }
            }
        }
    }
}
