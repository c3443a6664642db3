import Testing
@testable import Renovation

@Suite("Stalls are detected and explained")
struct StallTests {
    @Test("work that no year's budget can pay for stops the run and is reported")
    func budgetStall() throws {
        let yaml = """
        name: broke
        start: 2024-01-01
        deadline: 2024-12-31
        horizon_years: 3
        trades:
          builders: {crews: 2, cost_per_hour: 100}
        budget:
          per_year: {2024: 100000}
          other_years: 1000
        communities:
          - name: estate
            building_count: 3
            building: {units: 20, floors: 6}
        work:
          building:
            - {name: roof, trades: {builders: 1}, hours: 400}
        plans:
          - name: p
        """
        let model = try CompiledPlan(scenario: ScenarioLoader.load(yaml: yaml, file: "b.yaml").valid)
        let result = Replication.run(plan: model, seed: 1, replication: 0)
        // 400 h × 100 = 40,000 per roof: two fit in 2024's 100,000, the third never does.
        #expect(!result.finished)
        #expect(!result.deadlineMet)
        #expect(result.unfinishedOrders == 1)
        #expect(result.costPerYear[0] == 80_000)
        let stall = try #require(result.stall)
        #expect(stall.contains("1 of 3 work orders unfinished"))
        #expect(stall.contains("roof: no budget left in any remaining year"))
        // It waited for budget from 2024 until the horizon's last new year.
        #expect(result.waits.budget > 365)
    }

    @Test("a building stuck under works reports defects only until the horizon, so the run ends")
    func stuckWithDefects() throws {
        // Regression (found by HostileScenarioTests with cost_per_hour: 1e308): the pipes are
        // done, the roof can never be paid for, and the building's residents kept reporting
        // defects after the horizon for ever.
        let yaml = """
        name: stuck
        start: 2024-01-01
        deadline: 2024-12-31
        horizon_years: 2
        trades:
          plumbers: {crews: 1, cost_per_hour: 10}
          roofers: {crews: 1, cost_per_hour: 1e308}
        defects: {during_works_rate: 5, after_works_rate: 1, after_works_days: 60, team: 1}
        budget: {other_years: 1000000}
        communities: [{name: estate, buildings: [{units: 20, floors: 6}]}]
        work:
          building:
            - {name: pipes, trades: {plumbers: 1}, hours: 10}
            - {name: roof, trades: {roofers: 1}, hours: 10, after: [pipes]}
        plans: [{name: p}]
        """
        let model = try CompiledPlan(scenario: ScenarioLoader.load(yaml: yaml, file: "s.yaml").valid)
        var sim = Replication.simulation(plan: model, seed: 1, replication: 0)
        #expect(sim.run(maxEvents: 1_000_000) == .exhausted)
        #expect(sim.now <= model.baseCalendar.horizon)
        let result = sim.model.result(events: sim.eventsHandled)
        #expect(!result.finished)
        #expect(result.defects.reported > 0)
        #expect(result.stall?.contains("roof: no budget left in any remaining year") == true)
    }
}

@Suite("Hold cascades")
struct HoldCascadeTests {
    @Test("thousands of queued jobs held for a shutdown at one instant do not exhaust the stack")
    func cascade() throws {
        // One crew. A small job (1 unit × 8 h) runs on 1 January; 4,000 roofs of 10 units × 10 h
        // queue behind it. When the crew frees, each roof it is granted would run into the
        // shutdown from 10 January, so it is held and gives the crew straight back, which grants
        // the next: 4,000 grants and holds at one instant.
        let yaml = """
        name: cascade
        start: 2024-01-01
        deadline: 2027-12-31
        calendar:
          workdays: [monday, tuesday, wednesday, thursday, friday]
          shutdowns:
            - {name: frost, from: "01-10", to: "02-20"}
        trades:
          builders: {crews: 1}
        communities:
          - name: first
            buildings: [{units: 1, floors: 1}]
          - name: rest
            building_count: 4000
            building: {units: 10, floors: 5}
        work:
          building:
            - {name: roof, trades: {builders: 1}, hours: 10, per: unit}
        plans:
          - name: p
        """
        let model = try CompiledPlan(scenario: ScenarioLoader.load(yaml: yaml, file: "c.yaml").valid)
        var sim = Replication.simulation(plan: model, seed: 1, replication: 0, trace: true)
        sim.run(until: 24 * 2)
        let held = (sim.model.trace ?? []).filter { $0.kind == .held }.count
        #expect(held == 4000)
        #expect(sim.model.crews[0].inUse == 0)
    }
}
