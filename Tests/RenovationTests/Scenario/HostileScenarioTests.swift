import Foundation
import Testing
@testable import Renovation

/// Hostile numbers in every numeric field of `Tests/Fixtures/every-key.yaml`,
/// and the file cut anywhere: always a located `ScenarioError` or a
/// scenario that compiles and runs, never a trap or a hang.
@Suite("Hostile scenario input: every number replaced, every cut")
struct HostileScenarioTests {
    typealias F = ScenarioFixtures

    /// The plain numbers of the file (not dates, month-days, quoted names or year keys).
    static func numbers(in text: String) -> [Range<String.Index>] {
        let pattern = try? NSRegularExpression(pattern: #"(?<=[ \[{,])-?[0-9]+(\.[0-9]+)?(?=[ ,\]}\n])"#)
        let all = NSRange(text.startIndex..., in: text)
        return (pattern?.matches(in: text, range: all) ?? []).compactMap { Range($0.range, in: text) }
    }

    /// Loads `yaml`; when it loads, compiles it and runs a short replication.
    static func loadAndRun(_ yaml: String) -> ScenarioError? {
        let loaded: LoadedScenario
        do {
            loaded = try ScenarioLoader.load(yaml: yaml, file: "x.yaml")
        } catch {
            return error
        }
        // The first plan: the others differ only in phasing and crews, not in the numbers replaced.
        if let model = try? CompiledPlan(scenario: loaded.valid) {
            var sim = Replication.simulation(plan: model, seed: 1, replication: 0)
            _ = sim.run(maxEvents: 5_000)
            _ = sim.model.result(events: sim.eventsHandled)
        }
        return nil
    }

    @Test("NaN or infinity in any numeric field is an error at that line",
          arguments: [".nan", "-.inf"])
    func notFiniteEverywhere(_ value: String) throws {
        let text = try F.text("Tests/Fixtures/every-key.yaml")
        let places = Self.numbers(in: text)
        #expect(places.count > 80)
        for place in places {
            var yaml = text
            yaml.replaceSubrange(place, with: value)
            let line = text[..<place.lowerBound].filter { $0 == "\n" }.count + 1
            let error = Self.loadAndRun(yaml)
            #expect(error != nil, "\(value) accepted on line \(line)")
            #expect(error?.description.hasPrefix("x.yaml:\(line):") == true, "\(error?.description ?? "")")
        }
    }

    @Test("huge numbers in any numeric field: an error at that line, or a run that ends",
          arguments: ["1e308", "99999999999999999999", "-9223372036854775808"])
    func hugeEverywhere(_ value: String) throws {
        let text = try F.text("Tests/Fixtures/every-key.yaml")
        for place in Self.numbers(in: text) {
            var yaml = text
            yaml.replaceSubrange(place, with: value)
            let line = text[..<place.lowerBound].filter { $0 == "\n" }.count + 1
            if let error = Self.loadAndRun(yaml) {
                #expect(error.description.hasPrefix("x.yaml:\(line):"), "\(error.description)")
            }
        }
    }

    @Test("a generator whose mean passes draws no more than the validator's limits per community and building")
    func longTail() throws {
        let yaml = """
        name: tail
        start: 2024-01-01
        deadline: 2024-12-31
        trades: {t: {crews: 1}}
        generate:
          - {count: 12, buildings: {type: uniform, min: 0, max: 19998}, units: {type: uniform, min: 1, max: 199998}}
        work:
          building: [{name: w, trades: {t: 1}, hours: 1}]
        plans: [{name: p}]
        """
        let model = try CompiledPlan(scenario: ScenarioLoader.load(yaml: yaml, file: "tail.yaml").valid)
        #expect(model.communities.allSatisfy { $0.buildings.count <= ScenarioChecks.maximumBuildingsPerCommunity })
        #expect(model.buildings.units.allSatisfy { Int($0) <= ScenarioChecks.maximumUnitsPerBuilding })
        #expect(model.communities.contains { $0.buildings.count == ScenarioChecks.maximumBuildingsPerCommunity }, "\(model.communities.map(\.buildings.count))")
    }

    @Test("the file cut at any byte: an error or a scenario, never a trap")
    func truncatedAnywhere() throws {
        let bytes = Array(try F.text("Tests/Fixtures/every-key.yaml").utf8)
        for cut in stride(from: 0, to: bytes.count, by: 61) {
            if let loaded = try? ScenarioLoader.load(bytes: Array(bytes[..<cut]), file: "cut.yaml") {
                _ = try? CompiledPlan(scenario: loaded.valid)
            }
        }
        // A multi-byte character cut in half is an encoding error, not a crash.
        let cutChinese = Array("name: 永红\n".utf8).dropLast(2)
        #expect(throws: ScenarioError.self) { try ScenarioLoader.load(bytes: Array(cutChinese), file: "cut.yaml") }
    }
}
