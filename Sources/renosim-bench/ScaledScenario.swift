import ArgumentParser
import Foundation
import Renovation
import Sharding

/// A scenario shrunk (or grown) by a factor for the scale benchmark: its
/// generated community counts, crews, supervisors and defect responders all
/// times `--fraction`, so the work per crew — and the shape of the run —
/// stays that of the original. Crews never drop below what one job needs.
/// The scaled file is the original with those values replaced
/// (``ScenarioOverride``), printed on stdout.
struct ScaledScenario: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scaled",
        abstract: "Print a scenario with its programme, crews and teams scaled by a factor (for scripts/bench-scale.sh)."
    )

    @Argument(help: "Scenario file with a `generate:` section.") var scenario: String
    @Option(help: "Factor for generated communities, crews, supervisors and responders.") var fraction: Double

    func validate() throws {
        guard fraction > 0, fraction.isFinite else { throw ValidationError("--fraction must be a positive number") }
    }

    func run() throws {
        let bytes: [UInt8]
        let loaded: LoadedScenario
        do {
            bytes = try ScenarioLoader.read(scenario)
            loaded = try ScenarioLoader.load(bytes: bytes, file: scenario)
        } catch {
            throw ValidationError("\(error)")
        }
        let s = loaded.scenario
        guard let generators = s.generate, !generators.isEmpty else {
            throw ValidationError("\(scenario) has no generate: section to scale")
        }
        func scaled(_ value: Int, atLeast minimum: Int = 1) -> String {
            String(max(minimum, Int((Double(value) * fraction).rounded())))
        }
        var assignments: [ScenarioOverride.Assignment] = []
        for (i, generator) in generators.enumerated() {
            assignments.append(.init(key: "generate[\(i)].count", value: scaled(generator.count)))
        }
        let work = s.work.building + s.work.community
        for (trade, spec) in s.trades.entries {
            let need = work.compactMap { $0.trades[trade] }.max() ?? 1
            assignments.append(.init(key: "trades.\(trade).crews", value: scaled(spec.crews, atLeast: need)))
        }
        if let supervisors = s.supervisors {
            assignments.append(.init(key: "supervisors.count", value: scaled(supervisors.count)))
        }
        if let defects = s.defects {
            assignments.append(.init(key: "defects.team", value: scaled(defects.team)))
        }
        do {
            let out = try ScenarioOverride.apply(assignments, to: bytes)
            FileHandle.standardOutput.write(Data(out))
        } catch {
            throw ValidationError("\(scenario): \(error.description) (write the value out in the file to scale it)")
        }
    }
}
