@testable import Experiments
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

    static func optimise(_ instance: SchedulingInstance, budget: Int, seed: UInt64 = 11, threads: Int = 2,
                         projectMode: Bool = true) throws -> Outcome {
        let loaded = try ScenarioLoader.load(yaml: InstanceScenario.yaml(instance, rules: [.latestFinish]), file: "rcpsp.yaml")
        var optimiser = PlanOptimiser(objective: .p80, budget: budget, replications: 1, confirmReplications: 0)
        optimiser.searchPhases = false
        optimiser.projectMode = projectMode
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

    /// Project mode (serial scheme, improvement, `not_before`) must do far
    /// better than the dispatch's own schedules, which need not include an optimum.
    @Test("reaches the exhaustive optimum on most of 40 small instances, far closer on average than any single-pass rule",
          arguments: [(true, 0.95, 0.05), (false, 0.85, 0.25)])
    func reachesOptimum(projectMode: Bool, reachedShare: Double, ruleShare: Double) throws {
        var reached = 0, count = 0
        var searchDeviation = 0.0
        var ruleDeviation = [PriorityRule: Double]()
        for index in 0..<40 {
            let generator = InstanceGenerator(jobs: 6 + index % 5, resources: 1 + index % 3)
            let instance = generator.instance(seed: 16, index: index)
            let optimum = ExactMakespan.optimum(instance)
            let found = try Self.optimise(instance, budget: 200, projectMode: projectMode)
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
        #expect(Double(reached) >= reachedShare * Double(count), "optimum reached on \(reached) of \(count)")
        #expect(searchDeviation < ruleShare * bestRule, "mean deviation \(searchDeviation / Double(count)) against the best rule's \(bestRule / Double(count))")
        // Proof the test can fail: the rules alone miss the optimum somewhere.
        #expect(bestRule > 0)
    }

    /// An 8-hour weekday calendar with a holiday, in place of the instance's 24-hour one.
    static let officeHours = """
        calendar:
          workdays: [monday, tuesday, wednesday, thursday, friday]
          shift_start: 8
          hours_per_day: 8
          holidays: [2025-01-08]
        """

    @Test("project mode: decoded schedules are feasible, never longer than the list's serial schedule, and the simulation runs them",
          arguments: [false, true])
    func projectDecoding(officeHours: Bool) throws {
        let generator = InstanceGenerator(jobs: 30, resources: 4)
        var shortened = 0
        for index in 0..<30 {
            let instance = generator.instance(seed: 31, index: index)
            var yaml = InstanceScenario.yaml(instance, rules: [.latestFinish])
            if officeHours {
                let calendar = yaml.range(of: "calendar:")!.lowerBound..<yaml.range(of: "trades:")!.lowerBound
                yaml.replaceSubrange(calendar, with: Self.officeHours + "\n")
            }
            let loaded = try ScenarioLoader.load(yaml: yaml, file: "rcpsp.yaml")
            let plan = try CompiledPlan(scenario: loaded.valid, plan: "latest_finish")
            var project = try #require(ProjectSchedule(plan: plan))
            #expect(project.durations == instance.durations)
            // Calendar hours back to working hours, the instance's time.
            func working(_ hours: [Double]) -> [Int] { hours.map { Int(plan.baseCalendar.workHours(before: $0)) } }
            let list = NotBeforeTests.randomList(instance, walk: index)
            // Without improvement the decoding is the serial scheme, start for start.
            let serial = SerialSGS.schedule(instance, list: list)
            #expect(working(project.decode(list, improvementPasses: 0).startHours) == serial, "instance \(index)")
            let decoded = project.decode(list)
            let starts = working(decoded.startHours)
            #expect(instance.isFeasible(starts: starts), "instance \(index)")
            let plain = ParallelSGS.makespan(instance, starts: serial)
            let improved = ParallelSGS.makespan(instance, starts: starts)
            #expect(improved <= plain, "instance \(index)")
            if improved < plain { shortened += 1 }
            // The schedule as not_before: renosim's dispatch runs exactly it (a job given
            // its crews at a closed hour starts at the next working instant).
            var scenario = loaded.scenario
            let space = PlanSpace(plan: plan, spec: scenario.plans[0])
            var candidate = space.start
            (candidate.typeOrder, candidate.notBefore) = decoded
            scenario.plans[0] = space.apply(candidate, to: scenario.plans[0])
            let compiled = try CompiledPlan(scenario: try ScenarioValidator.validated(scenario), plan: "latest_finish")
            let simulated = try ParallelSGSReferenceTests.renosimStarts(compiled)
            #expect(simulated == decoded.startHours.map { Int(plan.baseCalendar.nextWorkingTime(from: $0) ?? -1) },
                    "instance \(index)")
            #expect(working(simulated.map(Double.init)) == starts, "instance \(index)")
        }
        // Proof the improvement does something.
        #expect(shortened > 5, "improved on \(shortened) of 30")
    }

    @Test("project mode is off for a scenario that is not one deterministic project")
    func projectModeOnlyForProjects() throws {
        let instance = InstanceGenerator(jobs: 5, resources: 2).instance(seed: 31, index: 0)
        let yaml = InstanceScenario.yaml(instance, rules: [.latestFinish])
        for (from, to) in [("hours: \(instance.durations[0]), per: fixed", "hours: {type: uniform, min: 1, max: 9}, per: fixed"),
                           ("name: rcpsp", "name: rcpsp\nsupervisors: {count: 1}"),
                           ("hours: \(instance.durations[0]), per: fixed", "hours: 0, per: fixed"),
                           ("hours: \(instance.durations[0]), per: fixed", "hours: 2.5, per: fixed"),
                           ("dispatch: latest_finish,", "dispatch: latest_finish, not_before: {j1: 1},"),
                           ("buildings: [{units: 1, floors: 1}]", "buildings: [{units: 1, floors: 1}, {units: 1, floors: 1}]")] {
            let changed = yaml.replacingOccurrences(of: from, with: to)
            #expect(changed != yaml)
            let plan = try CompiledPlan(scenario: try ScenarioLoader.load(yaml: changed, file: "p.yaml").valid, plan: "latest_finish")
            #expect(ProjectSchedule(plan: plan) == nil, "\(to)")
        }
        let plan = try CompiledPlan(scenario: try ScenarioLoader.load(yaml: yaml, file: "p.yaml").valid, plan: "latest_finish")
        #expect(ProjectSchedule(plan: plan) != nil)
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
