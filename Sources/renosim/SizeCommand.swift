import ArgumentParser
import Experiments
import Foundation
import Renovation
import Reports

struct SizeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "size",
        abstract: "Find a small crew mix that meets the deadline with a target probability.",
        discussion: """
            "What do we need to do five years' work in three?" Searches crew counts per trade on common \
            random numbers (grow by best gain per crew cost, then prune), then confirms the mix on fresh \
            replications.

              renosim size scenarios/yonghong-2022.yaml --plan three-year --target 0.9
            """
    )

    @Argument(help: "Scenario file (YAML).") var scenario: String
    @Option(help: "Plan to size.") var plan: String
    @Option(help: "Probability of meeting the deadline to reach, above 0 and below 1 (a finite sample never shows 1).")
    var target = 0.9
    @Option(help: "Replications per candidate mix during the search.") var replications = 60
    @Option(help: "Fresh replications to confirm the final mix.") var confirm = 200
    @Option(help: "Seed (default: the scenario's seed, else 1).") var seed: UInt64?
    @Option(help: "Worker threads (default: all cores).") var threads: Int?
    @Option(help: "Folder to write sizing.json to.") var out: String?
    @OptionGroup var progress: StatusOptions
    @Option(help: "Write an HTML page with the sized crews and the search to this file.") var report: String?
    @Option(help: ArgumentHelp(OutputFormat.help + " json: the sizing result; csv: the final mix, trade,from,to."))
    var format: OutputFormat = .table

    func validate() throws {
        guard target > 0, target < 1 else { throw ValidationError("--target must be above 0 and below 1 (\(target) given): a finite sample can never show a probability of 1 or 0") }
        guard (2...100_000).contains(replications) else { throw ValidationError("--replications must be 2…100,000") }
        guard (1...1_000_000).contains(confirm) else { throw ValidationError("--confirm must be 1…1,000,000") }
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1") }
    }

    func run() throws {
        try reporting {
            if let report { try ReportPath.check(report, inputs: [scenario]) }
            let loaded = try ScenarioSession.load(scenario)
            let status = try progress.read(for: ScenarioSession.compile(loaded, plan: plan))
            let seed = self.seed ?? loaded.scenario.seed ?? 1
            let runner = ReplicationRunner(threads: threads ?? ProcessInfo.processInfo.activeProcessorCount)
            let sizing = CrewSizing(target: target, searchReplications: replications, confirmReplications: confirm)
            let result: CrewSizing.Result
            do throws(CrewSizing.SizingError) {
                result = try sizing.run(scenario: loaded.valid, plan: plan, seed: seed, runner: runner, status: status)
            } catch {
                if case .scenario(let refused) = error { throw ScenarioSession.failure(refused, in: loaded) }
                throw CLIFailure(message: "\(loaded.file): \(error)", code: 1)
            }
            try format.emit(table: { SizingText.render(result) }, json: { try RunOutput.json(result) },
                            csv: { Self.mixTable(result).text })
            if let out {
                do {
                    let path = (out as NSString).appendingPathComponent("sizing.json")
                    try AtomicFile.write(try RunOutput.json(result), to: path)
                    Terminal.note("wrote \(path)")
                } catch {
                    throw CLIFailure(message: "\(error)", code: 2)
                }
            }
            if let report {
                try writeReport(ExperimentReport.render(result), to: report)
            }
        }
    }

    /// One row per trade: crews before and after sizing.
    static func mixTable(_ result: CrewSizing.Result) -> CSVTable {
        var table = CSVTable(header: ["trade", "from", "to"])
        for (i, trade) in result.trades.enumerated() {
            table.append([trade, i < result.startingCrews.count ? String(result.startingCrews[i]) : "",
                          i < result.crews.count ? String(result.crews[i]) : ""])
        }
        return table
    }
}
