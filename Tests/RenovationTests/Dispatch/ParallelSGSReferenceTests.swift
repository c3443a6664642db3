import DiscreteEvent
import SchedulingReference
import Testing
@testable import Renovation

/// renosim's dispatch against an independent textbook parallel
/// schedule-generation scheme, instance by instance, and against optimal
/// makespans computed exhaustively (docs/dispatch.md).
@Suite("Dispatch against the parallel schedule-generation scheme")
struct ParallelSGSReferenceTests {
    /// Start hour of each job (work type) in one replication of plan `rule`.
    static func renosimStarts(_ instance: SchedulingInstance, rule: PriorityRule,
                              scenario: ValidScenario) throws -> [Int] {
        try renosimStarts(try CompiledPlan(scenario: scenario, plan: rule.rawValue))
    }

    /// Start hour of each job in one replication of a compiled instance plan.
    static func renosimStarts(_ plan: CompiledPlan) throws -> [Int] {
        var sim = Replication.simulation(plan: plan, seed: 1, replication: 0, trace: true)
        sim.run()
        var starts = [Int](repeating: -1, count: plan.orderCount)
        for record in sim.model.trace ?? [] where record.kind == .started {
            #expect(record.time == record.time.rounded(), "a start off the hour: \(record.time)")
            starts[record.order] = Int(record.time)
        }
        return starts
    }

    static func scenario(_ instance: SchedulingInstance) throws -> ValidScenario {
        try ScenarioLoader.load(yaml: InstanceScenario.yaml(instance), file: "rcpsp.yaml").valid
    }

    @Test("every start equals the reference scheme's on 300 instances of 30 jobs and 4 resources, for every rule")
    func startsEqualReference() throws {
        let generator = InstanceGenerator(jobs: 30, resources: 4)
        var mismatches: [String] = []
        for index in 0..<300 {
            let instance = generator.instance(seed: 2026, index: index)
            let scenario = try Self.scenario(instance)
            for rule in PriorityRule.allCases {
                let reference = ParallelSGS.schedule(instance, rule: rule)
                #expect(instance.isFeasible(starts: reference))
                let starts = try Self.renosimStarts(instance, rule: rule, scenario: scenario)
                if starts != reference {
                    let job = starts.indices.first { starts[$0] != reference[$0] } ?? 0
                    mismatches.append("instance \(index), \(rule.rawValue): job \(job + 1) starts at \(starts[job]), reference \(reference[job])")
                }
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.count) schedules differ; first: \(mismatches.prefix(3))")
    }

    @Test("no makespan falls below the exhaustive optimum on 500 instances of up to 10 jobs")
    func neverBelowOptimum() throws {
        var belowOptimum: [String] = []
        var reachedOptimum = 0
        for index in 0..<500 {
            let generator = InstanceGenerator(jobs: 4 + index % 7, resources: 1 + index % 3)
            let instance = generator.instance(seed: 7, index: index)
            let optimum = ExactMakespan.optimum(instance)
            #expect(optimum >= instance.criticalPathLength)
            let scenario = try Self.scenario(instance)
            for rule in PriorityRule.allCases {
                let starts = try Self.renosimStarts(instance, rule: rule, scenario: scenario)
                #expect(instance.isFeasible(starts: starts), "instance \(index), \(rule.rawValue): infeasible")
                let makespan = ParallelSGS.makespan(instance, starts: starts)
                if makespan < optimum { belowOptimum.append("instance \(index), \(rule.rawValue): \(makespan) < \(optimum)") }
                if makespan == optimum { reachedOptimum += 1 }
            }
        }
        #expect(belowOptimum.isEmpty, "\(belowOptimum.prefix(3))")
        // A test that could not fail would prove nothing: the rules are heuristics, so
        // they reach the optimum often on small instances, but not always.
        #expect(reachedOptimum > 500 && reachedOptimum < 500 * PriorityRule.allCases.count)
    }

    @Test("the exact solver finds a known optimum that the parallel scheme misses")
    func exactSolverBeatsParallelScheme() {
        // Two units of one resource. Job 1 (3 h, 1 unit) and job 2 (1 h, both units) are ready at 0;
        // job 3 (3 h, 1 unit) follows job 2. FIFO ties go to job 1, which blocks job 2 until hour 3:
        // makespan 7. Starting job 2 first gives 4.
        let instance = SchedulingInstance(
            durations: [3, 1, 3], predecessors: [[], [], [1]], demands: [[1], [2], [1]], capacities: [2])
        #expect(ParallelSGS.schedule(instance, rule: .fifo) == [0, 3, 4])
        #expect(ExactMakespan.optimum(instance) == 4)
    }

    @Test("the branch and bound's pruning keeps the optimum: every precedence-feasible list decoded serially, on 200 instances")
    func exactSolverAgainstEveryList() {
        var checked = 0
        for index in 0..<200 {
            let instance = InstanceGenerator(jobs: 4 + index % 4, resources: 1 + index % 3).instance(seed: 11, index: index)
            var best = Int.max
            var list: [Int] = []
            var placed = [Bool](repeating: false, count: instance.jobCount)
            func every() {
                if list.count == instance.jobCount {
                    let starts = SerialSGS.schedule(instance, list: list)
                    best = min(best, ParallelSGS.makespan(instance, starts: starts))
                    return
                }
                for j in 0..<instance.jobCount where !placed[j] && instance.predecessors[j].allSatisfy({ placed[$0] }) {
                    placed[j] = true
                    list.append(j)
                    every()
                    list.removeLast()
                    placed[j] = false
                }
            }
            every()
            let solution = ExactMakespan.solve(instance)
            #expect(solution.proven && solution.makespan == best, "instance \(index): \(solution) against \(best)")
            #expect(solution.lowerBound <= best && solution.lowerBound >= instance.criticalPathLength)
            if solution.makespan > solution.lowerBound { checked += 1 }
        }
        // Instances the bound alone does not settle, so the tree search is what is tested.
        #expect(checked > 20)
    }

    @Test("30 jobs: a capped search says whether it proved its makespan, which lies between the lower bound and the best rule's")
    func exactSolverCapped() {
        var proven = 0
        for index in 0..<4 {
            let instance = InstanceGenerator(jobs: 30, resources: 4).instance(seed: 7, index: index)
            let solution = ExactMakespan.solve(instance, nodeLimit: 20_000)
            let rules = PriorityRule.allCases.map { ParallelSGS.makespan(instance, starts: ParallelSGS.schedule(instance, rule: $0)) }
            #expect(solution.lowerBound <= solution.makespan && solution.makespan <= rules.min()!)
            #expect(solution.nodes <= 20_001)
            if solution.proven { proven += 1 }
        }
        #expect(proven >= 1)
    }
}
