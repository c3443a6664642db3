import Testing
import Foundation
@testable import Renovation
@Suite struct ScenarioTimingProbeTests {
    @Test func big() throws {
        let t0 = Date()
        let l = try ScenarioLoader.load(path: "/tmp/tune/big.yaml")
        print("LOADTIME", Date().timeIntervalSince(t0), l.scenario.communities?.count ?? 0)
    }
}
