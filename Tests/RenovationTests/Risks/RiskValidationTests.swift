import Testing
@testable import Renovation

/// The `risks:` register: every rule reported at its key, all at once.
@Suite("Risk register validation")
struct RiskValidationTests {
    typealias F = ScenarioFixtures

    /// `minimal.yaml` with `register` as its `risks:` section (its first risk on line 40).
    static func yaml(_ register: String) throws -> String {
        try F.minimal(replacing: "plans:\n", with: "risks:\n" + register + "plans:\n")
    }

    func errors(_ register: String) throws -> [String] {
        F.error(try Self.yaml(register))?.issues.map(\.description) ?? []
    }

    @Test("a valid register loads without warnings")
    func valid() throws {
        let loaded = try ScenarioLoader.load(yaml: try Self.yaml("""
          - {name: blockade, probability: 0.1, per: building, work_types: [roof], impact: {start_delay_days: 10}}
          - {name: smog, probability: 0.5, per: year, impact: {stop_days: {type: uniform, min: 3, max: 10}}}
          - {name: pipes, probability: 0.2, per: order, trades: [painting], driver: hidden, impact: {extra_hours: 8, cost: 500}}
          - {name: paint-shortage, probability: 0.1, per: order, trades: [painting], driver: hidden, impact: {extra_hours: 2}}
          - {name: epidemic, probability: 0.3, when: 2024-04-01..2024-06-30, impact: {stop_days: 14}}

        """), file: "x.yaml")
        #expect(loaded.warnings.isEmpty, "\(loaded.warnings)")
        #expect(loaded.scenario.risks.map(\.per) == [.building, .year, .order, .order, .programme])
    }

    @Test("probabilities, names and links: located errors with the closest name")
    func names() throws {
        let lines = try errors("""
          - {name: a, probability: 1.5, work_types: [rof], trades: [paintng], impact: {extra_hours: 1}}
          - {name: a, probability: 0.1, impact: {}}

        """)
        #expect(lines == [
            "x.yaml:41:6: error: risks[1].name: risk name 'a' is used twice (also at risks[0].name); expected unique risk names",
            "x.yaml:40:15: error: risks[0].probability: 1.5 is above 1; expected a probability ≤ 1",
            "x.yaml:40:46: error: risks[0].work_types[0]: 'rof' is not a work type — did you mean 'roof'?; "
                + "expected names of work types under work.building or work.community",
            "x.yaml:40:61: error: risks[0].trades[0]: 'paintng' is not a trade — did you mean 'painting'?; "
                + "expected one of the trades: roofing, painting, civil",
            "x.yaml:41:33: error: risks[1].impact: risk 'a' has no impact; expected at least one of extra_hours, "
                + "start_delay_days, stop_days, cost",
        ], "\(lines)")
    }

    @Test("stops: only per programme (with a window) or per year")
    func stops() throws {
        let lines = try errors("""
          - {name: s, probability: 0.1, per: building, impact: {stop_days: 3}}
          - {name: t, probability: 0.1, impact: {stop_days: 3}}
          - {name: u, probability: 0.1, when: 2024-06-01..2024-05-01, impact: {stop_days: -3}}

        """)
        #expect(lines.count == 4, "\(lines)")
        #expect(lines.contains { $0.hasPrefix("x.yaml:40:") && $0.contains("risks[0].impact.stop_days: a stop closes") })
        #expect(lines.contains { $0.hasPrefix("x.yaml:41:") && $0.contains("risks[1].when: risk 't' stops work per programme") })
        #expect(lines.contains { $0.hasPrefix("x.yaml:42:") && $0.contains("risks[2].when: the window ends (2024-05-01)") })
        #expect(lines.contains { $0.hasPrefix("x.yaml:42:") && $0.contains("risks[2].impact.stop_days: ") }, "\(lines)")
    }

    @Test("drivers join risks of one scope; per building needs building work")
    func drivers() throws {
        let lines = try errors("""
          - {name: a, probability: 0.1, per: order, driver: d, impact: {extra_hours: 1}}
          - {name: b, probability: 0.1, per: building, driver: d, work_types: [roads], impact: {extra_hours: 1}}

        """)
        #expect(lines.count == 2, "\(lines)")
        #expect(lines.contains { $0.hasPrefix("x.yaml:41:") && $0.contains("risks[1].per: risk 'b' shares driver 'd' with risks[0]") })
        #expect(lines.contains { $0.hasPrefix("x.yaml:41:") && $0.contains("occurs per building but is linked to no building work type") })
    }

    @Test("unknown keys and scopes are refused with a suggestion")
    func unknownKeys() throws {
        let key = try errors("  - {name: a, probability: 0.1, impact: {extra_hour: 1}}\n")
        #expect(key.count == 1 && key[0].hasPrefix("x.yaml:40:") && key[0].contains("extra_hours"), "\(key)")
        let scope = try errors("  - {name: a, probability: 0.1, per: street, impact: {extra_hours: 1}}\n")
        #expect(scope.count == 1 && scope[0].hasPrefix("x.yaml:40:") && scope[0].contains("street") && scope[0].contains("programme, year, community, building, order"), "\(scope)")
        let window = try errors("  - {name: a, probability: 0.1, when: sometimes, impact: {extra_hours: 1}}\n")
        #expect(window.count == 1 && window[0].hasPrefix("x.yaml:40:") && window[0].contains("'sometimes' is not a window; expected running or"), "\(window)")
    }

    @Test("a window outside the simulated period is a warning")
    func outside() throws {
        let loaded = try ScenarioLoader.load(yaml: try Self.yaml(
            "  - {name: a, probability: 0.1, when: 2040-01-01..2040-02-01, impact: {extra_hours: 1}}\n"), file: "x.yaml")
        #expect(loaded.warnings.map(\.description).contains { $0.hasPrefix("x.yaml:40:") && $0.contains("never strikes") },
                "\(loaded.warnings)")
    }
}
