import Experiments
import Foundation
import Renovation
import Testing

/// Small runs of the minimal fixture: 50 replications take a fraction of a
/// second even in a debug build.
private func minimal() throws -> Scenario {
    try ScenarioLoader.load(path: repositoryRoot.appendingPathComponent("Tests/Fixtures/minimal.yaml").path).scenario
}

func resultDocument(_ scenario: Scenario, plan: String = "staged", seed: UInt64 = 42,
                    replications: Int = 50) throws -> ResultDocument {
    let model = try CompiledPlan(scenario: ScenarioValidator.validated(scenario), plan: plan)
    let results = ReplicationRunner(threads: 2).run(model: model, seed: seed, replications: 0..<replications)
    return ResultDocument(model: model, seed: seed, results: results,
                          scenario: .init(name: model.scenarioName, file: "minimal.yaml", sha256: String(repeating: "0", count: 64)),
                          toolVersion: "test")
}

private func verdict(_ report: BaselineReport, _ metric: String) -> MetricComparison.Verdict? {
    report.metrics.first { $0.metric == metric }?.verdict
}

@Suite("Baseline check: noise passes, real changes fail")
struct BaselineCheckTests {
    @Test("Holm's adjusted p-values")
    func holm() {
        #expect(HolmBonferroni.adjust([0.01, 0.04, 0.03]) == [0.03, 0.06, 0.06])
        #expect(HolmBonferroni.adjust([]) == [])
        #expect(HolmBonferroni.adjust([0.2, .nan, 0.001]) == [0.4, 1, 0.003])
    }

    @Test("a rerun with the same seed is identical and unchanged")
    func sameSeed() throws {
        let scenario = try minimal()
        let a = try resultDocument(scenario), b = try resultDocument(scenario)
        let statistical = BaselineCheck(mode: .statistical).compare(baseline: a, current: b)
        #expect(statistical.outcome == .unchanged)
        #expect(statistical.tests > 0)
        #expect(statistical.metrics.allSatisfy { $0.verdict == .unchanged || $0.verdict == .noValues })
        let exact = BaselineCheck(mode: .exact).compare(baseline: a, current: b)
        #expect(exact.outcome == .unchanged)
        #expect(exact.metrics.allSatisfy { $0.verdict == .identical || $0.verdict == .noValues })
    }

    @Test("reseeding is noise: the statistical check passes for ten other seeds, the exact one fails")
    func reseed() throws {
        let scenario = try minimal()
        let baseline = try resultDocument(scenario)
        for seed in UInt64(1)...10 {
            let current = try resultDocument(scenario, seed: seed)
            let report = BaselineCheck(mode: .statistical).compare(baseline: baseline, current: current)
            #expect(report.outcome == .unchanged, "seed \(seed): \(report.metrics.filter(\.verdict.isChange).map(\.metric))")
            #expect(report.seed == seed && report.baselineSeed == 42)
            if seed == 1 {
                let exact = BaselineCheck(mode: .exact).compare(baseline: baseline, current: current)
                #expect(exact.outcome == .changed)
                #expect(verdict(exact, "finish_days") == .differs)
            }
        }
    }

    @Test("halving one trade's crews is a change in finish, its utilisation and crew waits")
    func crewsHalved() throws {
        let scenario = try minimal()
        var fewer = scenario
        let painting = try #require(fewer.trades.entries.firstIndex { $0.key == "painting" })
        fewer.trades.entries[painting].value.crews = 1
        let report = BaselineCheck(mode: .statistical)
            .compare(baseline: try resultDocument(scenario), current: try resultDocument(fewer))
        #expect(report.outcome == .changed)
        for metric in ["finish_days", "utilisation[painting]", "wait_days[crew]"] {
            #expect(verdict(report, metric) == .changed, "\(metric)")
        }
        // Cost follows hours, not crews.
        #expect(verdict(report, "total_cost") == .unchanged)
    }

    @Test("raising a work type's mean hours by 10 % is a change")
    func hoursRaised() throws {
        let scenario = try minimal()
        var longer = scenario
        let paint = try #require(longer.work.building.firstIndex { $0.name == "paint" })
        longer.work.building[paint].hours = longer.work.building[paint].hours.scaled(by: 1.1)
        let report = BaselineCheck(mode: .statistical)
            .compare(baseline: try resultDocument(scenario, replications: 60), current: try resultDocument(longer, replications: 60))
        #expect(report.outcome == .changed)
        #expect(verdict(report, "total_cost") == .changed)
        #expect(verdict(report, "utilisation[painting]") == .changed)
    }

    @Test("a significant shift smaller than the tolerance does not count; a constant must keep its value")
    func toleranceAndConstants() throws {
        var baseline = try resultDocument(try minimal(), replications: 20)
        for i in baseline.perReplication.indices {
            baseline.perReplication[i][scalar: .finishDays] = 50 + Double(i % 5) * 0.01
        }
        var current = baseline
        for i in current.perReplication.indices { current.perReplication[i][scalar: .finishDays] += 0.5 }
        let small = BaselineCheck(mode: .statistical).compare(baseline: baseline, current: current)
        let row = try #require(small.metrics.first { $0.metric == "finish_days" })
        #expect(row.verdict == .withinTolerance)
        #expect((row.welchPHolm ?? 1) < 0.01)
        #expect(row.tolerance == 1)
        #expect(small.outcome == .unchanged)

        for i in current.perReplication.indices { current.perReplication[i][scalar: .finishDays] += 1.5 }
        #expect(verdict(BaselineCheck(mode: .statistical).compare(baseline: baseline, current: current), "finish_days") == .changed)

        // Peak sites are 2 in every replication of the staged plan: a constant.
        #expect(baseline.perReplication.allSatisfy { $0[scalar: .peakSites] == 2 })
        var constant = baseline
        for i in constant.perReplication.indices { constant.perReplication[i][scalar: .peakSites] = 3 }
        let report = BaselineCheck(mode: .statistical).compare(baseline: baseline, current: constant)
        let peak = try #require(report.metrics.first { $0.metric == "peak_sites" })
        #expect(peak.constant && peak.verdict == .changed && peak.welchP == nil)
    }

    @Test("metrics without values, with too few, and on one side only")
    func missingValues() throws {
        let baseline = try resultDocument(try minimal(), replications: 10)
        var current = baseline
        let report = BaselineCheck(mode: .statistical).compare(baseline: baseline, current: current)
        #expect(verdict(report, "attainment[on_site]") == .noValues)
        current.perReplication[0][.attainment][1] = 1
        #expect(verdict(BaselineCheck(mode: .statistical).compare(baseline: baseline, current: current),
                        "attainment[on_site]") == .tooFewValues)
        current.names.trades[0] = "renamed"
        let renamed = BaselineCheck(mode: .statistical).compare(baseline: baseline, current: current)
        #expect(verdict(renamed, "utilisation[\(baseline.names.trades[0])]") == .onlyInBaseline)
        #expect(verdict(renamed, "utilisation[renamed]") == .onlyInCurrent)
        #expect(renamed.outcome == .changed)

        // A later horizon adds calendar years; a year one run lacks had nothing in it.
        var longer = baseline
        longer.names.years.append(2099)
        for i in longer.perReplication.indices {
            longer.perReplication[i][.completions].append(0)
            longer.perReplication[i][.cost].append(0)
        }
        let horizon = BaselineCheck(mode: .statistical).compare(baseline: baseline, current: longer)
        #expect(verdict(horizon, "cost[2099]") == .unchanged)
        #expect(horizon.outcome == .unchanged)
        longer.perReplication[0][.cost][longer.names.years.count - 1] = 1e6
        #expect(verdict(BaselineCheck(mode: .exact).compare(baseline: baseline, current: longer), "cost[2099]") == .differs)
    }
}
