import Stochastic
import Testing
@testable import Renovation

/// Consultation rounds against their distribution: with consent probability
/// p per round and a limit of m rounds, the rounds held are geometric,
/// truncated at m — P(k) = (1 − p)^(k−1) p for k < m, P(m) = (1 − p)^(m−1).
/// Fixed seeds; every frequency within 4.5 standard errors (a false alarm
/// about once in 150,000 checks).
@Suite("Consent rounds, statistically")
struct ConsentRoundsTests {
    static func model(p: Double, per100: Double = 0, maxRounds: Int, plan: String = "p") throws -> CompiledPlan {
        let yaml = """
        name: rounds
        start: 2024-01-01
        deadline: 2024-12-31
        trades: {civil: {crews: 1}}
        preparation:
          survey: {teams: 1, minutes_per_household: 0}
          consultation: {round_days: {type: triangular, min: 5, mode: 7, max: 14}, consent_probability: \(p),
                         consent_per_100_households: \(per100), redesign_days: 3, max_rounds: \(maxRounds)}
        generate:
          - {count: 40, buildings: 2, units: {type: uniform, min: 20, max: 200}}
        work:
          community: [{name: roads, trades: {civil: 1}, hours: 10}]
        plans: [{name: p}, {name: short, preparation: {duration_factor: 0.5, survey_teams: 3}}]
        """
        return try CompiledPlan(scenario: ScenarioLoader.load(yaml: yaml, file: "rounds.yaml").valid, plan: plan)
    }

    /// Rounds held by every community in `replications` replications.
    static func rounds(_ model: CompiledPlan, replications: Int) throws -> [Int] {
        let prep = try #require(model.preparation)
        var all: [Int] = []
        for r in 0..<replications {
            var office = PreparationOffice(model: prep, communities: model.communities.count, types: model.types.count,
                                           key: StreamKey(seed: 11, replication: UInt64(r)))
            for c in model.communities.indices {
                _ = office.consult(c, from: 0)
                all.append(office.rounds[c])
            }
        }
        return all
    }

    @Test("rounds held follow the truncated geometric distribution", arguments: [(0.3, 4), (0.6, 3), (0.9, 2)])
    func geometric(p: Double, limit: Int) throws {
        let all = try Self.rounds(Self.model(p: p, maxRounds: limit), replications: 250)
        let n = Double(all.count)
        for k in 1...limit {
            let expected = k < limit ? pow1(1 - p, k - 1) * p : pow1(1 - p, limit - 1)
            let observed = Double(all.filter { $0 == k }.count) / n
            let se = (expected * (1 - expected) / n).squareRoot()
            #expect(abs(observed - expected) <= 4.5 * se, "P(\(k) rounds) = \(observed), expected \(expected)")
        }
    }

    @Test("the consent probability follows the community's size")
    func sizeEffect() throws {
        let model = try Self.model(p: 0.8, per100: -0.2, maxRounds: 5)
        let prep = try #require(model.preparation)
        for (c, community) in model.communities.enumerated() {
            let expected = min(1, max(0, 0.8 - 0.2 * Double(community.households) / 100))
            #expect(abs(prep.consentProbability[c] - expected) < 1e-12)
        }
        // Bigger communities need more rounds on average.
        let all = try Self.rounds(model, replications: 100)
        let count = model.communities.count
        let households = model.communities.map(\.households)
        let sorted = households.indices.sorted { households[$0] < households[$1] }
        func mean(_ cs: ArraySlice<Int>) -> Double {
            let picked = cs.flatMap { c in stride(from: c, to: all.count, by: count).map { all[$0] } }
            return Double(picked.reduce(0, +)) / Double(picked.count)
        }
        #expect(mean(sorted[..<(count / 2)]) < mean(sorted[(count / 2)...]))
    }

    @Test("a plan that only shortens preparation meets the same answers (common random numbers)")
    func sameAnswers() throws {
        let base = try Self.rounds(Self.model(p: 0.5, maxRounds: 4), replications: 20)
        #expect(try base == Self.rounds(Self.model(p: 0.5, maxRounds: 4, plan: "short"), replications: 20))
        #expect(Set(base).count > 1)
    }
}

private func pow1(_ x: Double, _ n: Int) -> Double { (0..<n).reduce(1) { acc, _ in acc * x } }
