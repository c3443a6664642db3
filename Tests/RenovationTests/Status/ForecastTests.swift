import DiscreteEvent
import Foundation
import Stochastic
import Testing
@testable import Renovation

/// Forecasts from a status date, tested against the simulation they
/// claim to continue: a replication's own state written as a progress
/// file must come back unchanged, finished work is never redone or lost,
/// and the remaining finish has the distribution of replications that
/// share the history.
@Suite("Forecasts from a status date")
struct ForecastTests {
    typealias F = ScenarioFixtures

    static func yonghong(plan: String = "three-year") throws -> CompiledPlan {
        try ScenarioLoader.load(path: F.path("scenarios/yonghong-2022.yaml")).compile(plan: plan)
    }

    static func traced(_ plan: CompiledPlan, seed: UInt64, replication: Int) -> (ReplicationResult, [TraceRecord]) {
        var sim = Replication.simulation(plan: plan, seed: seed, replication: replication, trace: true)
        sim.run()
        return (sim.model.result(events: sim.eventsHandled), sim.model.trace ?? [])
    }

    static func status(_ plan: CompiledPlan, seed: UInt64, replication: Int, at date: CivilDate) throws -> (String, PlanStatus) {
        let (_, trace) = traced(plan, seed: seed, replication: replication)
        let text = try ProgressWriter.text(trace: trace, plan: plan, date: date)
        return (text, try ProgressReader.parse(Array(text.utf8), file: "progress.csv", plan: plan))
    }

    @Test("a progress file written from a replication's trace reads back, and the forecast's own trace writes the same file")
    func roundTrip() throws {
        // Yonghong has preparation, funding, risks, supervisors and failures; the minimal scenario is small.
        let cases: [(CompiledPlan, UInt64, CivilDate)] = [
            (try Self.yonghong(), 2022, CivilDate(year: 2023, month: 6, day: 30)!),
            (try ProgressFileTests.plan(), 7, CivilDate(year: 2024, month: 3, day: 20)!),
        ]
        for (plan, seed, date) in cases {
            let (text, status) = try Self.status(plan, seed: seed, replication: 0, at: date)
            #expect(status.entries.count > 3, "the status date should fall mid-programme")
            #expect(Set(status.entries.map(\.progress)).count >= 2)
            let (_, forecastTrace) = Self.traced(plan.forecasting(from: status), seed: seed, replication: 0)
            let again = try ProgressWriter.text(trace: forecastTrace, plan: plan, date: date)
            #expect(again == text)
        }
    }

    @Test("the forecast never redoes or loses finished work, never starts work before the status date, and finishes the rest")
    func finishedWorkStays() throws {
        let plan = try Self.yonghong()
        let (_, status) = try Self.status(plan, seed: 2022, replication: 0, at: CivilDate(year: 2023, month: 6, day: 30)!)
        let forecast = plan.forecasting(from: status)
        let accepted = status.entries.filter { $0.progress == .accepted }
        let underWay = status.entries.filter { $0.progress == .underWay }
        #expect(accepted.count > 50 && !underWay.isEmpty)
        for r in 0..<6 {
            let (result, trace) = Self.traced(forecast, seed: 2022, replication: r)
            for entry in accepted {
                // Accepted at its recorded finish, once, and never started again.
                #expect(result.orderFinishDays[entry.order] == Float(entry.finish / hoursPerCalendarDay))
                #expect(!trace.contains { $0.order == entry.order && $0.kind == .started && $0.time >= status.hours })
            }
            for entry in underWay {
                // Continues: its next event is its work done (a start later can only be rework after a failed inspection).
                let next = trace.first { $0.order == entry.order && $0.time >= status.hours && $0.kind != .failed }
                #expect(next?.kind == .workDone)
                #expect(Double(result.orderFinishDays[entry.order]) * hoursPerCalendarDay >= status.hours - 1e-3)
            }
            for record in trace where record.kind == .started && record.order >= 0 && !status.listed[record.order] {
                #expect(record.time >= status.hours, "work started before the status date")
            }
            #expect(!trace.contains { $0.kind == .skipped && $0.order >= 0 && status.listed[$0.order] })
            #expect(result.finished)
        }
    }

    /// One building: roof (lognormal, mean 200 h, sd 80 h) then paint
    /// (uniform 24–72 h), crews working round the clock from hour 0.
    static let oneBuilding = """
        name: conditional
        start: 2024-01-01
        deadline: 2024-12-31
        calendar: {workdays: [monday, tuesday, wednesday, thursday, friday, saturday, sunday], shift_start: 0, hours_per_day: 24}
        trades:
          roofing: {crews: 1}
          painting: {crews: 1}
        communities:
          - name: A
            buildings:
              - {name: "1", units: 10, floors: 5}
        work:
          building:
            - {name: roof, trades: {roofing: 1}, hours: {type: lognormal, mean: 200, sd: 80}}
            - {name: paint, trades: {painting: 1}, hours: {type: uniform, min: 24, max: 72}, after: [roof]}
        plans:
          - name: only
        """

    /// The history shared: the roof began at hour 0 and is still under way
    /// at the end of 6 January (hour 144). Every replication of the
    /// scenario whose roof takes more than 144 h has exactly that history —
    /// nothing else random happened before (no weather, no inspections) —
    /// so those replications' finishes are the distribution a forecast from
    /// that state must reproduce. The progress file is written from one of
    /// them. Forecast replications use other replication numbers than the
    /// originals, so the two samples are independent (their paint draws
    /// would otherwise be paired).
    @Test("the remaining finish of the forecast has the distribution of the replications that share its history")
    func conditionalFinish() throws {
        let plan = try CompiledPlan(scenario: ScenarioLoader.load(yaml: Self.oneBuilding, file: "c.yaml").valid)
        let date = CivilDate(year: 2024, month: 1, day: 6)!
        let seed: UInt64 = 11
        let n = 3000
        var continuing: [Double] = []
        var source: Int?
        for r in 0..<n {
            let result = Replication.run(plan: plan, seed: seed, replication: r)
            // The roof (order 0) is accepted when it finishes: after hour 144 means under way at the status date.
            if Double(result.orderFinishDays[0]) * 24 > 144 {
                continuing.append(result.finishDays)
                if source == nil { source = r }
            }
        }
        let (_, status) = try Self.status(plan, seed: seed, replication: try #require(source), at: date)
        #expect(status.entries.map(\.progress) == [.underWay] && status.entries.first?.worked == 144)
        let forecast = plan.forecasting(from: status)
        var forecastFinish: [Double] = []
        var roofFinish: [Double] = []
        for r in n..<(2 * n) {
            let result = Replication.run(plan: forecast, seed: seed, replication: r)
            forecastFinish.append(result.finishDays)
            roofFinish.append(Double(result.orderFinishDays[0]) * 24)
        }
        #expect(roofFinish.allSatisfy { $0 >= 144 })
        // P(roof > 144 h) = 1 − Φ((ln 144 − μ) / σ) ≈ 0.745 for this lognormal: about 2,235 continuing replications.
        #expect(continuing.count > 2_100)

        // 1. Means agree within a 99 % two-sample interval.
        func meanVar(_ x: [Double]) -> (Double, Double) {
            let m = x.reduce(0, +) / Double(x.count)
            return (m, x.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(x.count - 1))
        }
        let (m1, v1) = meanVar(continuing), (m2, v2) = meanVar(forecastFinish)
        #expect(abs(m1 - m2) < 2.576 * (v1 / Double(continuing.count) + v2 / Double(n)).squareRoot(),
                "continuing mean \(m1) d, forecast mean \(m2) d")

        // 2. The whole distributions agree: two-sample Kolmogorov–Smirnov at α = 0.01.
        let a = continuing.sorted(), b = forecastFinish.sorted()
        var i = 0, j = 0, d = 0.0
        while i < a.count && j < b.count {
            let x = min(a[i], b[j])
            while i < a.count && a[i] <= x { i += 1 }
            while j < b.count && b[j] <= x { j += 1 }
            d = max(d, abs(Double(i) / Double(a.count) - Double(j) / Double(b.count)))
        }
        let critical = 1.628 * ((Double(a.count) + Double(b.count)) / (Double(a.count) * Double(b.count))).squareRoot()
        #expect(d < critical, "KS distance \(d), critical \(critical)")

        // 3. The roof's finish against theory: E[X | X > 144] = ∫ Q(u) du over (F(144), 1) ÷ (1 − F(144)).
        let roof = plan.types[0].hours
        let p0 = roof.cdf(144)
        let steps = 200_000
        var integral = 0.0
        for k in 0..<steps { integral += roof.quantile(p0 + (Double(k) + 0.5) / Double(steps) * (1 - p0)) }
        let theory = integral / Double(steps)
        let (mr, vr) = meanVar(roofFinish)
        #expect(abs(mr - theory) < 2.576 * (vr / Double(n)).squareRoot(), "roof finish mean \(mr) h, theory \(theory) h")
    }

    @Test("the remaining hours are drawn by inversion of the truncated CDF: at the upper end of the support nothing remains")
    func remainingDraw() {
        let uniform = Distribution.uniform(min: 100, max: 300)
        // U(100, 300) given > 150 is U(150, 300): u = 0.5 gives 225, times a scale of 2.
        #expect(abs(Replication.remainingDraw(uniform, scale: 2, worked: 300, u: 0.5) - 450) < 1e-9)
        #expect(Replication.remainingDraw(uniform, scale: 1, worked: 150, u: 0) == 150)
        #expect(Replication.remainingDraw(uniform, scale: 1, worked: 400, u: 0.7) == 400)
        #expect(Replication.remainingDraw(.constant(10), scale: 1, worked: 4, u: 0.3) == 10)
        #expect(Replication.remainingDraw(uniform, scale: 0, worked: 5, u: 0.3) == 5)
    }
}
