import Experiments
import Foundation
import PropertyBased
import Testing
@testable import Renovation

/// The model's invariants (`InvariantCheck`) on generated scenarios of
/// varied shape: trades and crews, precedence DAGs across building and
/// community work, hold and pause shutdowns, rain, budgets that can strand
/// work, inspections with rework, defects, phased releases and every
/// dispatch rule. The inputs are fixed unless `RENOSIM_PROPERTY_EXPLORE`
/// asks for fresh ones (`PropertyRun`); a failure prints the scenario file,
/// shrunk when exploring. The time limit keeps a failure's shrinking from running on for ever:
/// one run of `threads` whose every candidate failed kept shrinking for
/// over 50 minutes.
@Suite("CompiledPlan invariants, property-based", .timeLimit(.minutes(2)))
struct PropertyInvariantTests {
    @Test("precedence, crews, calendars, budgets and conservation hold; the run ends or reports what is stuck")
    func invariants() async {
        await PropertyRun.check(count: 60, seed: 20_261_202, input: ScenarioShape.generator) { shape in
            try InvariantCheck.check(shape.yaml, seed: UInt64(shape.seed), label: "\n\(shape)")
        }
    }

    @Test("results are identical on 1, 2 and 3 threads")
    func threads() async {
        await PropertyRun.check(count: 12, seed: 20_261_203, input: ScenarioShape.generator) { shape in
            let model = try CompiledPlan(scenario: ScenarioLoader.load(yaml: shape.yaml, file: "shape.yaml").valid)
            // Compared as JSON: NaN (e.g. no defects to attain) is never == itself.
            let encoder = JSONEncoder()
            encoder.outputFormatting = .sortedKeys
            encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf",
                                                                          nan: "nan")
            let runs = try [1, 2, 3].map { threads in
                try encoder.encode(ReplicationRunner(threads: threads).run(model: model, seed: UInt64(shape.seed),
                                                                           replications: 0..<6))
            }
            #expect(runs[0] == runs[1] && runs[0] == runs[2], "\n\(shape)")
        }
    }
}
