import Experiments
import Foundation
import Renovation
import Testing

@Suite("Risks ranked by their shift of the finish, on common random numbers")
struct RiskRankingTests {
    /// `minimal.yaml` with a register: a sure, long stop; a rare nuisance; a risk that never occurs.
    static func model() throws -> CompiledPlan {
        let text = try String(contentsOf: repositoryRoot.appendingPathComponent("Tests/Fixtures/minimal.yaml"), encoding: .utf8)
        let yaml = text.replacingOccurrences(of: "plans:\n", with: """
            risks:
              - {name: never, probability: 0, per: building, impact: {start_delay_days: 30}}
              - {name: nuisance, probability: 0.2, per: order, work_types: [paint], impact: {extra_hours: 4}}
              - {name: long-stop, probability: 1, when: 2024-03-01..2024-03-10, impact: {stop_days: 60}}
            plans:

            """)
        return try CompiledPlan(scenario: ScenarioLoader.load(yaml: yaml, file: "r.yaml").valid, plan: "all-at-once")
    }

    @Test("the sure stop ranks first; a risk that never occurs shifts nothing, exactly")
    func ranking() throws {
        let model = try Self.model()
        let ranking = RiskRanking.run(model: model, seed: 4, replications: 30, threads: 2)
        #expect(ranking.risks.map(\.name) == ["long-stop", "nuisance", "never"])
        let stop = ranking.risks[0]
        // Sixty closed days delay the end by about 60 days: a little less when the stop falls in a holiday or night.
        #expect(stop.p80Shift.estimate > 45 && stop.p80Shift.estimate <= 65, "\(stop.p80Shift)")
        #expect(stop.p80Shift.lower <= stop.p80Shift.estimate && stop.p80Shift.estimate <= stop.p80Shift.upper)
        #expect(stop.observedProbability == 1 && stop.meanDaysLost == 60)
        let never = ranking.risks[2]
        #expect(never.p50Shift.estimate == 0 && never.p50Shift.lower == 0 && never.p50Shift.upper == 0)
        #expect(never.deadlineShift.estimate == 0 && never.observedProbability == 0)
        let nuisance = ranking.risks[1]
        #expect(nuisance.units == 4)
        #expect(nuisance.meanOccurrences > 0)
    }

    @Test("the ranking is the same for any thread count")
    func deterministic() throws {
        let model = try Self.model()
        let one = RiskRanking.run(model: model, seed: 4, replications: 8, threads: 1)
        let two = RiskRanking.run(model: model, seed: 4, replications: 8, threads: 2)
        #expect(one == two)
    }
}
