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
            Prints a summary on stdout; with --out, writes result.json, replications.csv, \
            communities.csv and buildings.csv there. --trace (one replication) also writes trace.csv, \
            the event log, to follow one building through its works.

              renosim run scenarios/yonghong-2022.yaml --plan three-year --replications 200 --out results/yh
              renosim run scenarios/benxi-2018.yaml --precision 3 --max-replications 2000
            """
    )

    @Argument(help: "Scenario file (YAML).") var scenario: String
    @Option(help: "Plan to run (default: the scenario's first plan).") var plan: String?
    @OptionGroup var options: ExperimentOptions
    @Flag(help: "Write the event log of one replication as trace.csv (needs --out and --replications 1).")
    var trace = false

    func validate() throws {
        if trace && (options.out == nil || options.replications != 1 || options.precision != nil) {
            throw ValidationError("--trace writes one replication's event log: use it with --out DIR and --replications 1")
        }
    }

    func run() throws {
        try reporting {
            let loaded = try ScenarioSession.load(scenario)
            let model = try ScenarioSession.compile(loaded, plan: plan)
            let seed = options.seed(for: loaded)
            var results: [ReplicationResult]
            var traceRecords: [TraceRecord]?
            var note: String?
            if trace {
                var sim = Programme.simulation(model: model, seed: seed, replication: 0, trace: true)
                sim.run()
                results = [sim.model.result(events: sim.eventsHandled)]
                traceRecords = sim.model.trace
            } else {
                (results, note) = options.results(model: model, seed: seed, label: model.planName)
            }
            let summary = PlanSummary(model: model, seed: seed, results: results)
            print(SummaryText.render(summary), terminator: "")
            if let note { print(note) }
            if let out = options.out {
                do {
                    let document = ResultDocument(model: model, seed: seed, results: results,
                                                  scenario: ScenarioSession.reference(loaded),
                                                  toolVersion: ToolVersion.current, summary: summary)
                    var files = try RunOutput.write(document: document, results: results, model: model, to: out)
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
