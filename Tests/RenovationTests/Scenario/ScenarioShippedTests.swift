import Foundation
import Testing
@testable import Renovation

/// The shipped scenarios and fixtures load, validate without warnings, and
/// realise the totals their comments state.
@Suite("Shipped scenarios")
struct ScenarioShippedTests {
    struct Totals: Equatable {
        var communities = 0, buildings = 0, units = 0, households = 0
    }

    /// Totals of the listed communities (the shipped scenarios generate none).
    static func totals(_ scenario: Scenario) -> Totals {
        var t = Totals()
        for community in scenario.communities ?? [] {
            t.communities += 1
            let buildings = community.buildings
                ?? community.building.map { Array(repeating: $0, count: community.buildingCount ?? 0) } ?? []
            t.buildings += buildings.count
            t.units += buildings.reduce(0) { $0 + $1.units }
            t.households += buildings.reduce(0) { $0 + ($1.households ?? $1.units) }
        }
        return t
    }

    @Test("yonghong-2022: 11 communities, 161 buildings, 5,132 households, plans five-year, three-year and 2021-style preparation")
    func yonghong() throws {
        let loaded = try ScenarioLoader.load(path: ScenarioFixtures.path("scenarios/yonghong-2022.yaml"))
        #expect(loaded.warnings.isEmpty, "\(loaded.warnings)")
        let s = loaded.scenario
        #expect(Self.totals(s) == Totals(communities: 11, buildings: 161, units: 5132, households: 5132))
        #expect(s.communities?.first?.name == "广景山庄")
        #expect(s.plans.map(\.name) == ["five-year", "three-year", "three-year-2021-preparation"])
        #expect(s.plans.map(\.deadline?.description) == ["2026-12-31", "2024-12-31", "2024-12-31"])
        // The article's facts in the preparation section; 2022's plans one third shorter than 2021's.
        let preparation = try #require(s.preparation)
        #expect(preparation.survey.teams == 7)
        #expect(Set(preparation.optionalWork.keys) == ["ev-chargers", "pocket-park"])
        #expect(s.plans.map { $0.preparation?.durationFactor ?? 1 } == [0.67, 0.67, 1])
        #expect(s.funding != nil && s.risks.map(\.name) == ["residents-stop-works", "hidden-pipe-conditions", "citywide-stop-2022"])
        #expect(s.start.description == "2022-03-01")
        let levels = try #require(s.defects?.serviceLevels)
        #expect([levels.registerMinutes, levels.onSiteMinutes, levels.smallFixHours, levels.complexPlanDays,
                 levels.followUpDays] == [5, 40, 3, 2, 7])
        #expect(s.calendar.shutdowns.isEmpty)
        #expect(s.weather?.stops == ["roofing", "facade"])
        #expect(s.supervisors != nil)
    }

    @Test("benxi-2018: 40 communities in 4 districts, 63,000 units, the seven work types, a winter shutdown")
    func benxi() throws {
        let loaded = try ScenarioLoader.load(path: ScenarioFixtures.path("scenarios/benxi-2018.yaml"))
        #expect(loaded.warnings.isEmpty, "\(loaded.warnings)")
        let s = loaded.scenario
        #expect(Self.totals(s) == Totals(communities: 40, buildings: 1323, units: 63000, households: 63000))
        #expect(Set((s.communities ?? []).compactMap(\.district)) == ["平山区", "溪湖区", "明山区", "南芬区"])
        #expect((s.communities ?? []).contains { $0.name == "彩进社区" })
        // Preparation from March; the works open in June 2018 (the article), once a community is prepared.
        #expect(s.start.description == "2018-03-01")
        #expect(s.preparation != nil && s.funding != nil)
        #expect(s.risks.map(\.name) == ["residents-stop-works", "hidden-pipe-conditions", "citywide-stop"])
        #expect(s.deadline.description == "2019-12-31")
        #expect(s.work.building.map(\.name) == ["roof-waterproofing", "exterior-wall-coating", "water-drainage-pipes",
                                                "unit-entrance-doors"])
        #expect(s.work.community.map(\.name) == ["retaining-walls", "road-repair", "environment-works"])
        let winter = try #require(s.calendar.shutdowns.first)
        #expect((winter.from.description, winter.to.description) == ("11-15", "03-15"))
        #expect(s.supervisors?.count == 40)
    }

    @Test("the fixtures load without warnings", arguments: ["Tests/Fixtures/minimal.yaml", "Tests/Fixtures/every-key.yaml"])
    func fixtures(_ file: String) throws {
        let loaded = try ScenarioLoader.load(path: ScenarioFixtures.path(file))
        #expect(loaded.warnings.isEmpty, "\(loaded.warnings)")
        #expect(loaded.file == ScenarioFixtures.path(file))
    }

    @Test("the reference's complete example is the every-key fixture, and loads")
    func referenceExample() throws {
        let reference = try ScenarioFixtures.text("docs/scenario-reference.md")
        let fixture = try ScenarioFixtures.text("Tests/Fixtures/every-key.yaml")
        let start = try #require(reference.range(of: "```yaml\n# Uses every key"))
        let body = reference[start.upperBound...]
        let end = try #require(body.range(of: "```\n"))
        let example = "# Uses every key" + body[..<end.lowerBound]
        #expect(example == fixture)
    }

    @Test("locate maps key paths to the line and column that write them")
    func locate() throws {
        let path = ScenarioFixtures.path("Tests/Fixtures/minimal.yaml")
        let text = try ScenarioFixtures.text("Tests/Fixtures/minimal.yaml")
        let loaded = try ScenarioLoader.load(path: path)
        #expect(loaded.locate("trades.civil.crews") == SourceLocation(line: ScenarioFixtures.line(of: "civil: {crews", in: text) ?? 0, column: 11))
        #expect(loaded.locate("work.building[1].hours")?.line == 30)
        #expect(loaded.locate("work.building[1]") == SourceLocation(line: 28, column: 7))
        #expect(loaded.locate("plans[1].release.phases[1].communities[0]")?.line == 46)
        #expect(loaded.locate("calendar.holidays") == nil)        // not written: the default applies
        #expect(loaded.locate("work..building") == nil)           // malformed
        #expect(loaded.locate("")?.line == 3)                     // the document itself
    }

    @Test("the content hash is the SHA-256 of the file's bytes")
    func contentHash() throws {
        let path = ScenarioFixtures.path("Tests/Fixtures/minimal.yaml")
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        let fromFile = try ScenarioLoader.load(path: path)
        let fromText = try ScenarioLoader.load(yaml: String(decoding: bytes, as: UTF8.self), file: "copy.yaml")
        #expect(fromFile.sha256 == SHA256.hex(bytes))
        #expect(fromFile.sha256 == fromText.sha256)
        #expect(fromFile.sha256.count == 64)
    }
}
