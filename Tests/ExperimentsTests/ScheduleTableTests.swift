import Experiments
import Foundation
import Renovation
import Reports
import Testing

@Suite("schedule.csv: per work order, start and finish dates, trades and crews")
struct ScheduleTableTests {
    /// schedule.csv written for `results` of `model`, as rows of fields (header first).
    func schedule(_ results: [ReplicationResult], _ model: CompiledPlan, _ loaded: LoadedScenario) throws -> [[String]] {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("renosim-schedule-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let document = ResultDocument(model: model, seed: 3, results: results,
                                      scenario: .init(name: loaded.scenario.name, file: "minimal.yaml", sha256: loaded.sha256),
                                      toolVersion: ToolVersion.current)
        _ = try RunOutput.write(document: document, results: results, model: model, to: folder.path)
        let text = try String(contentsOf: folder.appendingPathComponent("schedule.csv"), encoding: .utf8)
        return text.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    }

    @Test("one replication: each order's start is its trace's first start, its finish its acceptance")
    func matchesTrace() throws {
        let loaded = try ScenarioLoader.load(path: repositoryRoot.appendingPathComponent("Tests/Fixtures/minimal.yaml").path)
        let model = try loaded.compile(plan: "staged")
        var sim = Replication.simulation(plan: model, seed: 3, replication: 0, trace: true)
        sim.run()
        let result = sim.model.result(events: sim.eventsHandled)
        let trace = try #require(sim.model.trace)
        let rows = try schedule([result], model, loaded)
        #expect(rows[0] == ["community", "district", "building", "work_type", "trade", "crews", "start_p10", "start_p50",
                            "start_p90", "finish_p10", "finish_p50", "finish_p90", "replications_started",
                            "replications_finished"])
        #expect(rows.count == model.orderCount + 1)
        for o in 0..<model.orderCount {
            let row = rows[o + 1]
            let started = try #require(trace.first { $0.kind == .started && $0.order == o })
            let accepted = try #require(trace.last { $0.kind == .accepted && $0.order == o })
            let type = model.types[model.typeIndex(of: o)]
            #expect(row[0] == model.communities[model.community(of: o)].name)
            #expect(row[3] == type.name)
            #expect(row[4] == type.needs.map { model.tradeNames[$0.trade] }.joined(separator: "+"))
            #expect(row[5] == type.needs.map { String($0.crews) }.joined(separator: "+"))
            // With one replication every quantile is that replication's date.
            #expect(row[6] == model.date(atHours: started.time).description && row[7] == row[6] && row[8] == row[6])
            #expect(row[9] == model.date(atHours: accepted.time).description && row[10] == row[9] && row[11] == row[9])
            #expect(row[12] == "1" && row[13] == "1")
            #expect(row[6] <= row[9])
        }
    }

    @Test("many replications: P10 ≤ P50 ≤ P90, and the P50 start is the median of the replications' starts")
    func quantiles() throws {
        let loaded = try ScenarioLoader.load(path: repositoryRoot.appendingPathComponent("Tests/Fixtures/minimal.yaml").path)
        let model = try loaded.compile(plan: nil)
        let results = ReplicationRunner(threads: 2).run(model: model, seed: 3, replications: 0..<21)
        let rows = try schedule(results, model, loaded)
        for o in 0..<model.orderCount {
            let row = rows[o + 1]
            #expect(row[6] <= row[7] && row[7] <= row[8] && row[9] <= row[10] && row[10] <= row[11])
            // 21 replications: the median is the 11th smallest.
            let starts = results.map { Double($0.orderStartDays![o]) }.sorted()
            #expect(row[7] == model.start.adding(fractionalDays: starts[10]).description)
        }
    }
}
