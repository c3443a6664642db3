import Testing
@testable import Renovation

/// What risks do to a run: hand-computed timelines, frequencies against the
/// declared probabilities, and the exactness of "off" and "never".
@Suite("Risks in the simulation")
struct RiskSimulationTests {
    /// ``HandComputedTests``' programme (one roofing and one painting crew,
    /// two buildings, paint after roof, Monday to Friday 08:00–16:00 from
    /// Monday 2024-01-01) with `risks` as its register. Without risks: roofs
    /// done at 40 h and 88 h, paints at 64 h and 112 h.
    static func hand(_ risks: String) -> String {
        HandComputedTests.yaml(community: "risks:\n" + risks)
    }

    static func model(_ yaml: String) throws -> CompiledPlan {
        try CompiledPlan(scenario: ScenarioLoader.load(yaml: yaml, file: "hand.yaml").valid)
    }

    /// Acceptance times in hours: roof 1, roof 2, paint 1, paint 2.
    static func times(_ r: ReplicationResult, _ m: CompiledPlan) -> [Double] {
        [(0, 0), (1, 0), (0, 1), (1, 1)].map { Double(r.orderFinishDays[m.order(building: $0.0, type: $0.1)]) * 24 }
    }

    static func close(_ a: [Double], _ b: [Double]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { abs($0 - $1) < 1e-3 }
    }

    @Test("extra hours on every roof: each roof takes a day longer")
    func extraHours() throws {
        let m = try Self.model(Self.hand("  - {name: rot, probability: 1, per: order, work_types: [roof], impact: {extra_hours: 8, cost: 1000}}"))
        let r = Replication.run(plan: m, seed: 1, replication: 0)
        // Roof 1: Mon–Wed → 64 h. Roof 2: Thu, Fri, Mon → 184 h.
        // Paint 1 ready 64 h: Thu → 88 h. Paint 2 ready 184 h: Tue → 208 h.
        #expect(Self.close(Self.times(r, m), [64, 184, 88, 208]), "\(Self.times(r, m))")
        #expect(r.risks == RiskOutcome(occurrences: [2], daysLost: [2], cost: [2000]))
        #expect(r.totalCost == 48 * 100 + 16 * 50 + 2000)
    }

    @Test("a two-day stop of every site from Tuesday")
    func stop() throws {
        let m = try Self.model(Self.hand("  - {name: smog, probability: 1, when: 2024-01-02..2024-01-02, impact: {stop_days: 2}}"))
        let r = Replication.run(plan: m, seed: 1, replication: 0)
        // Tue and Wed closed. Roof 1: Mon, Thu → 88 h. Roof 2: Fri, Mon → 184 h.
        // Paint 1 ready 88 h: Fri → 112 h. Paint 2 ready 184 h: Tue → 208 h.
        #expect(Self.close(Self.times(r, m), [88, 184, 112, 208]), "\(Self.times(r, m))")
        #expect(r.risks == RiskOutcome(occurrences: [1], daysLost: [2], cost: [0]))
    }

    @Test("a stop after the last acceptance occurs but costs no days")
    func lateStop() throws {
        let m = try Self.model(Self.hand("  - {name: smog, probability: 1, when: 2024-01-20..2024-01-20, impact: {stop_days: 5}}"))
        let r = Replication.run(plan: m, seed: 1, replication: 0)
        #expect(Self.close(Self.times(r, m), [40, 88, 64, 112]), "\(Self.times(r, m))")
        #expect(r.risks == RiskOutcome(occurrences: [1], daysLost: [0], cost: [0]))
    }

    @Test("a stop of one trade leaves the other working")
    func tradeStop() throws {
        let m = try Self.model(Self.hand(
            "  - {name: paint-ban, probability: 1, trades: [painting], when: 2024-01-03..2024-01-03, impact: {stop_days: 1}}"))
        let r = Replication.run(plan: m, seed: 1, replication: 0)
        // Wednesday closed for painting only: paint 1 (ready 40 h) works Thu → 88 h; paint 2 ready 88 h: Fri → 112 h.
        #expect(Self.close(Self.times(r, m), [40, 88, 88, 112]), "\(Self.times(r, m))")
    }

    @Test("a start delay per building: both roofs wait a day once ready")
    func startDelay() throws {
        let m = try Self.model(Self.hand("  - {name: blockade, probability: 1, per: building, work_types: [roof], impact: {start_delay_days: 1}}"))
        let r = Replication.run(plan: m, seed: 1, replication: 0)
        // Both roofs may start Tue 00:00. Roof 1: Tue–Wed → 64 h; roof 2: Thu–Fri → 112 h.
        // Paint 1 ready 64 h: Thu → 88 h; paint 2 ready 112 h: Mon → 184 h.
        #expect(Self.close(Self.times(r, m), [64, 112, 88, 184]), "\(Self.times(r, m))")
        #expect(r.risks == RiskOutcome(occurrences: [2], daysLost: [2], cost: [0]))
    }

    @Test("a window: only orders that become ready inside it are hit")
    func window() throws {
        let m = try Self.model(Self.hand(
            "  - {name: late, probability: 1, work_types: [paint], when: 2024-01-03..2024-01-31, impact: {extra_hours: 8}}"))
        let r = Replication.run(plan: m, seed: 1, replication: 0)
        // Paint 1 ready Tue 16:00 (before the window): 8 h, Wed → 64 h. Paint 2 ready Thu 16:00: 16 h, Fri–Mon → 184 h.
        #expect(Self.close(Self.times(r, m), [40, 88, 64, 184]), "\(Self.times(r, m))")
        #expect(r.risks?.daysLost == [1])
    }

    /// `minimal.yaml` with a random register.
    static func minimal(_ register: String) throws -> CompiledPlan {
        try model(ScenarioFixtures.minimal(replacing: "plans:\n", with: "risks:\n" + register + "plans:\n"))
    }

    static let register = """
      - {name: blockade, probability: 0.3, per: building, work_types: [roof], impact: {start_delay_days: {type: uniform, min: 5, max: 20}}}
      - {name: pipes, probability: 0.4, per: order, trades: [painting], impact: {extra_hours: {type: triangular, min: 10, mode: 20, max: 60}, cost: 300}}
      - {name: smog, probability: 0.5, per: year, impact: {stop_days: {type: uniform, min: 2, max: 8}}}

    """

    static func withoutRisks(_ r: ReplicationResult) -> ReplicationResult {
        var copy = r
        copy.risks = nil
        return copy
    }

    @Test("probability 0 changes nothing; a register of zeros equals no register")
    func never() throws {
        let none = try CompiledPlan(scenario: ScenarioLoader.load(path: ScenarioFixtures.path("Tests/Fixtures/minimal.yaml")).valid)
        let zeros = try Self.minimal(Self.register.replacingOccurrences(of: "probability: 0.3", with: "probability: 0")
            .replacingOccurrences(of: "probability: 0.4", with: "probability: 0")
            .replacingOccurrences(of: "probability: 0.5", with: "probability: 0"))
        #expect(zeros.risks.risks.allSatisfy { $0.probability == 0 })
        for replication in 0..<20 {
            let a = Replication.run(plan: none, seed: 3, replication: replication)
            let b = Replication.run(plan: zeros, seed: 3, replication: replication)
            #expect(a.risks == nil)
            #expect(b.risks == RiskOutcome(occurrences: [0, 0, 0], daysLost: [0, 0, 0], cost: [0, 0, 0]))
            #expect(a == Self.withoutRisks(b))
        }
    }

    @Test("probability 1 occurs in every unit of every replication")
    func always() throws {
        let m = try Self.minimal(Self.register.replacingOccurrences(of: "probability: 0.3", with: "probability: 1")
            .replacingOccurrences(of: "probability: 0.4", with: "probability: 1")
            .replacingOccurrences(of: "probability: 0.5", with: "probability: 1"))
        let units = m.risks.risks.indices.map(m.riskUnits)
        #expect(units == [4, 4, m.budgetPerYear.count])
        for replication in 0..<20 {
            let r = Replication.run(plan: m, seed: 5, replication: replication)
            #expect(r.risks?.occurrences == units)
            // A yearly stop may fall after the last acceptance, and then costs no days.
            #expect(r.risks?.daysLost.prefix(2).allSatisfy { $0 > 0 } == true)
        }
    }

    @Test("switching a risk off is exactly the run without it")
    func off() throws {
        let lines = Self.register.split(separator: "\n", omittingEmptySubsequences: false)
        for r in 0..<3 {
            let full = try Self.minimal(Self.register)
            let removed = try Self.minimal(lines.enumerated().filter { $0.offset != r }.map(\.element).joined(separator: "\n"))
            let off = full.withRisk(off: r)
            for replication in 0..<15 {
                var a = Replication.run(plan: off, seed: 9, replication: replication)
                var b = Replication.run(plan: removed, seed: 9, replication: replication)
                #expect(a.risks?.occurrences[r] == 0 && a.risks?.daysLost[r] == 0)
                var kept = try #require(a.risks)
                kept.occurrences.remove(at: r)
                kept.daysLost.remove(at: r)
                kept.cost.remove(at: r)
                #expect(kept == b.risks)
                a.risks = nil
                b.risks = nil
                #expect(a == b)
            }
        }
    }

    @Test("occurrence frequencies match the declared probabilities (99.9 % intervals)")
    func frequencies() throws {
        let m = try Self.minimal(Self.register)
        let replications = 400
        var counts = [0, 0, 0]
        for replication in 0..<replications {
            let r = Replication.run(plan: m, seed: 11, replication: replication)
            for i in counts.indices { counts[i] += r.risks?.occurrences[i] ?? 0 }
        }
        for (i, risk) in m.risks.risks.enumerated() {
            let n = Double(m.riskUnits(i) * replications), p = risk.probability
            let observed = Double(counts[i]) / n
            let halfWidth = 3.29 * (p * (1 - p) / n).squareRoot()
            #expect(abs(observed - p) < halfWidth, "\(risk.name): \(observed) vs \(p) ± \(halfWidth)")
        }
    }

    @Test("risks of one driver occur together: the rarer only when the likelier does")
    func driver() throws {
        let m = try Self.minimal("""
          - {name: rare, probability: 0.2, driver: city, when: 2024-04-01..2024-04-30, impact: {stop_days: 3}}
          - {name: common, probability: 0.6, driver: city, when: 2024-05-01..2024-05-31, impact: {stop_days: 3}}

        """)
        var rare = 0, common = 0
        for replication in 0..<300 {
            let o = try #require(Replication.run(plan: m, seed: 2, replication: replication).risks?.occurrences)
            #expect(o[0] <= o[1])
            rare += o[0]
            common += o[1]
        }
        #expect(abs(Double(rare) / 300 - 0.2) < 3.29 * (0.2 * 0.8 / 300).squareRoot())
        #expect(abs(Double(common) / 300 - 0.6) < 3.29 * (0.6 * 0.4 / 300).squareRoot())
    }
}
