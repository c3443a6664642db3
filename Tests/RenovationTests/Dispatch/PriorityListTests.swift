import SchedulingReference
import Testing
@testable import Renovation

/// A plan's `priority` list decides exactly the dispatch rule's ties.
@Suite("Priority list")
struct PriorityListTests {
    /// Two units of one resource; job 1 (3 h, 1 unit) and job 2 (1 h, both
    /// units) are ready at 0, job 3 (3 h, 1 unit) follows job 2. Every order
    /// ties under `community`, so the work-order number starts job 1 first
    /// (makespan 7); listing j2 first starts it first (makespan 4, the optimum).
    static let instance = SchedulingInstance(
        durations: [3, 1, 3], predecessors: [[], [], [1]], demands: [[1], [2], [1]], capacities: [2])

    static func starts(priority: String) throws -> [Int] {
        var yaml = InstanceScenario.yaml(Self.instance, rules: [.community])
        yaml = yaml.replacingOccurrences(of: "dispatch: community,", with: "dispatch: community, priority: \(priority),")
        let plan = try CompiledPlan(scenario: try ScenarioLoader.load(yaml: yaml, file: "p.yaml").valid, plan: "community")
        return try ParallelSGSReferenceTests.renosimStarts(plan)
    }

    @Test("the list reorders tied orders and leaves the schedule feasible")
    func reordersTies() throws {
        #expect(try Self.starts(priority: "[]") == [0, 3, 4])
        #expect(try Self.starts(priority: "[j2]") == [1, 0, 1])
        #expect(try Self.starts(priority: "[j3, j2, j1]") == [1, 0, 1])
        #expect(try Self.starts(priority: "[j1, j2]") == [0, 3, 4])
    }

    @Test("the list does not overrule a rule's distinct keys")
    func keepsRuleKeys() throws {
        // shortest: job 2 (1 h) has the lowest key whatever the list says about job 1.
        var yaml = InstanceScenario.yaml(Self.instance, rules: [.shortest])
        yaml = yaml.replacingOccurrences(of: "dispatch: shortest,", with: "dispatch: shortest, priority: [j1],")
        let plan = try CompiledPlan(scenario: try ScenarioLoader.load(yaml: yaml, file: "p.yaml").valid, plan: "shortest")
        #expect(try ParallelSGSReferenceTests.renosimStarts(plan) == [1, 0, 1])
    }
}
