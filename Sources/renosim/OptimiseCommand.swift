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
            --objective cost searches crews per trade with the rest for the least crew cost per hour \
            that meets the deadline with probability --target (and, for comparison, runs `renosim \
            size` on the starting plan alone).

              renosim optimise scenarios/yonghong-2022.yaml --plan three-year --out out/opt
              renosim compare out/opt/yonghong-2022-optimised.yaml --plans three-year,three-year-optimised
            """
    )

    enum Goal: String, ExpressibleByArgument, CaseIterable {
        case deadline, p80, cost
    }

    @OptionGroup var options: PlanSearchOptions
    @Option(help: "deadline: maximise P(deadline met); p80: minimise the P80 finish; cost: minimise the crew cost per hour subject to P(deadline met) ≥ --target.")
    var objective: Goal = .deadline
    @Option(help: "Simulations the search, the selection and the confirmation may spend together.") var budget = 2_000
    @Option(help: "Replications per candidate during the search (common to all candidates).") var replications = 20
    @Option(help: "Candidates kept per generation.") var population = 12
    @Option(help: "Name of the optimised plan (default: the plan's name with -optimised).") var name: String?
    @Flag(help: "With --objective cost, do not run `renosim size` on the starting plan for comparison.") var noSize = false
    @Option(help: ArgumentHelp(OutputFormat.help + " json: the optimisation result; csv: the search's progress."))
    var format: OutputFormat = .table
    @Flag(help: "No progress on stderr.") var quiet = false

    func validate() throws {
        guard (1...10_000_000).contains(budget) else { throw ValidationError("--budget must be 1…10,000,000") }
        guard (1...100_000).contains(replications) else { throw ValidationError("--replications must be 1…100,000") }
        guard (0...1_000_000).contains(options.confirm) else { throw ValidationError("--confirm must be 0…1,000,000") }
        guard (2...1_000).contains(population) else { throw ValidationError("--population must be 2…1,000") }
    }

    func run() throws {
        try reporting {
            let (loaded, start, seed) = try options.load()
            let plan = options.plan, runner = options.runner
            let goal: PlanOptimiser.Objective = switch objective {
            case .deadline: .deadline
            case .p80: .p80
            case .cost: .cost
            }
            var optimiser = PlanOptimiser(objective: goal, budget: budget, replications: replications,
                                          confirmReplications: options.confirm)
            optimiser.population = population
            optimiser.target = options.target
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
            let space = PlanSpace(plan: start, spec: spec, crews: goal == .cost)
            let newName = name ?? plan + "-optimised"
            var optimised = space.apply(result.best, to: spec, name: newName)
            optimised.description = "renosim optimise from plan '\(plan)': objective \(objective.rawValue), seed \(seed), \(result.simulations) simulations"

            let sizeAlone = goal == .cost && !noSize ? try sizeCrews(loaded: loaded, seed: seed, runner: runner) : nil
            let block = PlanBlock.yaml(optimised)
            try format.emit(table: { OptimiseText.render(result, start: start, block: block, seconds: seconds,
                                                                 sizeAlone: sizeAlone) },
                            json: { try RunOutput.json(result) },
                            csv: { Self.progressTable(result).text })
            if let out = options.out { try write(result, block: block, plan: optimised, loaded: loaded, to: out) }
            if let report = options.report {
                try writeReport(OptimiseReport.render(result, start: start.start, deadlineDays: start.deadlineHours / 24,
                                                      block: block), to: report)
            }
        }
    }

    /// `size` (its own defaults: 60 search and 200 fresh replications) on
    /// the starting plan, for comparison; a plan no mix brings to the target
    /// within its search is reported, not an error.
    func sizeCrews(loaded: LoadedScenario, seed: UInt64, runner: ReplicationRunner) throws -> OptimiseText.Sizing {
        if !quiet { Terminal.note("sizing crews for plan \(options.plan) alone (as renosim size)") }
        do throws(CrewSizing.SizingError) {
            return .sized(try CrewSizing(target: options.target).run(scenario: loaded.valid, plan: options.plan, seed: seed,
                                                                      runner: runner))
        } catch {
            if case .scenario(let refused) = error { throw ScenarioSession.failure(refused, in: loaded) }
            return .failed("\(error)")
        }
    }

    func write(_ result: PlanOptimiser.Result, block: String, plan optimised: PlanSpec, loaded: LoadedScenario,
               to out: String) throws {
        do {
            try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
            let json = (out as NSString).appendingPathComponent("optimise.json")
            try AtomicFile.write(try RunOutput.json(result), to: json)
            let blockPath = (out as NSString).appendingPathComponent("optimised-plan.yaml")
            try AtomicFile.write(Data(block.utf8), to: blockPath)
            let stem = ((options.scenario as NSString).lastPathComponent as NSString).deletingPathExtension
            let copyPath = (out as NSString).appendingPathComponent(stem + "-optimised.yaml")
            let text = try String(contentsOfFile: options.scenario, encoding: .utf8)
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
