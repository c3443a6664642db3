import ArgumentParser
import Foundation
import Renovation
import SchedulingReference

/// How good each dispatch rule's schedules are, by renosim itself: the
/// mean deviation of its makespans from the exhaustive optimum on small
/// generated instances, and from the critical-path lower bound on 30-job
/// ones (docs/dispatch.md). Also counts the schedules that differ from the
/// reference parallel scheme (expected: none).
struct DispatchQuality: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dispatch",
        abstract: "Makespans of every dispatch rule against optima (≤ 10 jobs) and the critical path (30 jobs)."
    )

    @Option(help: "Small instances (4–10 jobs), solved exactly.") var small = 500
    @Option(help: "30-job instances, 4 resources.") var large = 300
    @Option(help: "Seed of the instance generator.") var seed: UInt64 = 7

    func run() throws {
        let rules = PriorityRule.allCases
        var smallDeviation = [Double](repeating: 0, count: rules.count)
        var smallOptimal = [Int](repeating: 0, count: rules.count)
        var largeDeviation = [Double](repeating: 0, count: rules.count)
        var differ = 0
        for index in 0..<small {
            let instance = InstanceGenerator(jobs: 4 + index % 7, resources: 1 + index % 3).instance(seed: seed, index: index)
            let optimum = Double(ExactMakespan.optimum(instance))
            let scenario = try ScenarioLoader.load(yaml: InstanceScenario.yaml(instance), file: "rcpsp.yaml").valid
            for (i, rule) in rules.enumerated() {
                let makespan = Double(try Self.makespan(instance, scenario, rule))
                smallDeviation[i] += (makespan - optimum) / optimum
                if makespan == optimum { smallOptimal[i] += 1 }
            }
        }
        let generator = InstanceGenerator(jobs: 30, resources: 4)
        for index in 0..<large {
            let instance = generator.instance(seed: seed, index: index)
            let bound = Double(instance.criticalPathLength)
            let scenario = try ScenarioLoader.load(yaml: InstanceScenario.yaml(instance), file: "rcpsp.yaml").valid
            for (i, rule) in rules.enumerated() {
                let starts = try Self.starts(instance, scenario, rule)
                if starts != ParallelSGS.schedule(instance, rule: rule) { differ += 1 }
                largeDeviation[i] += (Double(ParallelSGS.makespan(instance, starts: starts)) - bound) / bound
            }
        }
        print("rule             ≤10 jobs: mean deviation from optimum  optimal   30 jobs: mean deviation from critical path")
        for (i, rule) in rules.enumerated() {
            let line = rule.rawValue.padding(toLength: 17, withPad: " ", startingAt: 0)
                + String(format: "%27.2f %%  %6.1f %%  %30.2f %%", 100 * smallDeviation[i] / Double(max(1, small)),
                         100 * Double(smallOptimal[i]) / Double(max(1, small)), 100 * largeDeviation[i] / Double(max(1, large)))
            print(line)
        }
        print("schedules_differing_from_reference=\(differ) small_instances=\(small) large_instances=\(large)")
    }

    static func starts(_ instance: SchedulingInstance, _ scenario: ValidScenario, _ rule: PriorityRule) throws -> [Int] {
        let plan = try CompiledPlan(scenario: scenario, plan: rule.rawValue)
        var sim = Replication.simulation(plan: plan, seed: 1, replication: 0, trace: true)
        sim.run()
        var starts = [Int](repeating: -1, count: instance.jobCount)
        for record in sim.model.trace ?? [] where record.kind == .started { starts[record.order] = Int(record.time) }
        return starts
    }

    static func makespan(_ instance: SchedulingInstance, _ scenario: ValidScenario, _ rule: PriorityRule) throws -> Int {
        ParallelSGS.makespan(instance, starts: try starts(instance, scenario, rule))
    }
}
