import Testing
import DiscreteEvent
import Stochastic
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
        #expect(sim.model.dispatcher.free[0] == 1)
    }
}

/// Issue 14's stalls and disruption: what is stuck is named for what it is,
/// and disruption counts until acceptance, accepted or not.
@Suite("Stall reasons and disruption at the horizon")
struct HorizonStallTests {
    static func run(_ yaml: String) throws -> ReplicationResult {
        let plan = try CompiledPlan(scenario: ScenarioLoader.load(yaml: yaml, file: "h.yaml").valid)
        return Replication.run(plan: plan, seed: 3, replication: 0)
    }

    @Test("a community released after the horizon is reported as never released, not as work that does not fit")
    func releasedAfterHorizon() throws {
        let result = try Self.run("""
        name: late
        start: 2024-01-01
        deadline: 2024-12-31
        horizon_years: 2
        trades: {builders: {crews: 1}}
        communities:
          - {name: early, buildings: [{units: 4, floors: 2}]}
          - {name: late, buildings: [{units: 4, floors: 2}]}
        work: {building: [{name: roof, trades: {builders: 1}, hours: 10}]}
        plans:
          - name: p
            release:
              type: phases
              phases:
                - {start: 2024-01-01, communities: [early]}
                - {start: 2030-01-01, communities: [late]}
        """)
        let stall = try #require(result.stall)
        #expect(stall.contains("roof: community never released within the horizon"))
        #expect(!stall.contains("does not fit"))
    }

    @Test("rework that keeps failing is reported as such, and its building stays disrupted until the horizon")
    func endlessRework() throws {
        let result = try Self.run("""
        name: endless
        start: 2024-01-01
        deadline: 2024-12-31
        horizon_years: 11
        calendar: {workdays: [monday, tuesday, wednesday, thursday, friday, saturday, sunday], shift_start: 0, hours_per_day: 24}
        trades: {builders: {crews: 1}}
        supervisors: {count: 1, inspection_hours: 1, failure_probability: {default: 1}, rework_share: 1}
        communities: [{name: estate, buildings: [{units: 10, households: 10, floors: 2}]}]
        work: {building: [{name: facade, trades: {builders: 1}, hours: 1000, per: fixed}]}
        plans: [{name: p}]
        """)
        #expect(!result.finished)
        let stall = try #require(result.stall)
        #expect(stall.contains("facade: rework still failing inspection at the horizon"))
        // Disrupted from the start (hour 0) to the horizon: 10 households × every day of 11 years.
        let horizonDays = result.finishDays
        #expect(horizonDays > 11 * 365)
        #expect(abs(result.householdDaysDisrupted - 10 * horizonDays) < 1e-6)
    }

    @Test("disruption counts from the first disruptive start to the last acceptance, gaps excluded")
    func disruptionIntervals() throws {
        // 24-hour days. On one building: a 48 h disruptive job, then a 24 h quiet job, then a
        // 24 h disruptive job. 5 households × (2 days + 1 day) = 15 household-days.
        let result = try Self.run("""
        name: gaps
        start: 2024-01-01
        deadline: 2024-12-31
        calendar: {workdays: [monday, tuesday, wednesday, thursday, friday, saturday, sunday], shift_start: 0, hours_per_day: 24}
        trades: {builders: {crews: 1}}
        communities: [{name: estate, buildings: [{units: 5, households: 5, floors: 2}]}]
        work:
          building:
            - {name: a, trades: {builders: 1}, hours: 48, per: fixed}
            - {name: quiet, trades: {builders: 1}, hours: 24, per: fixed, after: [a], disruptive: false}
            - {name: b, trades: {builders: 1}, hours: 24, per: fixed, after: [quiet]}
        plans: [{name: p}]
        """)
        #expect(result.finished)
        #expect(result.finishDays == 4)
        #expect(result.householdDaysDisrupted == 15)
    }
}

@Suite("Defect desk")
struct DefectDeskTests {
    @Test("reports beyond the in-flight limit are counted as unanswered, not stored")
    func overloadIsBounded() throws {
        let spec = try ScenarioLoader.load(yaml: """
        name: d
        start: 2024-01-01
        deadline: 2024-12-31
        trades: {builders: {crews: 1}}
        defects: {during_works_rate: 365, team: 1, small_fix_hours: 100, complex_share: 0}
        communities: [{name: e, buildings: [{units: 200, floors: 2}]}]
        work: {building: [{name: roof, trades: {builders: 1}, hours: 10}]}
        plans: [{name: p}]
        """, file: "d.yaml").scenario.defects
        let model = try #require(DefectModel(spec, team: 1))
        var desk = DefectDesk(model: model, horizon: 10_000, key: StreamKey(seed: 1, replication: 0), inFlightLimit: 50)
        var calendar = EventCalendar<Replication.Event>()
        desk.worksBegan(households: 200, 0, &calendar)
        while let (_, event) = calendar.pop(), calendar.now < 2_000 {
            switch event {
            case .defectArrival: desk.arrival(calendar.now, &calendar)
            case .defectRegistered(let d): desk.registered(Int(d), calendar.now, &calendar)
            case .defectOnSite(let d): desk.onSite(Int(d), calendar.now, &calendar)
            case .defectFixed(let d): desk.fixed(Int(d), calendar.now, &calendar)
            default: break
            }
        }
        // 200 households × 365 a year ≈ 8 reports an hour, one fix per 100 h: almost all overflow.
        #expect(desk.counts.reported > 10_000)
        #expect(desk.slots.count <= 50)
        #expect(desk.counts.unanswered > desk.counts.reported - 100)
        #expect(desk.counts.met[ServiceLevel.followUp.rawValue] <= desk.counts.reported - desk.counts.unanswered)
    }
}
