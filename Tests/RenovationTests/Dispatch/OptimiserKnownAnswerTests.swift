import Experiments
import SchedulingReference
import Testing
@testable import Renovation

/// `PlanOptimiser` in deterministic mode (constant durations, one
/// replication a candidate) on generated resource-constrained instances
/// whose optimum the exact solver knows (docs/optimise.md).
@Suite("Plan optimiser on known answers")
struct OptimiserKnownAnswerTests {
    struct Outcome {
        var makespan: Int
        var result: PlanOptimiser.Result
        var starts: [Int]
    }

    static func optimise(_ instance: SchedulingInstance, budget: Int, seed: UInt64 = 11, threads: Int = 2) throws -> Outcome {
        let loaded = try ScenarioLoader.load(yaml: InstanceScenario.yaml(instance, rules: [.latestFinish]), file: "rcpsp.yaml")
        var optimiser = PlanOptimiser(objective: .p80, budget: budget, replications: 1, confirmReplications: 0)
        optimiser.searchPhases = false
        let result = try optimiser.run(scenario: loaded.valid, plan: "latest_finish", seed: seed,
                                       runner: ReplicationRunner(threads: threads))
        // The winner as a plan again: its schedule must be feasible and give the makespan found.
        var scenario = loaded.scenario
        let space = PlanSpace(plan: try CompiledPlan(scenario: loaded.valid, plan: "latest_finish"), spec: scenario.plans[0])
        scenario.plans[0] = space.apply(result.best, to: scenario.plans[0])
        let plan = try CompiledPlan(scenario: try ScenarioValidator.validated(scenario), plan: "latest_finish")
        let starts = try ParallelSGSReferenceTests.renosimStarts(plan)
        return Outcome(makespan: Int((result.bestSearchValue * 24).rounded()), result: result, starts: starts)
    }

    @Test("reaches the exhaustive optimum on most of 40 small instances, far closer on average than any single-pass rule")
    func reachesOptimum() throws {
        var reached = 0, count = 0
        var searchDeviation = 0.0
        var ruleDeviation = [PriorityRule: Double]()
        for index in 0..<40 {
            let generator = InstanceGenerator(jobs: 6 + index % 5, resources: 1 + index % 3)
            let instance = generator.instance(seed: 16, index: index)
            let optimum = ExactMakespan.optimum(instance)
            let found = try Self.optimise(instance, budget: 200)
            #expect(instance.isFeasible(starts: found.starts), "instance \(index): infeasible")
            #expect(ParallelSGS.makespan(instance, starts: found.starts) == found.makespan, "instance \(index)")
            #expect(found.makespan >= optimum, "instance \(index): \(found.makespan) below the optimum \(optimum)")
            #expect(found.result.simulations <= 200)
            count += 1
            if found.makespan == optimum { reached += 1 }
            searchDeviation += Double(found.makespan - optimum) / Double(optimum)
            for rule in PriorityRule.allCases {
                let makespan = ParallelSGS.makespan(instance, starts: ParallelSGS.schedule(instance, rule: rule))
                ruleDeviation[rule, default: 0] += Double(makespan - optimum) / Double(optimum)
            }
        }
        let bestRule = ruleDeviation.values.min() ?? 0
        #expect(Double(reached) >= 0.85 * Double(count), "optimum reached on \(reached) of \(count)")
        #expect(searchDeviation < 0.25 * bestRule, "mean deviation \(searchDeviation / Double(count)) against the best rule's \(bestRule / Double(count))")
        // Proof the test can fail: the rules alone miss the optimum somewhere.
        #expect(bestRule > 0)
    }

    @Test("the same seed gives the same plan and spend on one thread and on two")
    func threadIndependent() throws {
        let instance = InstanceGenerator(jobs: 12, resources: 3).instance(seed: 16, index: 3)
        let one = try Self.optimise(instance, budget: 150, seed: 5, threads: 1)
        let two = try Self.optimise(instance, budget: 150, seed: 5, threads: 2)
        #expect(one.result.best == two.result.best)
        #expect(one.result.progress == two.result.progress)
        #expect(one.result.simulations == two.result.simulations)
    }
}
