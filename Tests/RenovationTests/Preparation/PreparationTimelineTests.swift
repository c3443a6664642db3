import Testing
@testable import Renovation

/// Preparation worked out by hand to the hour, on `HandComputedTests`'
/// programme: 2024-01-01 is a Monday, shifts 08:00–16:00 Monday to
/// Friday; community A has two buildings of 10 households; roof (16 h)
/// then paint (8 h), one crew each.
@Suite("Preparation, hand-computed")
struct PreparationTimelineTests {
    static func yaml(consent: Double = 1, maxRounds: Int = 3, onLimit: String = "cut_scope", plan: String = "",
                     release: String = "all", optional: String = "") -> String {
        HandComputedTests.yaml(supervisors: """
        preparation:
          survey: {teams: 1, team_size: 2, minutes_per_household: 30, hours_per_building: 2}
          consultation: {round_days: 7, consent_probability: \(consent), redesign_days: 3, max_rounds: \(maxRounds), on_limit: \(onLimit)}
          design_days: 10
          approval_days: 4
        \(optional)
        """).replacingOccurrences(of: "  - name: only", with: "  - {name: only, release: \(release)\(plan)}")
    }

    func run(_ yaml: String) throws -> (ReplicationResult, CompiledPlan, [TraceRecord]) {
        let loaded = try ScenarioLoader.load(yaml: yaml, file: "prep.yaml")
        let model = try CompiledPlan(scenario: loaded.valid)
        var sim = Replication.simulation(plan: model, seed: 1, replication: 0, trace: true)
        sim.run()
        return (sim.model.result(events: sim.eventsHandled), model, sim.model.trace ?? [])
    }

    func hours(_ r: ReplicationResult, _ model: CompiledPlan, building b: Int, type k: Int) -> Double {
        Double(r.orderFinishDays[model.order(building: b, type: k)]) * 24
    }

    @Test("survey, one round, design and approval, then the works")
    func consentFirstRound() throws {
        let (r, model, trace) = try run(Self.yaml())
        // Survey: (20 households × 30 min + 2 buildings × 2 h) ÷ 2 surveyors = 7 h: Mon 08–15 → 15 h.
        #expect(trace.first { $0.kind == .surveyed }?.time == 15)
        // One round of 7 days (consent), design 10 days, approval 4: 15 + 21 × 24 = 519 h (Mon 22 Jan 15:00).
        let prepared = try #require(r.preparation)
        #expect(prepared.consentRounds == [1])
        #expect(prepared.preparedDays[0] * 24 == 519)
        #expect(prepared.preparationDays[0] * 24 == 519)
        // Roof 1 from 519 h: Mon 15–16, Tue, Wed 08–15 → 567 h; roof 2: Wed 15–16, Thu, Fri 08–15 → 615 h.
        // Paint 1 from 567 h: Wed 15–16, Thu 08–15 → 591 h; paint 2 from 615 h: Fri 15–16, Mon 29th 08–15 → 687 h.
        #expect(abs(hours(r, model, building: 0, type: 0) - 567) < 1e-3)
        #expect(abs(hours(r, model, building: 1, type: 0) - 615) < 1e-3)
        #expect(abs(hours(r, model, building: 0, type: 1) - 591) < 1e-3)
        #expect(abs(hours(r, model, building: 1, type: 1) - 687) < 1e-3)
        #expect(r.finished && r.deadlineMet)
        #expect(trace.first { $0.kind == .released }?.time == 519)
    }

    @Test("every round fails: redesign between rounds, then the scope is cut and the works go on")
    func roundLimitCutsScope() throws {
        let (r, _, _) = try run(Self.yaml(consent: 0, maxRounds: 2))
        // 15 h + round 7 d + redesign 3 d + round 7 d + design 10 d + approval 4 d = 15 + 31 × 24 = 759 h.
        let prepared = try #require(r.preparation)
        #expect(prepared.consentRounds == [2])
        #expect(prepared.preparedDays[0] * 24 == 759)
        #expect(prepared.scopeCut == 1 && prepared.deferred == 0)
        #expect(r.unfinishedOrders == 0)
    }

    @Test("a plan may defer the community at the limit: none of its works is done")
    func roundLimitDefers() throws {
        let (r, _, trace) = try run(Self.yaml(consent: 0, maxRounds: 2, plan: ", preparation: {on_limit: defer}"))
        let prepared = try #require(r.preparation)
        #expect(prepared.deferred == 1)
        #expect(prepared.preparedDays[0] * 24 == 15 + 17 * 24)
        #expect(!trace.contains { $0.kind == .started })
        #expect(r.communityFinishDays[0].isNaN)
        #expect(r.totalCost == 0 && r.completionsPerYear.allSatisfy { $0 == 0 })
    }

    @Test("a plan's duration factor scales every day of preparation, not the survey")
    func durationFactor() throws {
        let (r, _, _) = try run(Self.yaml(plan: ", preparation: {duration_factor: 0.5}"))
        // 15 h + (7 + 10 + 4) × 12 h = 267 h.
        #expect(try #require(r.preparation).preparedDays[0] * 24 == 267)
    }

    @Test("works wait for the release date when preparation ends first")
    func releaseAfterPreparation() throws {
        let phases = "{type: phases, phases: [{start: 2024-01-29, communities: [A], preparation_start: 2024-01-08}]}"
        let (r, model, _) = try run(Self.yaml(release: phases))
        // Preparation from Mon 8 Jan (168 h): survey to 183 h, prepared 183 + 21 × 24 = 687 h, after the release at 672 h.
        #expect(try #require(r.preparation).preparedDays[0] * 24 == 687)
        // Works open at 687 h (Mon 29 Jan 15:00): roof 1 Mon 15–16, Tue, Wed 08–15 → 735 h.
        #expect(abs(hours(r, model, building: 0, type: 0) - 735) < 1e-3)
        let early = "{type: phases, phases: [{start: 2024-01-29, communities: [A]}]}"
        let (e, earlyModel, _) = try run(Self.yaml(release: early))
        // Prepared at 519 h; the release at 672 h (Mon 29 Jan 00:00) opens the works: roof 1 Mon 08–16, Tue → 712 h.
        #expect(abs(hours(e, earlyModel, building: 0, type: 0) - 712) < 1e-3)
    }

    @Test("optional work residents do not ask for is settled without work")
    func optionalWork() throws {
        let (never, _, neverTrace) = try run(Self.yaml(optional: "  optional_work: {paint: 0}"))
        #expect(try #require(never.preparation).scopeAdded == 0)
        #expect(neverTrace.filter { $0.kind == .started }.count == 2)
        #expect(never.finished && never.totalCost == 32 * 100)
        let (always, _, _) = try run(Self.yaml(optional: "  optional_work: {paint: 1}"))
        #expect(try #require(always.preparation).scopeAdded == 1)
        #expect(always.totalCost == 32 * 100 + 16 * 50)
    }
}
