import Testing
@testable import Renovation

/// `preparation:`, a plan's `preparation`, a phase's `preparation_start` and
/// `milestones:`: every key's error at its line, all reported at once.
@Suite("Preparation and milestone validation")
struct PreparationValidationTests {
    typealias F = ScenarioFixtures

    /// `minimal.yaml` with `sections` before `plans:` (line 39 on), and the first plan's own `preparation`.
    static func yaml(_ sections: String, plan: String = "") throws -> String {
        let text = try F.minimal(replacing: "plans:\n", with: sections + "plans:\n")
        return text.replacingOccurrences(of: "  - name: all-at-once\n", with: "  - name: all-at-once\n" + plan)
    }

    static let bad = """
    preparation:
      survey: {teams: 0, team_size: 0, minutes_per_household: -1, hours_per_building: -2}
      consultation:
        round_days: -1
        consent_probability: 1.5
        consent_per_100_households: 2
        redesign_days: {type: uniform, min: -3, max: 2}
        max_rounds: 0
      design_days: -4
      approval_days: -5
      optional_work: {rods: 0.5, roads: 1.2}
    milestones:
      - {name: m, date: 2000-01-01, community: eest}
      - {name: m, date: 2024-12-01}
      - {name: p, date: 2024-12-01, phase: 3}
      - {name: q, date: 2024-12-01, communities: []}

    """

    @Test("every key of preparation, a plan's preparation and milestones: located errors, all at once")
    func everyKey() throws {
        let lines = F.error(try Self.yaml(Self.bad, plan: "    preparation: {start: 2000-01-01, survey_teams: 0, duration_factor: 0}\n"))?
            .issues.map(\.description) ?? []
        let expected: [(line: Int, key: String)] = [
            (40, "preparation.survey.teams"), (40, "preparation.survey.team_size"),
            (40, "preparation.survey.minutes_per_household"), (40, "preparation.survey.hours_per_building"),
            (42, "preparation.consultation.round_days"), (43, "preparation.consultation.consent_probability"),
            (44, "preparation.consultation.consent_per_100_households"), (45, "preparation.consultation.redesign_days"),
            (46, "preparation.consultation.max_rounds"), (47, "preparation.design_days"), (48, "preparation.approval_days"),
            (49, "preparation.optional_work.rods"), (49, "preparation.optional_work.roads"),
            (51, "milestones[0].date"), (51, "milestones[0].community"), (52, "milestones[1].name"), (52, "milestones[1]"),
            (53, "milestones[2].phase"), (54, "milestones[3].communities"),
            (57, "plans[0].preparation.start"), (57, "plans[0].preparation.survey_teams"),
            (57, "plans[0].preparation.duration_factor"),
        ]
        for (line, key) in expected {
            #expect(lines.contains { $0.hasPrefix("x.yaml:\(line):") && $0.contains(": error: \(key): ") }, "\(line) \(key): \(lines)")
        }
        // Two phase errors (one per plan) and nothing unexpected.
        #expect(lines.count == expected.count + 1, "\(lines)")
        #expect(lines.contains { $0.contains("'rods' is not a work type — did you mean 'roads'?") })
    }

    @Test("a plan or phase that sets preparation needs the section; a bad choice is refused at its value")
    func sectionAndChoice() throws {
        let phase = try F.minimal(replacing: "        - {start: 2024-03-01, communities: [east]}",
                                  with: "        - {start: 2024-03-01, preparation_start: 2024-02-01, communities: [east]}")
        let noSection = F.error(phase)?.issues.map(\.description) ?? []
        #expect(noSection.count == 2, "\(noSection)")
        #expect(noSection.allSatisfy { $0.hasPrefix("x.yaml:45:") && $0.contains("plans[1].release.phases[0].preparation_start") },
                "\(noSection)")
        #expect(noSection.contains { $0.contains("but the scenario has no `preparation` section") })
        #expect(noSection.contains { $0.contains("before the programme's start 2024-03-01") })

        let choice = F.error(try Self.yaml("""
        preparation:
          survey: {teams: 1, minutes_per_household: 10}
          consultation: {round_days: 10, consent_probability: 0.5, on_limit: postpone}

        """))?.issues.map(\.description) ?? []
        #expect(choice == ["x.yaml:41:60: error: preparation.consultation.on_limit: 'postpone' is not a valid round-limit choice "
                           + "(on_limit); expected one of cut_scope, defer"], "\(choice)")
    }
}
