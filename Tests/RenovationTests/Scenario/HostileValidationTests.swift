import Foundation
import Testing
@testable import Renovation

/// Issue 14: scenarios that validated but could not run (a defect load
/// that fills memory, shutdowns that together close the year) or that
/// released work the simulation never reaches.
@Suite("Hostile validation, round two")
struct HostileValidationTests {
    typealias F = ScenarioFixtures

    /// One building of `units` units under one job of `hours` hours, with defects.
    static func defects(units: Int, rate: Double, team: Int, hours: Double, planTeam: String = "") -> String {
        """
        name: defect-load
        start: 2024-01-01
        deadline: 2024-12-31
        trades: {civil: {crews: 1}}
        defects:
          during_works_rate: \(rate)
          team: \(team)
        communities:
          - name: c
            buildings: [{units: \(units), floors: 10}]
        work:
          building: [{name: job, trades: {civil: 1}, hours: \(hours), per: fixed}]
        plans: [{name: p\(planTeam)}]
        """
    }

    @Test("the issue's defect load (100,000 units, 365 reports a year, team 1, a 20,000-hour job) is refused at once, with the estimate")
    func defectLoadRefused() throws {
        let clock = ContinuousClock()
        let started = clock.now
        let error = try #require(F.error(Self.defects(units: 100_000, rate: 365, team: 1, hours: 20_000)))
        #expect(clock.now - started < .seconds(1))
        let lines = error.issues.map(\.description)
        #expect(lines.count == 1)
        let line = try #require(lines.first)
        #expect(line.hasPrefix("x.yaml:6:3: error: defects.during_works_rate: defects would make about "))
        #expect(line.contains("100000 households × 365 reports a year × at least 8.0 years under works"))
        #expect(line.hasSuffix("expected at most 20000000 reports per replication "
            + "(fewer households, a lower during_works_rate, or shorter work)"))
    }

    @Test("a team hopelessly behind is refused at its own line, a plan's defect_team too; a team that keeps up is not")
    func responderQueue() throws {
        // 50,000 households × 20 a year for 4 years is 4·10⁶ reports: few enough, but one responder answers ~4,000 a year.
        let error = try #require(F.error(Self.defects(units: 50_000, rate: 20, team: 1, hours: 10_000)))
        let line = try #require(error.issues.map(\.description).first)
        #expect(line.hasPrefix("x.yaml:7:3: error: defects.team: 1 responder taking about "))
        #expect(line.contains("reports per replication (50000 households × 20 reports a year × at least 4.0 years under works"))
        #expect(line.contains("reports would still be waiting at the horizon"))
        let plan = try #require(F.error(Self.defects(units: 50_000, rate: 20, team: 5_000, hours: 10_000, planTeam: ", defect_team: 1")))
        #expect(plan.issues.map(\.keyPath) == ["plans[0].defect_team"])
        _ = try ScenarioLoader.load(yaml: Self.defects(units: 50_000, rate: 20, team: 5_000, hours: 10_000), file: "x.yaml")
        // The shipped scenarios all pass.
        _ = try ScenarioLoader.load(yaml: try F.minimal(replacing: "plans:", with: "defects: {during_works_rate: 2, team: 2}\nplans:"),
                                    file: "x.yaml")
    }

    @Test("shutdowns that each leave open days but together close the year are refused, per trade")
    func shutdownUnion() throws {
        let halves = try F.minimal(replacing: "  hours_per_day: 8\n", with: """
              hours_per_day: 8
              shutdowns:
                - {name: first-half, from: 01-01, to: 06-30}
                - {name: second-half, from: 07-01, to: 12-31, trades: [roofing]}

            """)
        let error = try #require(F.error(halves))
        #expect(error.issues.map(\.description) == [
            "x.yaml:11:3: error: calendar.shutdowns: shutdowns 'first-half' (01-01..06-30), 'second-half' (07-01..12-31) "
                + "together close every day of a common year for trade 'roofing', so its work can never be done; "
                + "expected windows that leave at least one open day a year for every trade",
        ])
        // 02-29 is open in leap years only: still refused (a common year is closed).
        let leap = try F.minimal(replacing: "  hours_per_day: 8\n", with: """
              hours_per_day: 8
              shutdowns: [{name: a, from: 03-01, to: 02-27}, {name: b, from: 02-28, to: 02-28}]

            """)
        #expect(F.error(leap)?.issues.map(\.keyPath) == ["calendar.shutdowns", "calendar.shutdowns", "calendar.shutdowns"])
        // Windows across New Year that leave a day open are fine.
        let open = try F.minimal(replacing: "  hours_per_day: 8\n", with: """
              hours_per_day: 8
              shutdowns: [{name: a, from: 11-01, to: 06-30}, {name: b, from: 07-02, to: 10-31}]

            """)
        _ = try ScenarioLoader.load(yaml: open, file: "x.yaml")
    }

    @Test("holidays that leave a trade no working day in a whole year of the horizon are warned about")
    func holidaysCloseAYear() throws {
        let yaml = try F.minimal(replacing: "  hours_per_day: 8\n", with: """
              hours_per_day: 8
              holidays: [2025-01-01..2025-12-31]
              shutdowns: [{name: winter, from: 11-01, to: 03-31, trades: [painting]}]

            """)
        let warnings = try ScenarioLoader.load(yaml: yaml, file: "x.yaml").warnings.map(\.description)
        #expect(warnings.filter { $0.contains("no working day") } == [
            "x.yaml:11:3: warning: calendar.holidays: trade 'painting' has no working day in 1 whole year of the horizon, "
                + "the first from 2025-03-01 (holidays, workdays and shutdowns together); "
                + "expected at least one working day a year, or work of 'painting' waits a year or more",
        ])
    }

    @Test("a release after the simulated horizon is warned about, by phase and by evenly tranche")
    func releaseAfterHorizon() throws {
        var yaml = try F.minimal(replacing: "seed: 42\n", with: "seed: 42\nhorizon_years: 2\n")
        yaml = yaml.replacingOccurrences(of: "{start: 2024-06-01, communities: [west]}", with: "{start: 2027-06-01, communities: [west]}")
        yaml = yaml.replacingOccurrences(of: "  - name: all-at-once", with: "  - name: all-at-once\n    release: {type: evenly, years: 3}")
        let warnings = try ScenarioLoader.load(yaml: yaml, file: "x.yaml").warnings.map(\.description)
        #expect(warnings.contains(
            "x.yaml:42:29: warning: plans[0].release.years: the last tranche is released on 2026-03-01, after the simulated horizon "
                + "ends on 2026-02-28; expected tranches within the horizon, or their communities are never released"))
        #expect(warnings.contains { $0.contains("plans[1].release.phases[1].start: phase starts on 2027-06-01, after the simulated horizon ends on 2026-02-28") })
    }
}
