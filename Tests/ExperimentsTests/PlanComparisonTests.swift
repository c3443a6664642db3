import Experiments
import Foundation
import Renovation
import Reports
import Stochastic
import Testing

func fixture(_ name: String) throws -> LoadedScenario {
    try ScenarioLoader.load(path: repositoryRoot.appendingPathComponent("Tests/Fixtures/\(name)").path)
}

@Suite("Paired plan comparison on common random numbers")
struct PlanComparisonTests {
    @Test("Student's t quantile matches tables")
    func tQuantile() {
        #expect(abs(Statistics.studentTQuantile(0.975, degreesOfFreedom: 4) - 2.776445105) < 1e-8)
        #expect(abs(Statistics.studentTQuantile(0.975, degreesOfFreedom: 9.5) - 2.244137461) < 1e-8)
        #expect(Statistics.studentTQuantile(0.975, degreesOfFreedom: 0).isNaN)
        #expect(Statistics.studentTQuantile(1.5, degreesOfFreedom: 3).isNaN)
    }

    @Test("paired and independent intervals by hand")
    func pairedByHand() {
        // Differences 2, 1, 3, 2: mean 2, sd √(2/3); t(0.975, 3) = 3.182446.
        let d = PairedDifference(metric: "x", baseline: [10, 12, 11, 15], plan: [12, 13, 14, 17])
        #expect(d.pairs == 4)
        #expect(d.meanDifference == 2)
        let half = 3.182446305 * (2.0 / 3.0 / 4).squareRoot()
        #expect(abs(d.pairedHalfWidth - half) < 1e-8)
        #expect(abs(d.ciLower - (2 - half)) < 1e-8 && d.significant)
        // var(a) = 14/3, var(b) = 14/3, var(d) = 2/3: 1 − (2/3)/(28/3) = 13/14.
        #expect(abs(d.varianceReduction - 13.0 / 14.0) < 1e-12)
        // Equal variances and sizes: Welch df = 6, half-width t(0.975, 6)·√(28/3/4).
        #expect(abs(d.independentHalfWidth - 2.446911851 * (28.0 / 3.0 / 4).squareRoot()) < 1e-8)
        #expect(abs(d.halfWidthRatio - d.independentHalfWidth / d.pairedHalfWidth) < 1e-12)
        // A pair with a NaN is left out; rounding noise is no difference.
        let partial = PairedDifference(metric: "x", baseline: [1, .nan, 3], plan: [1, 2, 3 + 1e-12])
        #expect(partial.pairs == 2 && partial.meanDifference == 0 && !partial.significant)
    }

    @Test("a plan compared with itself differs by exactly zero and never significantly")
    func selfComparison() throws {
        let scenario = try fixture("minimal.yaml").valid
        let c = try PlanComparison.run(scenario: scenario, plans: ["staged", "staged"], seed: 5, replications: 6, threads: 2)
        #expect(c.pairs.count == 1)
        #expect(try RunOutput.json(c.plans[0]) == RunOutput.json(c.plans[1]))
        for d in try #require(c.pairs.first).differences {
            #expect(!d.significant, "\(d.metric)")
            // Without defects there is no on-site attainment to pair.
            guard d.pairs > 0 else { continue }
            #expect(d.pairs == 6 && d.meanDifference == 0 && d.standardDeviation == 0, "\(d.metric)")
            #expect(d.ciLower == 0 && d.ciUpper == 0, "\(d.metric)")
        }
        #expect(c.pairs[0].difference(.finishDays)?.halfWidthRatio == .infinity)
        #expect(c.pairs[0].differences.map(\.metric) == ComparisonMetric.allCases.map(\.name))
    }

    @Test("the same comparison for 1 and 2 threads, byte for byte")
    func threads() throws {
        let scenario = try fixture("minimal.yaml").valid
        let plans = ["all-at-once", "staged"]
        let one = try PlanComparison.run(scenario: scenario, plans: plans, seed: 3, replications: 5, threads: 1)
        let two = try PlanComparison.run(scenario: scenario, plans: plans, seed: 3, replications: 5, threads: 2)
        #expect(try RunOutput.json(one) == RunOutput.json(two))
    }

    @Test("run to a precision: the same as the plain comparison with as many replications")
    func precision() throws {
        let scenario = try fixture("minimal.yaml").valid
        let models = try ["all-at-once", "staged"].map { try CompiledPlan(scenario: scenario, plan: $0) }
        let loose = PlanComparison.run(models: models, seed: 4, initial: 3, halfWidthDays: 1_000, maxReplications: 50, threads: 2)
        #expect(loose.reached && loose.comparison.replications == 3)
        let tight = PlanComparison.run(models: models, seed: 4, initial: 3, halfWidthDays: 1e-6, maxReplications: 25, threads: 2)
        #expect(!tight.reached)
        #expect(tight.comparison.replications == 25)
        let plain = PlanComparison.run(models: models, seed: 4, replications: 25, threads: 1)
        #expect(try RunOutput.json(tight.comparison) == RunOutput.json(plain))
        #expect(tight.halfWidthDays == plain.pairs[0].difference(.finishDays)?.pairedHalfWidth)
    }

    @Test("an unknown plan is refused with the validator's issue, naming the closest plan")
    func unknownPlan() throws {
        let loaded = try fixture("minimal.yaml")
        let error = #expect(throws: ScenarioError.self) {
            try PlanComparison.run(scenario: loaded.valid, plans: ["staged", "stagd"], seed: 1, replications: 2, threads: 1)
        }
        #expect(error?.issues.map(\.keyPath) == ["plans"])
        #expect(error?.issues.first?.message == "'stagd' is not a plan — did you mean 'staged'?")
        // Placed in the file like every other issue.
        let placed = try #require(error.map(loaded.place))
        #expect(placed.description.hasPrefix(loaded.file + ":"), "\(placed)")
        #expect(placed.issues.first?.location != nil)
    }

    @Test("Yonghong: three years finishes earlier than five, and pairing narrows the interval")
    func yonghong() throws {
        let scenario = try shipped("yonghong-2022.yaml").valid
        let c = try PlanComparison.run(scenario: scenario, plans: ["five-year", "three-year"], seed: 2022,
                                       replications: 24, threads: 2)
        let finish = try #require(c.pairs.first?.difference(.finishDays))
        #expect(c.pairs[0].plan == "three-year" && c.baseline == "five-year")
        // The three-year plan releases its last tranche two years earlier.
        #expect(finish.meanDifference < -365)
        #expect(finish.ciUpper < 0 && finish.significant)
        // Common random numbers: the paired interval is narrower than an independent one.
        #expect(finish.pairedHalfWidth < finish.independentHalfWidth)
        #expect(finish.halfWidthRatio > 1)
        #expect(finish.varianceReduction > 0)
        // Releasing earlier brings more buildings under works at once.
        let peak = try #require(c.pairs[0].difference(.peakSites))
        #expect(peak.meanDifference > 0)
        let text = ComparisonText.render(c)
        #expect(text.contains("three-year − five-year"))
        #expect(text.contains("finish_days"))
    }

    @Test("milestones are paired in compare and checked by name; risks and preparation reach the result file")
    func milestonesPairedAndChecked() throws {
        let valid = try shipped("yonghong-2022.yaml").valid
        let models = try ["three-year-2021-preparation", "three-year"].map { try CompiledPlan(scenario: valid, plan: $0) }
        let results = PlanComparison.replicate(models: models, seed: 9, replications: 12, threads: 2)
        let comparison = PlanComparison(models: models, results: results, seed: 9)
        let name = "milestone_met[guangjing-first]"
        let d = try #require(comparison.pairs.first?.differences.first { $0.metric == name })
        // The paired mean difference is the change in P(met), replication by replication.
        let met = results.map { $0.map { $0.milestonesMet![0] ? 1.0 : 0 } }
        #expect(abs(d.meanDifference - zip(met[1], met[0]).map { $0 - $1 }.reduce(0, +) / 12) < 1e-12)
        #expect(comparison.plans[1].milestones?.first?.met.successes == Int(met[1].reduce(0, +)))

        let document = ResultDocument(model: models[1], seed: 9, results: results[1],
                                      scenario: .init(name: "yonghong-2022", file: "y.yaml", sha256: ""), toolVersion: "test")
        let series = Dictionary(uniqueKeysWithValues: document.metricSeries().map { ($0.name, $0.values) })
        #expect(series[name] == met[1])
        #expect(series["risk_occurrences[citywide-stop-2022]"] == results[1].map { Double($0.risks!.occurrences[2]) })
        #expect(series["preparation_share"]?.allSatisfy { $0 > 0 && $0 < 1 } == true)
        #expect(series["funding_wait_days"]?.allSatisfy { $0 >= 0 } == true)
        // A check of the file against itself sees every new series and finds them unchanged.
        let read = try ResultJSON.decode(ResultDocument.self, from: ResultJSON.encode(document))
        let report = BaselineCheck(mode: .exact).compare(baseline: read, current: document)
        #expect(report.outcome == .unchanged)
        for label in [name, "risk_days_lost[hidden-pipe-conditions]", "peak_advance", "consent_rounds"] {
            #expect(report.metrics.contains { $0.metric == label && $0.verdict == .identical }, "\(label)")
        }
    }
}
