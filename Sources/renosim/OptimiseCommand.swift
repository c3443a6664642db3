import ArgumentParser
import Experiments
import Foundation
import Renovation
import Reports
import Sharding

struct OptimiseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "optimise",
        abstract: "Search the phasing, release order and dispatch that best meet the deadline.",
        discussion: """
            Starts from the plan and searches which release date each community gets, the release \
            order, the dispatch rule and its priority list (docs/optimise.md): a genetic algorithm \
            on common random numbers, sequential elimination among the finalists, then the winner \
            and the starting plan on fresh replications. Prints both figures and a plan block to \
            paste into the scenario; with --out, also writes optimise.json, the block and a copy \
            of the scenario with the new plan added, ready for `renosim compare`. \
            --objective cost then sizes the crews (as `renosim size`) of the optimised plan and of \
            the starting plan for --target.

              renosim optimise scenarios/yonghong-2022.yaml --plan three-year --out out/opt
              renosim compare out/opt/yonghong-2022-optimised.yaml --plans three-year,three-year-optimised
            """
    )

    enum Goal: String, ExpressibleByArgument, CaseIterable {
        case deadline, p80, cost
    }

    @Argument(help: "Scenario file (YAML).") var scenario: String
    @Option(help: "Plan to start from.") var plan: String
    @Option(help: "deadline: maximise P(deadline met); p80: minimise the P80 finish; cost: maximise P(deadline met), then size the crews for --target.")
    var objective: Goal = .deadline
    @Option(help: "Simulations the search, the selection and the confirmation may spend together.") var budget = 2_000
    @Option(help: "Replications per candidate during the search (common to all candidates).") var replications = 20
    @Option(help: "Fresh replications for each of the winner and the starting plan.") var confirm = 200
    @Option(help: "Candidates kept per generation.") var population = 12
    @Option(help: "Probability of meeting the deadline the crews must reach (--objective cost).") var target = 0.9
    @Option(help: "Name of the optimised plan (default: the plan's name with -optimised).") var name: String?
    @Option(help: "Seed (default: the scenario's seed, else 1).") var seed: UInt64?
    @Option(help: "Worker threads (default: all cores).") var threads: Int?
    @Option(help: "Folder to write optimise.json, the plan block and the scenario copy to.") var out: String?
    @Option(help: "Write an HTML page with the search's progress and the before/after S-curves to this file.") var report: String?
    @Option(help: ArgumentHelp(OutputFormat.help + " json: the optimisation result; csv: the search's progress."))
    var format: OutputFormat = .table
    @Flag(help: "No progress on stderr.") var quiet = false

    func validate() throws {
        guard (1...10_000_000).contains(budget) else { throw ValidationError("--budget must be 1…10,000,000") }
        guard (1...100_000).contains(replications) else { throw ValidationError("--replications must be 1…100,000") }
        guard (0...1_000_000).contains(confirm) else { throw ValidationError("--confirm must be 0…1,000,000") }
        guard (2...1_000).contains(population) else { throw ValidationError("--population must be 2…1,000") }
        guard target > 0, target < 1 else { throw ValidationError("--target must be above 0 and below 1 (\(target) given)") }
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1") }
    }

    func run() throws {
        try reporting {
            if let report { try ReportPath.check(report, inputs: [scenario]) }
            let loaded = try ScenarioSession.load(scenario)
            let start = try ScenarioSession.compile(loaded, plan: plan)
            let seed = self.seed ?? loaded.scenario.seed ?? 1
            let runner = ReplicationRunner(threads: threads ?? ProcessInfo.processInfo.activeProcessorCount)
            var optimiser = PlanOptimiser(objective: objective == .p80 ? .p80 : .deadline, budget: budget,
                                          replications: replications, confirmReplications: confirm)
            optimiser.population = population
            let began = Date()
            let result: PlanOptimiser.Result
            do throws(PlanOptimiser.OptimiseError) {
                result = try optimiser.run(scenario: loaded.valid, plan: plan, seed: seed, runner: runner) { step in
                    if !quiet { Terminal.note("generation \(step.generation): \(step.simulations) simulations, best \(OptimiseText.value(step.bestValue, optimiser.objective))") }
                }
            } catch {
                if case .scenario(let refused) = error { throw ScenarioSession.failure(refused, in: loaded) }
                throw CLIFailure(message: "\(loaded.file): error: \(error)", code: 1)
            }
            let seconds = Date().timeIntervalSince(began)

            // The optimised plan, as a scenario plan.
            let planIndex = loaded.scenario.plans.firstIndex { $0.name == plan } ?? 0
            let spec = loaded.scenario.plans[planIndex]
            let space = PlanSpace(plan: start, spec: spec)
            let newName = name ?? plan + "-optimised"
            var optimised = space.apply(result.best, to: spec, name: newName)
            optimised.description = "renosim optimise from plan '\(plan)': objective \(objective.rawValue), seed \(seed), \(result.simulations) simulations"

            var sizing: (start: OptimiseText.Sizing, best: OptimiseText.Sizing)?
            if objective == .cost {
                sizing = try sizeCrews(loaded: loaded, optimised: optimised, seed: seed, runner: runner)
                if case .sized(let crews)? = sizing?.best {
                    optimised.crews = OrderedMapping(zip(crews.trades, crews.crews).map { (key: $0, value: $1) })
                }
            }
            let block = PlanBlock.yaml(optimised)
            try format.emit(table: { OptimiseText.render(result, start: start, block: block, seconds: seconds, sizing: sizing,
                                                                 target: target) },
                            json: { try RunOutput.json(result) },
                            csv: { Self.progressTable(result).text })
            if let out { try write(result, block: block, plan: optimised, loaded: loaded, to: out) }
            if let report {
                try writeReport(OptimiseReport.render(result, start: start.start, deadlineDays: start.deadlineHours / 24,
                                                      block: block), to: report)
            }
        }
    }

    /// `size` (its own defaults: 60 search and 200 fresh replications) on the
    /// starting plan and on the optimised one; a plan no mix brings to the
    /// target within the search budget is reported, not an error.
    func sizeCrews(loaded: LoadedScenario, optimised: PlanSpec, seed: UInt64,
                   runner: ReplicationRunner) throws -> (start: OptimiseText.Sizing, best: OptimiseText.Sizing) {
        var scenario = loaded.scenario
        scenario.plans.append(optimised)
        let valid: ValidScenario
        do throws(ScenarioError) { valid = try ScenarioValidator.validated(scenario, change: "optimised plan") } catch {
            throw ScenarioSession.failure(error, in: loaded)
        }
        let sizing = CrewSizing(target: target)
        func size(_ name: String) throws -> OptimiseText.Sizing {
            if !quiet { Terminal.note("sizing crews for plan \(name)") }
            do throws(CrewSizing.SizingError) {
                return .sized(try sizing.run(scenario: valid, plan: name, seed: seed, runner: runner))
            } catch {
                if case .scenario(let refused) = error { throw ScenarioSession.failure(refused, in: loaded) }
                return .failed("\(error)")
            }
        }
        return (try size(plan), try size(optimised.name))
    }

    func write(_ result: PlanOptimiser.Result, block: String, plan optimised: PlanSpec, loaded: LoadedScenario,
               to out: String) throws {
        do {
            try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
            let json = (out as NSString).appendingPathComponent("optimise.json")
            try AtomicFile.write(try RunOutput.json(result), to: json)
            let blockPath = (out as NSString).appendingPathComponent("optimised-plan.yaml")
            try AtomicFile.write(Data(block.utf8), to: blockPath)
            let stem = ((scenario as NSString).lastPathComponent as NSString).deletingPathExtension
            let copyPath = (out as NSString).appendingPathComponent(stem + "-optimised.yaml")
            let text = try String(contentsOfFile: scenario, encoding: .utf8)
            let copy: String
            do throws(PlanBlock.InsertError) {
                copy = try PlanBlock.inserting(optimised, into: text)
            } catch {
                Terminal.note("wrote \(json) and \(blockPath); no scenario copy: \(error)")
                return
            }
            try AtomicFile.write(Data(copy.utf8), to: copyPath)
            Terminal.note("wrote \(json), \(blockPath) and \(copyPath)")
        } catch let failure as CLIFailure {
            throw failure
        } catch {
            throw CLIFailure(message: "\(error)", code: 2)
        }
    }

    /// One row per generation.
    static func progressTable(_ result: PlanOptimiser.Result) -> CSVTable {
        var table = CSVTable(header: ["generation", "simulations", "best_value", "start_value"])
        for step in result.progress {
            table.append([String(step.generation), String(step.simulations), String(step.bestValue), String(step.startValue)])
        }
        return table
    }
}
