@testable import Experiments
import Foundation
import Renovation
import Reports
import Stochastic
import Testing

@Suite("Tornado and criticality")
struct SensitivityTests {
    /// Three chained building work types on `buildings` buildings, one
    /// trade each; `hours` gives each type's distribution, `crews` each trade's crews.
    static func chain(hours: [String], crews: [Int], buildings: Int = 8) -> String {
        """
        name: chain
        start: 2024-01-01
        deadline: 2024-12-31
        trades:
          a: {crews: \(crews[0])}
          b: {crews: \(crews[1])}
          c: {crews: \(crews[2])}
        communities:
          - {name: only, building_count: \(buildings), building: {units: 10, floors: 5}}
        work:
          building:
            - {name: prep, trades: {a: 1}, hours: \(hours[0])}
            - {name: main, trades: {b: 1}, hours: \(hours[1]), after: [prep]}
            - {name: finish, trades: {c: 1}, hours: \(hours[2]), after: [main]}
        plans:
          - name: only
        """
    }

    static func scenario(_ yaml: String) throws -> ValidScenario {
        try ScenarioLoader.load(yaml: yaml, file: "chain.yaml").valid
    }

    @Test("low and high settings: P10/mean and P90/mean for durations, ×0.5 and ×1.5 capped for probabilities")
    func settings() throws {
        let scenario = try shipped("yonghong-2022.yaml").scenario
        let inputs = SensitivityInput.all(in: scenario)
        // 8 work types, 4 failure probabilities, rework share, rain, 2 defect rates.
        #expect(inputs.count == 16)
        let pipes = try #require(inputs.first)
        #expect(pipes.keyPath == "work.building[0].hours" && pipes.label == "pipes hours")
        let hours = Distribution.triangular(min: 1.5, mode: 2, max: 3)
        #expect(abs(pipes.lowFactor - hours.quantile(0.1) / hours.mean) < 1e-12)
        #expect(abs(pipes.highFactor - hours.quantile(0.9) / hours.mean) < 1e-12)
        let low = pipes.setting(.low, of: scenario).scenario.work.building[0].hours
        #expect(abs(low.mean - hours.quantile(0.1)) < 1e-9)
        let rain = try #require(inputs.first { $0.target == .rainProbability })
        let wetter = try #require(rain.setting(.high, of: scenario).scenario.weather?.rainProbability)
        #expect(wetter == scenario.weather?.rainProbability.map { min(1, $0 * 1.5) })
        let roofing = try #require(inputs.first { $0.keyPath == "supervisors.failure_probability.roofing" })
        #expect(roofing.setting(.low, of: scenario).scenario.supervisors?.failure(for: "roofing") == 0.05)
        var certain = scenario
        certain.supervisors?.failureProbability.entries[0].value = 0.9
        let capped = inputs.first { $0.target == .failureProbability(0) }?.setting(.high, of: certain).scenario
        #expect(capped?.supervisors?.failureProbability.entries[0].value == 1)
    }

    @Test("only one uncertain work type: it tops the tornado and the others swing 0")
    func tornado() throws {
        let scenario = try Self.scenario(Self.chain(
            hours: ["8", "{type: triangular, min: 16, mode: 24, max: 48}", "8"], crews: [2, 2, 2]))
        let report = try SensitivityReport.run(scenario: scenario, plan: nil, seed: 7, replications: 4, threads: 2)
        #expect(report.tornado.count == 3)
        #expect(report.tornado[0].label == "main hours")
        #expect(report.tornado[0].swing > 0)
        #expect(report.tornado[0].lowP50Days < report.baselineP50Days)
        #expect(report.baselineP50Days < report.tornado[0].highP50Days)
        #expect(report.tornado.dropFirst().allSatisfy { $0.swing == 0 })
        // Ties keep file order.
        #expect(report.tornado.dropFirst().map(\.label) == ["prep hours", "finish hours"])
        let text = SensitivityText.render(report)
        #expect(text.contains("swing (days)") && text.contains("main hours"))
    }

    @Test("the engine records the final window's crew wait and each type's last acceptance, by hand")
    func finalWindowByHand() throws {
        // Monday 2024-01-01, 8-hour shifts from 08:00, Monday to Saturday. Two roofs in
        // parallel, done Tuesday 16:00 (40 h); one painter paints building 1 on Wednesday
        // (to 64 h), then building 2 on Thursday (to 88 h), having waited 40 → 64 h.
        let yaml = """
            name: hand
            start: 2024-01-01
            deadline: 2024-01-31
            trades:
              roofing: {crews: 2}
              painting: {crews: 1}
            communities:
              - {name: A, building_count: 2, building: {units: 10, floors: 5}}
            work:
              building:
                - {name: roof, trades: {roofing: 1}, hours: 16}
                - {name: paint, trades: {painting: 1}, hours: 8, after: [roof]}
            plans:
              - name: only
            """
        let model = try CompiledPlan(scenario: Self.scenario(yaml))
        let r = Replication.run(plan: model, seed: 1, replication: 0)
        #expect(r.finishDays * 24 == 88)
        // The final window is the last 10 % of 88 h: only the second painting, which waited a day.
        #expect(r.finalWindowCrewWaitDays == [0, 1])
        #expect(r.lastAcceptanceDaysByType == [40.0 / 24, 88.0 / 24])
        let c = Criticality(model: model, results: [r])
        #expect(c.trades.map(\.share.successes) == [0, 1])
        #expect(c.workTypes.map(\.share.successes) == [0, 1])
    }

    @Test("one crew against fifty: that trade binds the end in every replication")
    func criticality() throws {
        let uncertain = "{type: triangular, min: 8, mode: 12, max: 20}"
        // Thirty buildings, so that the last jobs after the bottleneck take well under 10 % of the programme.
        let scenario = try Self.scenario(Self.chain(hours: [uncertain, uncertain, uncertain], crews: [50, 1, 50],
                                                    buildings: 30))
        let model = try CompiledPlan(scenario: scenario)
        let results = ReplicationRunner(threads: 2).run(model: model, seed: 11, replications: 0..<10)
        let c = Criticality(model: model, results: results)
        #expect(c.finishedReplications == 10)
        #expect(c.trades.map(\.name) == ["a", "b", "c"])
        #expect(c.trades[1].share.estimate == 1)
        #expect(c.trades[1].share.lower > 0.6)
        #expect(c.noBindingTrade.successes == 0)
        // The last building's finishing work is always the last acceptance.
        #expect(c.workTypes.map(\.share.successes) == [0, 0, 10])
    }

    @Test("a setting that breaks a scenario rule is refused with the validator's issue, led by the setting")
    func invalidSetting() throws {
        let loaded = try ScenarioLoader.load(yaml: Self.chain(hours: ["8", "8", "8"], crews: [1, 1, 1]), file: "chain.yaml")
        // A billion times the hours: past the validator's limit on any duration.
        let input = SensitivityInput(keyPath: "work.building[1].hours", label: "main hours", target: .buildingWorkHours(1),
                                     lowFactor: 1, highFactor: 1e9)
        let error = #expect(throws: ScenarioError.self) {
            try SensitivityReport.run(scenario: loaded.valid, plan: nil, seed: 1, replications: 2, threads: 1, inputs: [input])
        }
        let issue = try #require(error?.issues.first)
        #expect(issue.keyPath == "work.building[1].hours")
        #expect(issue.message.hasPrefix("sensitivity: work.building[1].hours at its high setting ("), "\(issue)")
        #expect(issue.message.contains("is implausibly large"), "\(issue)")
        // The CLI places it on the line the setting changes.
        let placed = loaded.place(try #require(error)).description
        #expect(placed.hasPrefix("chain.yaml:13:"), "\(placed)")
    }

    @Test("the report is the same for 1 and 2 threads")
    func determinism() throws {
        let scenario = try fixture("minimal.yaml").valid
        let one = try SensitivityReport.run(scenario: scenario, plan: "staged", seed: 3, replications: 3, threads: 1)
        let two = try SensitivityReport.run(scenario: scenario, plan: "staged", seed: 3, replications: 3, threads: 2)
        #expect(try RunOutput.json(one) == RunOutput.json(two))
    }
}
