@testable import Experiments
import Stochastic
import Testing
@testable import Renovation

@Suite("Crew sizing")
struct SizingTests {
    /// 20 roofs of 5 working days and 20 door jobs of 1 day, independent,
    /// Monday–Friday from Monday 2024-01-01, deadline Friday 2024-01-26
    /// (20 working days). k roofers finish in ⌈20/k⌉·5 days: at least 5
    /// roofers are needed; one carpenter does 20 doors in 20 days. Roofers
    /// cost more, so the cheapest mix is exactly 5 roofers and 1 carpenter.
    static let yaml = """
    name: sizing
    start: 2024-01-01
    deadline: 2024-01-26
    calendar: {workdays: [monday, tuesday, wednesday, thursday, friday], shift_start: 8, hours_per_day: 8}
    trades:
      roofers: {crews: 2, cost_per_hour: 120}
      carpenters: {crews: 3, cost_per_hour: 80}
    communities:
      - name: estate
        building_count: 20
        building: {units: 12, floors: 4}
    work:
      building:
        - {name: roof, trades: {roofers: 1}, hours: 40}
        - {name: doors, trades: {carpenters: 1}, hours: 8}
    plans:
      - name: p
    """

    @Test("finds the mix known by construction and confirms it")
    func knownAnswer() throws {
        let scenario = try ScenarioLoader.load(yaml: Self.yaml, file: "s.yaml").valid
        let sizing = CrewSizing(target: 0.9, searchReplications: 4, confirmReplications: 4)
        let result = try sizing.run(scenario: scenario, plan: "p", seed: 1, runner: ReplicationRunner(threads: 2))
        #expect(result.trades == ["roofers", "carpenters"])
        #expect(result.startingCrews == [2, 3])
        #expect(result.crews == [5, 1])
        #expect(result.meetsTarget)
        #expect(result.confirmed.estimate == 1)
        #expect(result.simulations == result.evaluations * 4 + 4)
        // One roofer fewer misses the deadline in every replication.
        let fewer = result.path.first { $0.crews == [4, 1] }
        #expect(fewer.map { $0.deadlineMet.estimate == 0 } ?? true)
    }

    @Test("an unreachable target is reported, not looped on")
    func unreachable() throws {
        // A single 400-hour job cannot finish in 20 working days whatever the crews.
        let yaml = Self.yaml.replacingOccurrences(of: "hours: 40}", with: "hours: 400}")
        let scenario = try ScenarioLoader.load(yaml: yaml, file: "s.yaml").valid
        let sizing = CrewSizing(target: 0.9, searchReplications: 2, confirmReplications: 2)
        #expect(throws: CrewSizing.SizingError.self) {
            try sizing.run(scenario: scenario, plan: "p", seed: 1, runner: ReplicationRunner(threads: 1))
        }
    }

    @Test("a crew mix past the validator's limit is refused with the validator's issue, led by the mix")
    func invalidMix() throws {
        // Unreachable whatever the crews, from the validator's ceiling of 100,000 roofers: growing breaks it.
        let yaml = Self.yaml.replacingOccurrences(of: "hours: 40}", with: "hours: 400}")
            .replacingOccurrences(of: "roofers: {crews: 2,", with: "roofers: {crews: 100000,")
        let loaded = try ScenarioLoader.load(yaml: yaml, file: "s.yaml")
        let sizing = CrewSizing(target: 0.9, searchReplications: 1, confirmReplications: 1)
        let error = #expect(throws: CrewSizing.SizingError.self) {
            try sizing.run(scenario: loaded.valid, plan: "p", seed: 1, runner: ReplicationRunner(threads: 1))
        }
        guard case .scenario(let refused)? = error else {
            Issue.record("expected the validator's refusal, got \(String(describing: error))")
            return
        }
        let issue = try #require(refused.issues.first)
        #expect(issue.keyPath == "plans[0].crews.roofers")
        #expect(issue.message == "crew sizing: the mix roofers 110000, carpenters 3: 110000 is above 100000", "\(issue)")
        #expect(issue.expected == "a whole number of crews ≤ 100000")
    }
}

@Suite("Sequential precision and interval coverage")
struct PrecisionTests {
    @Test("adds replications until the half-width is reached, and not beyond")
    func stopsWhereItShould() throws {
        let model = try CompiledPlan(scenario: shipped("yonghong-2022.yaml").valid, plan: "three-year")
        let runner = SequentialRunner(runner: ReplicationRunner(threads: 2))
        let outcome = runner.run(model: model, seed: 3, initial: 10, halfWidthDays: 12, maxReplications: 200)
        #expect(outcome.reached)
        let last = try #require(outcome.steps.last)
        #expect(last.halfWidthDays <= 12)
        #expect(last.replications == outcome.results.count)
        // Every earlier batch was still too wide: it stopped at the first batch that was narrow enough.
        #expect(outcome.steps.dropLast().allSatisfy { $0.halfWidthDays > 12 })
        #expect(outcome.steps.count >= 2)
        // The result is the plain run with that many replications.
        let plain = ReplicationRunner(threads: 1).run(model: model, seed: 3, replications: 0..<outcome.results.count)
        let same = "\(plain)" == "\(outcome.results)"   // as text: NaN finishes of work never asked for
        #expect(same)
    }

    @Test("stops at the replication limit when the target is out of reach")
    func limit() throws {
        let model = try CompiledPlan(scenario: shipped("yonghong-2022.yaml").valid, plan: "three-year")
        let outcome = SequentialRunner(runner: ReplicationRunner(threads: 2))
            .run(model: model, seed: 3, initial: 10, halfWidthDays: 0.001, maxReplications: 40)
        #expect(!outcome.reached)
        #expect(outcome.results.count == 40)
    }

    @Test("batch sizes follow n·(h/d)² − n, at least 10, at most doubling")
    func batches() {
        #expect(SequentialRunner.batchSize(count: 100, halfWidth: 2, target: 1) == 100)   // would be 300
        #expect(SequentialRunner.batchSize(count: 100, halfWidth: 1.1, target: 1) == 30)  // 21 → 30
        #expect(SequentialRunner.batchSize(count: 100, halfWidth: 1.01, target: 1) == 10)
    }

    @Test("the summaries' 95 % interval covers a known mean about 95 % of the time")
    func coverage() throws {
        // 2,000 experiments of 20 normal draws (mean 10, sd 3) through MetricSummary.
        let stream = Stochastic.RandomStream(key: .init(seed: 77))
        let normal = Stochastic.Distribution.normal(mean: 10, sd: 3)   // truncation at 0 is 3.3σ away
        var covered = 0
        for _ in 0..<2_000 {
            let summary = MetricSummary((0..<20).map { _ in normal.sample(stream) })
            if summary.ciLower <= 10 && 10 <= summary.ciUpper { covered += 1 }
        }
        let interval = try Stochastic.Statistics.wilsonInterval(successes: covered, trials: 2_000, level: 0.99)
        #expect(interval.contains(0.95), "\(covered) of 2000 covered")
    }
}
