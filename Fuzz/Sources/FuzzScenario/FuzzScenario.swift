import Foundation
import FuzzDriver
import Renovation

/// libFuzzer entry point: any bytes as a scenario file. Loading (UTF-8,
/// YAML, source map, strict decoding, validation) must end in a scenario or
/// a `ScenarioError`, never a trap; a scenario that loads must compile into
/// a model for each plan or say why not, and one short replication of a
/// small one must run without trapping.
// libFuzzer's driver links against this name even when it is handed the callback.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzScenario(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let loaded = try? ScenarioLoader.load(bytes: bytes, file: "fuzz.yaml") else { return 0 }
    // Valid but large programmes are slow to build under ASan (a spurious
    // timeout); the loader's limits on them are what is fuzzed.
    let generators = loaded.scenario.generate ?? []
    let generated = generators.reduce(0.0) { $0 + Double($1.count) * max(1, $1.buildings.mean) }
    let listed = (loaded.scenario.communities ?? []).reduce(0) { $0 + ($1.buildingCount ?? $1.buildings?.count ?? 0) }
    guard generators.reduce(0, { $0 + $1.count }) <= 100, Double(listed) + generated <= 5_000 else { return 0 }
    for plan in loaded.scenario.plans {
        guard let model = try? loaded.compile(plan: plan.name) else { continue }
        // Under AddressSanitizer at -Onone a Benxi replication takes over 20 s: run small models only.
        guard model.orderCount <= 2_000 else { continue }
        var sim = Replication.simulation(plan: model, seed: 1, replication: 0, trace: false)
        _ = sim.run(maxEvents: 50_000)
        _ = sim.model.result(events: sim.eventsHandled)
    }
    return 0
}

@main
enum FuzzScenarioMain {
    static func main() {
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv, { data, size in
            guard let data else { return 0 }
            return fuzzScenario(data, size)
        }))
    }
}
