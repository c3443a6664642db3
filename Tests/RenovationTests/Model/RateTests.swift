import QueueingModels
import Stochastic
import Testing
@testable import Renovation

/// The random parts of the model against the rates they were configured
/// with, inside confidence bounds, with fixed seeds.
@Suite("Configured rates are honoured")
struct RateTests {
    /// Ten buildings of 20 households, one job each, ten crews: every
    /// building is under works from t = 0 until the same known finish.
    static func yaml(defects: String, supervisors: String = "") -> String {
        """
        name: rates
        start: 2024-01-01
        deadline: 2025-12-31
        calendar: {workdays: [monday, tuesday, wednesday, thursday, friday], shift_start: 8, hours_per_day: 8}
        trades:
          builders: {crews: 10}
        \(supervisors)
        \(defects)
        communities:
          - name: estate
            building_count: 10
            building: {units: 20, households: 20, floors: 6}
        work:
          building:
            - {name: everything, trades: {builders: 1}, hours: 800}
        plans:
          - name: p
        """
    }

    @Test("defect reports arrive at the configured rate while works go on (Poisson bounds)")
    func defectCount() throws {
        let defects = """
        defects:
          during_works_rate: 50
          after_works_rate: 0
          team: 50
        """
        let model = try CompiledPlan(scenario: ScenarioLoader.load(yaml: Self.yaml(defects: defects), file: "r.yaml").valid)
        var observed = 0
        var expected = 0.0
        for r in 0..<10 {
            let result = Replication.run(plan: model, seed: 11, replication: r)
            observed += result.defects.reported
            // 200 households under works from 0 to the finish, 50 reports per household-year.
            expected += 200 * result.finishDays * 24 * 50 / 8760
        }
        // Poisson: 99.9 % bound of ±3.29 standard deviations.
        #expect(abs(Double(observed) - expected) <= 3.29 * expected.squareRoot(),
                "observed \(observed) reports, expected \(expected)")
        #expect(expected > 10_000)
    }

    @Test("a defect team shaped like M/M/2 waits as Erlang C says")
    func erlangC() throws {
        // λ = 200 · 50 / 8760 per hour; service = exponential fix of mean 1 h, no travel: M/M/2.
        let defects = """
        defects:
          during_works_rate: 50
          after_works_rate: 0
          complex_share: 0
          team: 2
          register_minutes: 0
          travel_minutes: 0
          small_fix_hours: {type: exponential, mean: 1}
        """
        let model = try CompiledPlan(scenario: ScenarioLoader.load(yaml: Self.yaml(defects: defects), file: "r.yaml").valid)
        let lambda = 200.0 * 50 / 8760
        let theory = ErlangC(arrivalRate: lambda, serviceRate: 1, servers: 2)
        #expect(theory.utilisation > 0.5 && theory.utilisation < 0.7)
        let waits = (0..<20).map { Replication.run(plan: model, seed: 5, replication: $0).defects.meanResponderWait }
        let ci = try Statistics.meanConfidenceInterval(waits, level: 0.99)
        #expect(ci.contains(theory.meanWait), "Erlang C \(theory.meanWait) h outside [\(ci.lower), \(ci.upper)]")
        #expect(ci.halfWidth < 0.1 * theory.meanWait)
    }

    @Test("inspections fail at the configured probability (Wilson bounds)")
    func inspectionFailures() throws {
        let supervision = """
        supervisors:
          count: 3
          inspection_hours: 1
          failure_probability: {builders: 0.2}
          rework_share: 0.1
        """
        let model = try CompiledPlan(scenario: ScenarioLoader.load(
            yaml: Self.yaml(defects: "", supervisors: supervision), file: "r.yaml").valid)
        var inspections = 0, failures = 0
        var rework = 0.0
        for r in 0..<300 {
            let result = Replication.run(plan: model, seed: 17, replication: r)
            inspections += result.inspections
            failures += result.failedInspections
            rework += result.reworkHours
        }
        let interval = try Statistics.wilsonInterval(successes: failures, trials: inspections, level: 0.999)
        #expect(interval.contains(0.2), "\(failures) of \(inspections) failed")
        // Every failure reworks 10 % of the 800-hour job.
        #expect(abs(rework - Double(failures) * 80) < 1e-6)
        // Geometric number of attempts: inspections per order ≈ 1 / (1 − p) = 1.25.
        #expect(abs(Double(inspections) / 3000 - 1.25) < 0.05)
    }
}
