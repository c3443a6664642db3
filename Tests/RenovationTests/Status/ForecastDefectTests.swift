import DiscreteEvent
import Foundation
import Testing
@testable import Renovation

/// Defects in a forecast: buildings finished before the status date keep
/// reporting at the after-works rate for the rest of their period.
@Suite("Defects in a forecast from a status date")
struct ForecastDefectTests {
    /// Three buildings of 100, 200 and 300 households, each one day's
    /// work; only after-works reports (2 a household a year for 100 days).
    static let yaml = """
        name: after-works
        start: 2024-01-01
        deadline: 2024-12-31
        calendar: {workdays: [monday, tuesday, wednesday, thursday, friday, saturday, sunday], shift_start: 0, hours_per_day: 24}
        trades:
          roofing: {crews: 3}
        defects: {during_works_rate: 0, after_works_rate: 2, after_works_days: 100, team: 50}
        communities:
          - name: A
            buildings:
              - {name: a, units: 100, floors: 5}
              - {name: b, units: 200, floors: 5}
              - {name: c, units: 300, floors: 5}
        work:
          building:
            - {name: roof, trades: {roofing: 1}, hours: {type: constant, value: 24}}
        plans:
          - name: only
        """

    /// Finished (end of day) on days 5, 20 and 41 of 2024; the status date
    /// ends day 60, so 45, 60 and 81 days of their 100 remain.
    static let progress = """
        status_date,2024-02-29
        community,building,work_type,start,finish,inspection
        A,a,roof,2024-01-05,2024-01-05,
        A,b,roof,2024-01-20,2024-01-20,
        A,c,roof,2024-02-10,2024-02-10,

        """

    @Test("a building finished before the status date raises after-works reports for the rest of its period, at the same rate")
    func afterWorksContinue() throws {
        let plan = try CompiledPlan(scenario: ScenarioLoader.load(yaml: Self.yaml, file: "after-works.yaml").valid)
        let status = try ProgressReader.parse(Array(Self.progress.utf8), file: "progress.csv", plan: plan)
        #expect(status.entries.map(\.progress) == [.accepted, .accepted, .accepted])
        let forecast = plan.forecasting(from: status)
        let n = 200
        var reports = 0
        for r in 0..<n {
            let result = Replication.run(plan: forecast, seed: 18, replication: r)
            reports += result.defects.reported
            #expect(result.finished)
        }
        // Poisson: 2 / 365 a household a day × (100 × 45 + 200 × 60 + 300 × 81) household-days, per replication.
        let expected = Double(n) * 2 / 365 * (100 * 45 + 200 * 60 + 300 * 81)
        // 99.9 % interval of a Poisson count of that mean (≈ 44,700 ± 690).
        #expect(abs(Double(reports) - expected) < 3.29 * expected.squareRoot(),
                "\(reports) after-works reports, expected \(expected)")
    }

    @Test("a building whose after-works period ended before the status date raises none")
    func afterWorksOver() throws {
        let plan = try CompiledPlan(scenario: ScenarioLoader.load(yaml: Self.yaml, file: "after-works.yaml").valid)
        let text = Self.progress.replacingOccurrences(of: "status_date,2024-02-29", with: "status_date,2024-06-30")
        let status = try ProgressReader.parse(Array(text.utf8), file: "progress.csv", plan: plan)
        for r in 0..<20 {
            #expect(Replication.run(plan: plan.forecasting(from: status), seed: 18, replication: r).defects.reported == 0)
        }
    }
}
