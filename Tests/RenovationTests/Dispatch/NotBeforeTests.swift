import SchedulingReference
import Testing
@testable import Renovation

/// A plan's `not_before` holds a work type's orders until that many days
/// after their community's release (docs/scenario-reference.md, "Not before").
@Suite("Not before")
struct NotBeforeTests {
    /// `instance` with one plan under `rule` whose `not_before` is `days` per job.
    static func plan(_ instance: SchedulingInstance, rule: PriorityRule = .community, days: [Double]) throws -> CompiledPlan {
        var yaml = InstanceScenario.yaml(instance, rules: [rule])
        let entries = days.enumerated().map { "j\($0.offset + 1): \($0.element)" }.joined(separator: ", ")
        yaml = yaml.replacingOccurrences(of: "dispatch: \(rule.rawValue),", with: "dispatch: \(rule.rawValue), not_before: {\(entries)},")
        return try CompiledPlan(scenario: try ScenarioLoader.load(yaml: yaml, file: "p.yaml").valid, plan: rule.rawValue)
    }

    /// A precedence-feasible job list drawn by a fixed pseudo-random walk.
    static func randomList(_ instance: SchedulingInstance, walk: Int) -> [Int] {
        var list: [Int] = []
        var placed = Set<Int>()
        var step = walk
        while list.count < instance.jobCount {
            let eligible = (0..<instance.jobCount).filter { j in
                !placed.contains(j) && instance.predecessors[j].allSatisfy(placed.contains)
            }
            step = (step &* 1_103_515_245 &+ 12_345) & 0x7fff_ffff
            let j = eligible[step % eligible.count]
            list.append(j)
            placed.insert(j)
        }
        return list
    }

    @Test("an order ready before its type's time waits for it; fractional days are hours")
    func holdsUntilOffset() throws {
        // Two crews, three independent 3-hour jobs of one crew each.
        let instance = SchedulingInstance(durations: [3, 3, 3], predecessors: [[], [], []], demands: [[1], [1], [1]],
                                          capacities: [2])
        #expect(try ParallelSGSReferenceTests.renosimStarts(try Self.plan(instance, days: [0, 0, 0])) == [0, 0, 3])
        // j1 held to 02:00 of day 0 (1/12 day), j3 to day 1 at 06:00: j2 and j1 run first.
        #expect(try ParallelSGSReferenceTests.renosimStarts(try Self.plan(instance, days: [1.0 / 12, 0, 1.25])) == [2, 0, 30])
    }

    @Test("the time counts from the community's release, and a successor's predecessor wait is unchanged")
    func countsFromRelease() throws {
        let yaml = """
            name: two
            start: 2025-01-06
            deadline: 2025-12-31
            calendar: {workdays: [monday, tuesday, wednesday, thursday, friday, saturday, sunday], shift_start: 0, hours_per_day: 24}
            trades: {r: {crews: 5}}
            communities:
              - {name: east, buildings: [{units: 1, floors: 1}]}
              - {name: west, buildings: [{units: 1, floors: 1}]}
            work:
              building:
                - {name: a, trades: {r: 1}, hours: 5, per: fixed}
                - {name: b, trades: {r: 1}, hours: 5, per: fixed, after: [a]}
            plans:
              - name: p
                dispatch: community
                not_before: {b: 2}
                release:
                  type: phases
                  phases:
                    - {start: 2025-01-06, communities: [east]}
                    - {start: 2025-01-16, communities: [west]}
            """
        let plan = try CompiledPlan(scenario: try ScenarioLoader.load(yaml: yaml, file: "p.yaml").valid, plan: "p")
        let starts = try ParallelSGSReferenceTests.renosimStarts(plan)
        // Orders: east a, east b, west a, west b. West is released on day 10 (240 h).
        #expect(starts == [0, 48, 240, 240 + 48])
        let result = Replication.run(plan: plan, seed: 1, replication: 0)
        #expect(result.finished)
    }

    @Test("not_before set to any serial-scheme schedule's starts makes the dispatch reproduce it, under every rule")
    func reproducesSerialSchedules() throws {
        // Serial-scheme schedules are active but not always non-delay, so the
        // dispatch alone (a parallel scheme) cannot give most of them.
        let generator = InstanceGenerator(jobs: 30, resources: 4)
        var differentWithout = 0
        for index in 0..<40 {
            let instance = generator.instance(seed: 77, index: index)
            let serial = SerialSGS.schedule(instance, list: Self.randomList(instance, walk: index))
            #expect(instance.isFeasible(starts: serial))
            for rule in PriorityRule.allCases {
                let plan = try Self.plan(instance, rule: rule, days: serial.map { Double($0) / 24 })
                #expect(try ParallelSGSReferenceTests.renosimStarts(plan) == serial, "instance \(index), \(rule)")
            }
            if ParallelSGS.schedule(instance, rule: .latestFinish) != serial { differentWithout += 1 }
        }
        // Proof the test can fail: without the offsets the dispatch gives other schedules.
        #expect(differentWithout > 20)
    }

    @Test("an order whose time is past the horizon is reported as not fitting before it, and its successor as waiting")
    func heldAtHorizon() throws {
        let instance = SchedulingInstance(durations: [3, 3], predecessors: [[], [0]], demands: [[1], [1]], capacities: [1])
        // 36,000 days: past the horizon of a 2025 deadline.
        let plan = try Self.plan(instance, days: [36_000, 0])
        let result = Replication.run(plan: plan, seed: 1, replication: 0)
        #expect(!result.finished)
        let stall = try #require(result.stall)
        #expect(stall.contains("1 × j1: does not fit in the calendar before the horizon"), "\(stall)")
        #expect(stall.contains("1 × j2: waiting for predecessors that never finish"), "\(stall)")
    }

    @Test("bad entries are refused where they are")
    func validation() throws {
        let instance = SchedulingInstance(durations: [3], predecessors: [[]], demands: [[1]], capacities: [1])
        let base = InstanceScenario.yaml(instance, rules: [.community])
        for (entry, message) in [("j9: 1", "j9"), ("j1: -1", "not_before"), ("j1: 40000", "not_before"), ("j1: .nan", "not_before")] {
            let yaml = base.replacingOccurrences(of: "dispatch: community,", with: "dispatch: community, not_before: {\(entry)},")
            #expect(throws: ScenarioError.self, "\(entry)") {
                _ = try ScenarioLoader.load(yaml: yaml, file: "p.yaml")
            }
            do {
                _ = try ScenarioLoader.load(yaml: yaml, file: "p.yaml")
            } catch {
                #expect(error.description.contains(message), "\(entry): \(error.description)")
            }
        }
    }
}
