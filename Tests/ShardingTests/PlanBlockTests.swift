import Experiments
import Foundation
import Renovation
import Sharding
import Testing

@Suite("Plan block: an optimised plan as YAML that pastes into the scenario")
struct PlanBlockTests {
    static func text() throws -> String {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return try String(contentsOf: root.appendingPathComponent("Tests/Fixtures/minimal.yaml"), encoding: .utf8)
    }

    @Test("a candidate written as a block and read back compiles to the same plan as the candidate applied directly")
    func roundTrip() throws {
        let text = try Self.text()
        let loaded = try ScenarioLoader.load(yaml: text, file: "minimal.yaml")
        let spec = try #require(loaded.scenario.plans.first { $0.name == "staged" })
        let space = PlanSpace(plan: try CompiledPlan(scenario: loaded.valid, plan: "staged"), spec: spec)
        // West before east, both on the first date; paint before roof in ties; most_successors.
        var candidate = space.start
        candidate.communityOrder = candidate.communityOrder.reversed()
        candidate.phase = candidate.phase.map { _ in 0 }
        candidate.dispatch = .mostSuccessors
        candidate.typeOrder = candidate.typeOrder.reversed()
        // Project mode's starts: hours that are not whole days must come back exact.
        candidate.notBefore = space.typeNames.indices.map { Double($0 * 7) }
        var applied = space.apply(candidate, to: spec, name: "staged-optimised")
        applied.description = "a \"quoted\" note: with colons"
        let copy = try PlanBlock.inserting(applied, into: text)
        #expect(copy.hasPrefix(text.trimmingCharacters(in: .newlines)))
        let reread = try ScenarioLoader.load(yaml: copy, file: "copy.yaml")
        let fromBlock = try CompiledPlan(scenario: reread.valid, plan: "staged-optimised")
        var direct = loaded.scenario
        direct.plans.append(applied)
        let expected = try CompiledPlan(scenario: try ScenarioValidator.validated(direct), plan: "staged-optimised")
        #expect(fromBlock.releaseOrder == expected.releaseOrder)
        #expect(fromBlock.releaseTime == expected.releaseTime)
        #expect(fromBlock.priority == expected.priority)
        #expect(fromBlock.dispatch == .mostSuccessors)
        #expect(fromBlock.notBeforeHours == candidate.notBefore)
        #expect(expected.notBeforeHours == candidate.notBefore)
        #expect(reread.scenario.plans.last?.description == applied.description)
        #expect(fromBlock.releaseOrder.map { fromBlock.communities[$0].name } == ["west", "east"])
    }

    @Test("a start on a whole hour, written as days, comes back as that hour for every hour of 100 years")
    func wholeHoursRoundTrip() {
        var wrong = 0
        for hour in 0..<(100 * 366 * 24) {
            let days = Double(hour) / 24
            if days * 24 != Double(hour) || Double("\(days)") != days { wrong += 1 }
        }
        #expect(wrong == 0)
    }

    @Test("a scenario whose plans are a flow list gets no copy, and says why")
    func flowList() throws {
        let text = try Self.text()
        let loaded = try ScenarioLoader.load(yaml: text, file: "minimal.yaml")
        let flow = text.replacingOccurrences(of: "plans:\n", with: "plans: []\nx:\n")
        #expect(throws: PlanBlock.InsertError.self) { try PlanBlock.inserting(loaded.scenario.plans[0], into: flow) }
    }
}
