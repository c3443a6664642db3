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

    @OptionGroup var options: PlanSearchOptions
    @Option(help: "Replications per candidate mix during the search.") var replications = 60
    @OptionGroup var progress: StatusOptions
    @Option(help: ArgumentHelp(OutputFormat.help + " json: the sizing result; csv: the final mix, trade,from,to."))
    var format: OutputFormat = .table

    func validate() throws {
        guard (2...100_000).contains(replications) else { throw ValidationError("--replications must be 2…100,000") }
        guard (1...1_000_000).contains(options.confirm) else { throw ValidationError("--confirm must be 1…1,000,000") }
    }

    func run() throws {
        try reporting {
            let (loaded, start, seed) = try options.load()
            let status = try progress.read(for: start)
            let plan = options.plan, runner = options.runner
            let sizing = CrewSizing(target: options.target, searchReplications: replications, confirmReplications: options.confirm)
            let result: CrewSizing.Result
            do throws(CrewSizing.SizingError) {
                result = try sizing.run(scenario: loaded.valid, plan: plan, seed: seed, runner: runner, status: status)
            } catch {
                if case .scenario(let refused) = error { throw ScenarioSession.failure(refused, in: loaded) }
                throw CLIFailure(message: "\(loaded.file): \(error)", code: 1)
            }
            try format.emit(table: { SizingText.render(result) }, json: { try RunOutput.json(result) },
                            csv: { Self.mixTable(result).text })
            if let out = options.out {
                do {
                    let path = (out as NSString).appendingPathComponent("sizing.json")
                    try AtomicFile.write(try RunOutput.json(result), to: path)
                    Terminal.note("wrote \(path)")
                } catch {
                    throw CLIFailure(message: "\(error)", code: 2)
                }
            }
            if let report = options.report {
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
