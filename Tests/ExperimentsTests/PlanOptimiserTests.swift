import Experiments
import Foundation
import Stochastic
import Testing
@testable import Renovation

@Suite("Plan optimiser")
struct PlanOptimiserTests {
    /// Two crews of roofers, 80 ± 20 hours a roof. All 22 roofs take about
    /// 110 working days from January; the plan releases the 20-building
    /// community in October, when its 100 working days run into 2025. The
    /// deadline is met only with `big` moved to the first release date.
    static let yaml = """
    name: phasing
    start: 2024-01-01
    deadline: 2024-12-31
    calendar: {workdays: [monday, tuesday, wednesday, thursday, friday], shift_start: 8, hours_per_day: 8}
    trades:
      roofers: {crews: 2}
    communities:
      - {name: small, building_count: 2, building: {units: 12, floors: 4}}
      - {name: big, building_count: 20, building: {units: 12, floors: 4}}
    work:
      building:
        - {name: roof, trades: {roofers: 1}, hours: {type: triangular, min: 60, mode: 80, max: 100}}
    plans:
      - name: late-big
        release:
          type: phases
          phases:
            - {start: 2024-01-01, communities: [small]}
            - {start: 2024-10-01, communities: [big]}
        dispatch: community
    """

    @Test("finds the phasing that meets the deadline, confirms it on fresh replications, within the budget")
    func findsPhasing() throws {
        let loaded = try ScenarioLoader.load(yaml: Self.yaml, file: "phasing.yaml")
        var optimiser = PlanOptimiser(objective: .deadline, budget: 300, replications: 5, confirmReplications: 40)
        optimiser.population = 6
        let result = try optimiser.run(scenario: loaded.valid, plan: "late-big", seed: 1, runner: ReplicationRunner(threads: 2))
        #expect(result.best.phase == [0, 0])
        #expect(result.start.phase == [0, 1])
        let best = try #require(result.bestConfirmed), start = try #require(result.startConfirmed)
        #expect(best.deadlineMet.trials == 40 && start.deadlineMet.trials == 40)
        #expect(best.deadlineMet.estimate == 1)
        #expect(start.deadlineMet.estimate == 0)
        #expect((result.deadlineMetGain?.lower ?? 0) > 0.9)
        #expect(result.simulations <= 300)
        #expect(result.startSearchValue > result.bestSearchValue)
        // Two communities with random durations: not a single deterministic project.
        #expect(result.schedulePasses == nil)
    }

    @Test("the starting plan rewritten as a candidate is the same plan, replication for replication",
          arguments: [("scenarios/yonghong-2022.yaml", "three-year"), ("Tests/Fixtures/minimal.yaml", "staged"),
                      ("Tests/Fixtures/every-key.yaml", "two-years")])
    func startIsThePlan(_ file: String, _ plan: String) throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let loaded = try ScenarioLoader.load(yaml: try String(contentsOf: root.appendingPathComponent(file), encoding: .utf8), file: file)
        let original = try CompiledPlan(scenario: loaded.valid, plan: plan)
        var scenario = loaded.scenario
        let index = try #require(scenario.plans.firstIndex { $0.name == plan })
        let space = PlanSpace(plan: original, spec: scenario.plans[index])
        scenario.plans[index] = space.apply(space.start, to: scenario.plans[index])
        let rewritten = try CompiledPlan(scenario: try ScenarioValidator.validated(scenario), plan: plan)
        #expect(rewritten.releaseOrder == original.releaseOrder)
        #expect(rewritten.releaseTime == original.releaseTime)
        #expect(rewritten.priority == original.priority)
        for r in 0..<2 {
            // Described, not compared with ==: unfinished orders' finish days are NaN, which equals nothing.
            let a = Replication.run(plan: rewritten, seed: 9, replication: r), b = Replication.run(plan: original, seed: 9, replication: r)
            #expect(String(describing: a) == String(describing: b))
        }
    }

    /// Tests/Fixtures/crews.yaml: constant durations, so one replication decides.
    static func crewScenario() throws -> LoadedScenario {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let file = "Tests/Fixtures/crews.yaml"
        return try ScenarioLoader.load(yaml: try String(contentsOf: root.appendingPathComponent(file), encoding: .utf8), file: file)
    }

    func crewOptimiser() -> PlanOptimiser {
        var optimiser = PlanOptimiser(objective: .cost, budget: 400, replications: 1, confirmReplications: 2)
        optimiser.population = 8
        optimiser.searchRules = false
        optimiser.target = 0.9
        return optimiser
    }

    @Test("cost: finds the cheapest crew mix that meets the deadline over every phasing, order and list (brute force)")
    func cheapestCrews() throws {
        let loaded = try Self.crewScenario()
        let runner = ReplicationRunner(threads: 2)
        let result = try crewOptimiser().run(scenario: loaded.valid, plan: "held-back", seed: 5, runner: runner)

        // Every candidate the search may make: phases × community order ×
        // work order × crews up to the search's ceiling (11 each).
        let base = try CompiledPlan(scenario: loaded.valid, plan: "held-back")
        let spec = loaded.scenario.plans[0]
        let space = PlanSpace(plan: base, spec: spec, crews: true)
        var candidates: [PlanCandidate] = []
        for phase in [[0, 0], [0, 1], [1, 0], [1, 1]] {
            for order in [[0, 1], [1, 0]] {
                for types in [[0, 1], [1, 0]] {
                    for prep in 1...11 {
                        for main in 1...11 {
                            candidates.append(PlanCandidate(dispatch: .community, typeOrder: types, phase: phase,
                                                            communityOrder: order, crews: [prep, main]))
                        }
                    }
                }
            }
        }
        let (scenario, all) = (loaded.scenario, candidates)
        let met = runner.run(count: all.count) { i in
            var s = scenario
            s.plans[0] = space.apply(all[i], to: spec)
            guard let valid = try? ScenarioValidator.validated(s), let plan = try? CompiledPlan(scenario: valid, plan: "held-back")
            else { return false }
            return Replication.run(plan: plan, seed: 5, replication: 0).deadlineMet
        }
        let cost = { (c: PlanCandidate) in 100 * Double(c.crews[0]) + 50 * Double(c.crews[1]) }
        let cheapest = try #require(zip(candidates, met).filter(\.1).map { cost($0.0) }.min())
        // Neither the cheapest mix nor the plan's crews: the answer is in between.
        #expect(cheapest > 150 && cheapest < 450)
        // The plan as written misses.
        #expect(!met[candidates.firstIndex(of: PlanCandidate(dispatch: .community, typeOrder: [0, 1], phase: [0, 1],
                                                             communityOrder: [0, 1], crews: [3, 3]))!])
        #expect(result.start.crews == [3, 3] && result.startCrewCost == 450)
        #expect(result.bestCrewCost == cheapest, "brute force \(cheapest), found \(result.best)")
        #expect(cost(result.best) == cheapest)
        #expect(result.bestConfirmed?.deadlineMet.estimate == 1)
        #expect(result.simulations <= 400)
        // The plan block carries the crews.
        let plan = space.apply(result.best, to: spec, name: "cheapest")
        #expect(plan.crews.entries.map(\.value) == result.best.crews)
    }

    @Test("cost: the same result for a seed on one thread and on three")
    func crewSearchDeterministic() throws {
        let loaded = try Self.crewScenario()
        var optimiser = crewOptimiser()
        optimiser.replications = 3
        optimiser.budget = 300
        let one = try optimiser.run(scenario: loaded.valid, plan: "held-back", seed: 8, runner: ReplicationRunner(threads: 1))
        let three = try optimiser.run(scenario: loaded.valid, plan: "held-back", seed: 8, runner: ReplicationRunner(threads: 3))
        #expect(String(describing: one) == String(describing: three))
        #expect(one.best.crews.count == 2)
    }

    /// The phasing scenario with roofers costed and a deadline one roofer
    /// crew meets in 73 of 100 replications (`renosim run`, seed 3): seed 1's
    /// three search replications all meet it, so the search takes one crew,
    /// which fresh replications show short.
    static let edgeYAML = yaml
        .replacingOccurrences(of: "deadline: 2024-12-31", with: "deadline: 2024-11-06")
        .replacingOccurrences(of: "roofers: {crews: 2}", with: "roofers: {crews: 2, cost_per_hour: 40}")

    @Test("cost: a winner short of the target on fresh replications is grown and confirmed on a further fresh set")
    func winnerGrownOnFreshReplications() throws {
        let loaded = try ScenarioLoader.load(yaml: Self.edgeYAML, file: "edge.yaml")
        var optimiser = PlanOptimiser(objective: .cost, budget: 300, replications: 3, confirmReplications: 60)
        optimiser.population = 6
        // No selection rounds: the search's winner goes straight to the fresh replications.
        optimiser.finalists = 1
        optimiser.target = 0.9
        let result = try optimiser.run(scenario: loaded.valid, plan: "late-big", seed: 1, runner: ReplicationRunner(threads: 2))
        // The search's winner was short on the first fresh set (else nothing was grown)…
        let selected = try #require(result.selectedCrews, "the winner met the target on its first fresh set: no growth tested")
        #expect(selected == [1] && result.best.phase == [0, 0])
        #expect(result.best.crews.indices.allSatisfy { result.best.crews[$0] >= selected[$0] } && result.best.crews != selected)
        // … and the printed mix meets the target on fresh replications it was not grown on.
        let confirmed = try #require(result.bestConfirmed)
        #expect(confirmed.deadlineMet.estimate >= 0.9, "grown to \(result.best.crews), \(confirmed.deadlineMet)")
        #expect(result.confirmRounds >= 2)
        #expect(result.growthSimulations > 0 && result.simulations <= 300 + result.growthSimulations)
    }

    @Test("a budget that cannot pay for the confirmation is refused with what it needs")
    func budgetTooSmall() throws {
        let loaded = try ScenarioLoader.load(yaml: Self.yaml, file: "phasing.yaml")
        let optimiser = PlanOptimiser(objective: .deadline, budget: 50, replications: 5, confirmReplications: 40)
        #expect(throws: PlanOptimiser.OptimiseError.self) {
            try optimiser.run(scenario: loaded.valid, plan: "late-big", seed: 1, runner: ReplicationRunner(threads: 1))
        }
    }
}
