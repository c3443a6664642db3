import Experiments
import Foundation
import Renovation
import Reports
import Testing

/// Every output names metrics as the registry does, and nothing else.
@Suite("Metric registry: one name per metric in every output")
struct MetricRegistryTests {
    let model: CompiledPlan
    let results: [ReplicationResult]
    let document: ResultDocument

    init() throws {
        let scenario = try ScenarioLoader.load(path: repositoryRoot.appendingPathComponent("Tests/Fixtures/minimal.yaml").path).valid
        model = try CompiledPlan(scenario: scenario, plan: "staged")
        results = ReplicationRunner(threads: 1).run(model: model, seed: 7, replications: 0..<4)
        document = ResultDocument(model: model, seed: 7, results: results,
                                  scenario: .init(name: "minimal", file: "minimal.yaml", sha256: String(repeating: "0", count: 64)),
                                  toolVersion: "test")
    }

    /// Every label of the bounded metrics for this run, in registry order.
    var boundedLabels: [String] {
        Metric.all.filter(\.isBounded).flatMap { m in
            m.dimension.map { Metric.indexNames($0, plan: model, years: results[0].completionsPerYear.count).map(m.label) } ?? [m.name]
        }
    }

    @Test("names are snake_case, unique, and each reads one value per index")
    func registry() {
        let names = Metric.all.map(\.name)
        #expect(Set(names).count == names.count)
        for name in names { #expect(name.allSatisfy { $0.isLowercase || $0 == "_" }, "\(name)") }
        for m in Metric.all where m.dimension != nil && m.dimension != .year {
            #expect(m.read(results[0], plan: model).count == Metric.indexNames(m.dimension!, plan: model, years: 0).count, "\(m.name)")
        }
    }

    @Test("replications.csv, result.json, check series, compare and the summary use the registry's names only")
    func outputs() throws {
        let header = RunOutput.replicationTable(results, model: model).header
        #expect(header.filter { $0 != "replication" && $0 != "finish_date" } == boundedLabels)

        let json = try JSONSerialization.jsonObject(with: ResultJSON.encode(document)) as? [String: Any]
        let record = try #require((json?["per_replication"] as? [[String: Any]])?.first)
        #expect(Set(record.keys).subtracting(["replication", "stall"]) == Set(Metric.all.filter(\.isBounded).map(\.name)))

        #expect(document.metricSeries().map(\.name) == boundedLabels)
        #expect(document.summary?.metrics.map(\.label) == boundedLabels)
        for metric in ComparisonMetric.allCases { #expect(boundedLabels.contains(metric.name), "\(metric.name)") }
        let summaryText = SummaryText.render(try #require(document.summary))
        #expect(summaryText.contains(Metric.utilisation.name) && summaryText.contains(Metric.waitDays.name))
    }

    @Test("docs/results-schema.md lists the registry as it is")
    func reference() throws {
        let text = try String(contentsOf: repositoryRoot.appendingPathComponent("docs/results-schema.md"), encoding: .utf8)
        #expect(text.contains(Metric.referenceTable), "regenerate the table in docs/results-schema.md from Metric.referenceTable")
    }

    @Test("a schema-1 record is read under the registry's names")
    func legacy() throws {
        let v1 = try ResultFile.read(repositoryRoot.appendingPathComponent("Tests/Fixtures/result-schema1.json").path)
        #expect(v1.schemaVersion == 1)
        let record = try #require(v1.perReplication.first)
        // Schema 1's crew_utilisation had another definition (rain days unavailable): not read as utilisation.
        #expect(record.values[Metric.utilisation.name] == nil)
        #expect(record[.cost].count == v1.names.years.count)
        #expect(!record[scalar: .responderWaitHours].isNaN)
        #expect(record.values[Metric.failureRate.name] == nil)
    }
}
