import Testing
@testable import Renovation

/// On fixed random scenarios of varied shape (`RandomScenario`), the
/// invariants of `InvariantCheck`; `PropertyInvariantTests` checks them on
/// generated scenarios that shrink to a small counterexample.
@Suite("CompiledPlan invariants on random scenarios")
struct InvariantTests {
    @Test("invariants hold", arguments: 0..<40)
    func invariants(_ index: Int) throws {
        var generator = RandomScenario(seed: UInt64(1000 + index))
        let yaml = generator.yaml()
        try InvariantCheck.check(yaml, seed: UInt64(index), label: "\n\(yaml)")
    }

    @Test("no work falls inside a shutdown window, checked day by day from the dates", arguments: 0..<15)
    func shutdowns(_ index: Int) throws {
        var generator = RandomScenario(seed: UInt64(5000 + index))
        let yaml = generator.yaml(weather: false)
        try InvariantCheck.check(yaml, seed: 3, label: "\n\(yaml)")
    }
}
