import ArgumentParser
import Experiments
import Foundation
import Renovation
import SchedulingReference

/// How close `PlanOptimiser` gets, in deterministic mode (one replication
/// per candidate, constant durations), on generated instances: against the
/// exhaustive optimum on small ones; on 30-job ones against the optimum
/// where the capped branch and bound proves it, else against its lower
/// bound, and against the critical path; beside the best single-pass rule
/// (docs/optimise.md).
struct OptimiserQuality: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "optimiser",
        abstract: "Makespans of the plan search against optima (≤ 10 jobs; 30 jobs where proven) and lower bounds."
    )

    @Option(help: "Small instances (4–10 jobs), solved exactly.") var small = 100
    @Option(help: "30-job instances, 4 resources.") var large = 50
    @Option(help: "Schedules (simulations) per instance.") var budget = 2_000
    @Option(help: "Candidates kept per generation.") var population = 30
    @Option(help: "Seed of the instance generator and of the search.") var seed: UInt64 = 7
    @Option(help: "Worker threads (default: all cores).") var threads: Int?
    @Option(help: "Branch-and-bound nodes per 30-job instance before it gives up proving the optimum.")
    var nodeLimit = 2_000_000
    @Flag(help: "Search without project mode (the dispatch's own schedules only).") var noProjectMode = false

    func run() throws {
        let runner = ReplicationRunner(threads: threads ?? ProcessInfo.processInfo.activeProcessorCount)
        let began = Date()
        var passes = (small: 0, large: 0)
        let rules = PriorityRule.allCases
        var small = (search: 0.0, rule: 0.0, optimal: 0, rules: [Double](repeating: 0, count: rules.count))
        for index in 0..<self.small {
            let instance = InstanceGenerator(jobs: 4 + index % 7, resources: 1 + index % 3).instance(seed: seed, index: index)
            let optimum = Double(ExactMakespan.optimum(instance))
            let found = Double(try Self.search(instance, budget: budget, population: population, seed: seed, runner: runner,
                                                 projectMode: !noProjectMode, passes: &passes.small))
            small.search += (found - optimum) / optimum
            small.rule += (Self.bestRule(instance) - optimum) / optimum
            for (i, rule) in rules.enumerated() { small.rules[i] += (Self.makespan(instance, rule) - optimum) / optimum }
            if found == optimum { small.optimal += 1 }
        }
        var large = (search: 0.0, rule: 0.0, rules: [Double](repeating: 0, count: rules.count))
        // Against the optimum where proven, else against the branch and bound's lower bound.
        var exact = (proven: 0, searchOptimum: 0.0, ruleOptimum: 0.0, optimal: 0, searchBound: 0.0, ruleBound: 0.0,
                     seconds: 0.0)
        for index in 0..<self.large {
            let instance = InstanceGenerator(jobs: 30, resources: 4).instance(seed: seed, index: index)
            let bound = Double(instance.criticalPathLength)
            let found = Double(try Self.search(instance, budget: budget, population: population, seed: seed, runner: runner,
                                                 projectMode: !noProjectMode, passes: &passes.large))
            let rule = Self.bestRule(instance)
            large.search += (found - bound) / bound
            large.rule += (rule - bound) / bound
            for (i, rule) in rules.enumerated() { large.rules[i] += (Self.makespan(instance, rule) - bound) / bound }
            let solving = Date()
            let solution = ExactMakespan.solve(instance, upperBound: Int(found), nodeLimit: nodeLimit)
            exact.seconds += Date().timeIntervalSince(solving)
            if solution.proven {
                let optimum = Double(solution.makespan)
                exact.proven += 1
                exact.searchOptimum += (found - optimum) / optimum
                exact.ruleOptimum += (rule - optimum) / optimum
                if found == optimum { exact.optimal += 1 }
            } else {
                let lower = Double(solution.lowerBound)
                exact.searchBound += (found - lower) / lower
                exact.ruleBound += (rule - lower) / lower
            }
        }
        func pct(_ x: Double, _ n: Int) -> String { String(format: "%.2f %%", 100 * x / Double(max(1, n))) }
        print("budget \(budget) simulations per instance, seed \(seed), project mode \(noProjectMode ? "off" : "on"); "
              + "serial-scheme passes per instance: ≤10 jobs \(passes.small / max(1, self.small)), "
              + "30 jobs \(passes.large / max(1, self.large))")
        print("≤10 jobs (\(self.small)): search \(pct(small.search, self.small)) from optimum, optimal \(small.optimal); "
              + "best of the six rules per instance \(pct(small.rule, self.small))")
        print("30 jobs (\(self.large)): search \(pct(large.search, self.large)) from the critical path; "
              + "best of the six rules per instance \(pct(large.rule, self.large))")
        let unproven = self.large - exact.proven
        print("30 jobs, optimum proven (≤ \(nodeLimit) nodes) on \(exact.proven): search \(pct(exact.searchOptimum, exact.proven)) "
              + "from the optimum, optimal \(exact.optimal); best of the six rules \(pct(exact.ruleOptimum, exact.proven))")
        print("30 jobs, not proven on \(unproven): search \(pct(exact.searchBound, unproven)) from the lower bound "
              + "(critical path, resource work); best of the six rules \(pct(exact.ruleBound, unproven))")
        print(String(format: "branch and bound: %.1f s", exact.seconds))
        func bestSingle(_ sums: [Double]) -> String {
            let i = sums.indices.min { sums[$0] < sums[$1] } ?? 0
            return rules.isEmpty ? "" : "\(rules[i].rawValue) \(pct(sums[i], 1))"
        }
        print("best single-pass rule: ≤10 jobs \(bestSingle(small.rules.map { $0 / Double(max(1, self.small)) })), "
              + "30 jobs \(bestSingle(large.rules.map { $0 / Double(max(1, self.large)) }))")
        print(String(format: "seconds=%.1f", Date().timeIntervalSince(began)))
    }

    /// The best makespan any single-pass rule gives this instance.
    static func bestRule(_ instance: SchedulingInstance) -> Double {
        PriorityRule.allCases.map { makespan(instance, $0) }.min() ?? 0
    }

    static func makespan(_ instance: SchedulingInstance, _ rule: PriorityRule) -> Double {
        Double(ParallelSGS.makespan(instance, starts: ParallelSGS.schedule(instance, rule: rule)))
    }

    /// The best makespan the search found; `passes` gains its serial-scheme passes (project mode).
    static func search(_ instance: SchedulingInstance, budget: Int, population: Int, seed: UInt64,
                       runner: ReplicationRunner, projectMode: Bool = true, passes: inout Int) throws -> Int {
        let loaded = try ScenarioLoader.load(yaml: InstanceScenario.yaml(instance, rules: [.latestFinish]), file: "rcpsp.yaml")
        var optimiser = PlanOptimiser(objective: .p80, budget: budget, replications: 1, confirmReplications: 0)
        optimiser.searchPhases = false
        optimiser.population = population
        optimiser.projectMode = projectMode
        let result = try optimiser.run(scenario: loaded.valid, plan: "latest_finish", seed: seed, runner: runner)
        passes += result.schedulePasses ?? 0
        return Int((result.bestSearchValue * 24).rounded())
    }
}
