import Testing
@testable import Renovation

@Suite("Scenario key paths")
struct ScenarioKeyPathTests {
    @Test("text form round-trips", arguments: [
        "work.building[2].hours", "trades.roofing.crews", "plans[0]", "[3]", "budget.per_year.2024",
        #"trades["roof work"].crews"#, #"communities[0].buildings["a.b"]"#, #"x["say \"hi\""]"#, "",
    ])
    func roundTrip(_ text: String) throws {
        let path = try #require(ScenarioKeyPath(parsing: text))
        #expect(path.description == text)
    }

    @Test("components")
    func components() throws {
        let path = try #require(ScenarioKeyPath(parsing: #"work.building[2]["a.b"].hours"#))
        #expect(path.components == [.key("work"), .key("building"), .index(2), .key("a.b"), .key("hours")])
        #expect((ScenarioKeyPath() + "trades" + "roof work" + "crews").description == #"trades["roof work"].crews"#)
    }

    @Test("malformed paths are rejected", arguments: ["a..b", "a.", ".a", "a[x]", "a[-1]", "a[1", #"a["b"#, "a[1]b", "a.[1]"])
    func malformed(_ text: String) {
        #expect(ScenarioKeyPath(parsing: text) == nil)
    }
}
