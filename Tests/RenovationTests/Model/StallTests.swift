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
        let model = try Model(scenario: ScenarioLoader.load(yaml: yaml, file: "b.yaml").scenario)
        let result = Programme.run(model: model, seed: 1, replication: 0)
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
}
