import Stochastic
import Testing
@testable import Renovation

/// `funding:` — tranches that arrive when they arrive and the city's
/// advance: located errors, a hand-computed timeline, and arrivals against
/// their distributions.
@Suite("Funding")
struct FundingTests {
    typealias F = ScenarioFixtures

    /// ``HandComputedTests``' programme (roofs of 16 h at 100/h, paints of
    /// 8 h at 50/h, one crew each, Monday 2024-01-01, 08:00–16:00 Mon–Fri)
    /// with `funding` as its money.
    static func hand(_ funding: String) -> String {
        HandComputedTests.yaml(community: "funding:\n" + funding)
    }

    /// `minimal.yaml` with `funding` (its first line is line 40).
    static func minimal(_ funding: String) throws -> String {
        try F.minimal(replacing: "plans:\n", with: "funding:\n" + funding + "plans:\n")
    }

    @Test("the advance starts the first roof; each tranche lets the waiting work go, to the hour")
    func timeline() throws {
        let yaml = Self.hand("""
          advance_cap: 1600
          tranches:
            - {name: province, amount: 2000, date: 2024-01-03}
            - {name: centre, amount: 400, date: 2024-01-08}
        """)
        let model = try CompiledPlan(scenario: ScenarioLoader.load(yaml: yaml, file: "hand.yaml").valid)
        let r = Replication.run(plan: model, seed: 1, replication: 0)
        let times = [(0, 0), (1, 0), (0, 1), (1, 1)].map { Double(r.orderFinishDays[model.order(building: $0.0, type: $0.1)]) * 24 }
        // Roof 1 (1,600) on the advance: Mon–Tue → 40 h. At 40 h roof 2 (1,600 more) and paint 1 (400) would
        // exceed it: both wait for the province's 2,000 at 48 h (Wed 00:00), then start Wed 08:00:
        // paint 1 → 64 h, roof 2 Wed–Thu → 88 h. Paint 2 (400) at 88 h finds 3,600 committed of
        // 2,000 + 1,600: it waits for the centre's 400 at 168 h (Mon 00:00) and runs Mon 08–16 → 184 h.
        #expect(zip(times, [40.0, 88, 64, 184]).allSatisfy { abs($0 - $1) < 1e-3 }, "\(times)")
        let funding = try #require(r.funding)
        // Held: roof 2 and paint 1 from 40 h to 48 h, paint 2 from 88 h to 168 h: 96 h = 4 days.
        #expect(abs(funding.heldDays - 4) < 1e-9, "\(funding.heldDays)")
        #expect(funding.peakAdvance == 1600)
        #expect(funding.arrivalDays == [2, 7] && funding.amounts == [2000, 400])
        #expect(r.finished && r.totalCost == 4000)
    }

    @Test("no money left: the run reports what is stuck instead of hanging")
    func stall() throws {
        let yaml = Self.hand("  tranches:\n    - {name: only, amount: 1600, date: 2024-01-01}\n")
        let model = try CompiledPlan(scenario: ScenarioLoader.load(yaml: yaml, file: "hand.yaml").valid)
        let r = Replication.run(plan: model, seed: 1, replication: 0)
        #expect(!r.finished)
        #expect(r.stall?.contains("no money left: every tranche arrived and the advance cap is reached") == true, "\(r.stall ?? "")")
        #expect(r.funding?.peakAdvance == 0)
    }

    @Test("arrival and amount follow their distributions (99.9 % intervals), the same in every plan")
    func arrivals() throws {
        let yaml = Self.hand("""
          advance_cap: 100000
          tranches:
            - {name: late, amount: {type: triangular, min: 1000, mode: 1500, max: 2000}, date: 2024-01-10, delay_days: {type: uniform, min: 0, max: 60}}
        """)
        let model = try CompiledPlan(scenario: ScenarioLoader.load(yaml: yaml, file: "hand.yaml").valid)
        let n = 2000
        let draws = (0..<n).map { model.funding!.draw(0, key: StreamKey(seed: 11, replication: UInt64($0))) }
        let days = draws.map { $0.arrivalHours / 24 }
        let amounts = draws.map(\.amount)
        // Uniform(0, 60) after day 9: mean 39, sd 60/√12; triangular(1000, 1500, 2000): mean 1500, sd 500/√6.
        let z = 3.29
        let daysMean = days.reduce(0, +) / Double(n)
        #expect(abs(daysMean - 39) < z * (60 / 12.0.squareRoot()) / Double(n).squareRoot(), "\(daysMean)")
        let amountMean = amounts.reduce(0, +) / Double(n)
        #expect(abs(amountMean - 1500) < z * (500 / 6.0.squareRoot()) / Double(n).squareRoot(), "\(amountMean)")
        // The CDF at three points, each inside its 99.9 % Wilson interval.
        for (x, p) in [(19.0, 1.0 / 6), (39.0, 0.5), (54.0, 0.75)] {
            let k = days.filter { $0 <= x }.count
            let interval = try Statistics.wilsonInterval(successes: k, trials: n, level: 0.999)
            #expect(interval.lower <= p && p <= interval.upper, "P(day ≤ \(x)) = \(Double(k) / Double(n))")
        }
        // The replication sees exactly the drawn arrival.
        let r = Replication.run(plan: model, seed: 11, replication: 3)
        #expect(r.funding?.arrivalDays == [draws[3].arrivalHours / 24] && r.funding?.amounts == [draws[3].amount])
    }

    @Test("every new key is refused at its line and column")
    func locatedErrors() throws {
        let lines = F.error(try Self.minimal("""
          advance_cap: -5
          tranches:
            - {name: a, amount: {type: uniform, min: -10, max: 10}, date: 2000-01-01, delay_days: -3}
            - {name: a, amount: 5, date: 2024-05-01}
            - {name: "", amount: 5, date: 2024-05-01}

        """))?.issues.map(\.description) ?? []
        #expect(lines.contains { $0.hasPrefix("x.yaml:40:3: error: funding.advance_cap: -5 is negative; expected an amount ≥ 0") }, "\(lines)")
        #expect(lines.contains { $0.hasPrefix("x.yaml:42:17: error: funding.tranches[0].amount:") && $0.contains("negative") }, "\(lines)")
        #expect(lines.contains { $0.hasPrefix("x.yaml:42:61: error: funding.tranches[0].date: tranche 'a' is due on 2000-01-01") }, "\(lines)")
        #expect(lines.contains { $0.hasPrefix("x.yaml:42:79: error: funding.tranches[0].delay_days:") }, "\(lines)")
        #expect(lines.contains { $0.hasPrefix("x.yaml:43:8: error: funding.tranches[1].name: tranche name 'a' is used twice") }, "\(lines)")
        #expect(lines.contains { $0.hasPrefix("x.yaml:44:8: error: funding.tranches[2].name: the tranche name is empty") }, "\(lines)")
        #expect(lines.count == 6, "\(lines)")
    }

    @Test("a typo, a missing key and a section with no money at all")
    func structure() throws {
        let typo = F.error(try Self.minimal("  tranches:\n    - {name: a, amount: 5, date: 2024-05-01, delay: 3}\n"))?.issues.map(\.description) ?? []
        #expect(typo.count == 1 && typo[0].hasPrefix("x.yaml:41:46: error: funding.tranches[0].delay:"), "\(typo)")
        let missing = F.error(try Self.minimal("  tranches:\n    - {name: a, date: 2024-05-01}\n"))?.issues.map(\.description) ?? []
        #expect(missing.count == 1 && missing[0].contains("funding.tranches[0].amount"), "\(missing)")
        let empty = F.error(try Self.minimal("  tranches: []\n"))?.issues.map(\.description) ?? []
        #expect(empty == ["x.yaml:40:3: error: funding.tranches: funding has no tranche and no advance, so no work order could ever start; "
                          + "expected at least one tranche, or an advance_cap (leave out `funding` for no limit)"], "\(empty)")
    }
}
