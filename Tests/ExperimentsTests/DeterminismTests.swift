import Experiments
import Foundation
import Reports
import Testing
@testable import Renovation

let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

func shipped(_ name: String) throws -> LoadedScenario {
    try ScenarioLoader.load(path: repositoryRoot.appendingPathComponent("scenarios/\(name)").path)
}

@Suite("Reproducibility and common random numbers")
struct DeterminismTests {
    @Test("results are byte-identical for 1, 2 and 8 threads")
    func threadCounts() throws {
        let model = try CompiledPlan(scenario: shipped("yonghong-2022.yaml").valid, plan: "three-year")
        let runs = [1, 2, 8].map { ReplicationRunner(threads: $0).run(model: model, seed: 42, replications: 0..<12) }
        // Compared as text: optional work residents did not ask for is never accepted, and its NaN
        // finish would make `==` false between identical runs.
        let sameFor2 = "\(runs[0])" == "\(runs[1])", sameFor8 = "\(runs[0])" == "\(runs[2])"
        #expect(sameFor2)
        #expect(sameFor8)
        let json = try runs.map { try RunOutput.json(PlanSummary(model: model, seed: 42, results: $0)) }
        #expect(json[0] == json[1] && json[0] == json[2])
        // And a replication is the same whether run alone or in a batch.
        let alone = "\(Replication.run(plan: model, seed: 42, replication: 7))" == "\(runs[0][7])"
        #expect(alone)
    }

    @Test("a different seed gives different results")
    func seeds() throws {
        let model = try CompiledPlan(scenario: shipped("yonghong-2022.yaml").valid, plan: "three-year")
        let differ = Replication.run(plan: model, seed: 1, replication: 0) != Replication.run(plan: model, seed: 2, replication: 0)
        #expect(differ)
    }

    @Test("plans with other crews and phasing see identical work content and weather")
    func commonRandomNumbers() throws {
        let scenario = try shipped("yonghong-2022.yaml").scenario
        let valid = try ScenarioValidator.validated(scenario)
        let five = try CompiledPlan(scenario: valid, plan: "five-year")
        let three = try CompiledPlan(scenario: valid, plan: "three-year")
        #expect(five.releaseTime != three.releaseTime)
        for r in 0..<5 {
            let a = Replication(plan: five, seed: 9, replication: r)
            let b = Replication(plan: three, seed: 9, replication: r)
            let sameContent = a.hours == b.hours
            let sameWeather = a.calendars == b.calendars
            #expect(sameContent)
            #expect(sameWeather)
        }
        // More crews of every trade: the same buildings still.
        var richer = scenario
        for i in richer.trades.entries.indices { richer.trades.entries[i].value.crews += 3 }
        let more = try CompiledPlan(scenario: ScenarioValidator.validated(richer), plan: "three-year")
        let moreCrews = Replication(plan: more, seed: 9, replication: 0).hours == Replication(plan: three, seed: 9, replication: 0).hours
        #expect(moreCrews)
        // Another replication draws other content.
        let otherReplication = Replication(plan: three, seed: 9, replication: 1).hours != Replication(plan: three, seed: 9, replication: 0).hours
        #expect(otherReplication)
    }
}
