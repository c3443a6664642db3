import PropertyBased
import Foundation
import Testing

/// How the property-based tests draw their inputs.
///
/// By default (and so in CI) every run checks the same `count` inputs,
/// drawn from a fixed seed: a test that fails, fails every time, never by
/// the luck of the draw, and a failure prints its input. Set
/// `RENOSIM_PROPERTY_EXPLORE=N` to draw N fresh inputs from a random seed
/// instead, with the library's shrinking to a small counterexample and the
/// seed that reproduces it — how new counterexamples are found; each one
/// found becomes a fixed test beside the property (see `InvariantTests`).
enum PropertyRun {
    static let explore: Int? = ProcessInfo.processInfo.environment["RENOSIM_PROPERTY_EXPLORE"].flatMap(Int.init)

    static func check<Value, Shrinks>(count: Int, seed: UInt64, input: Generator<Value, Shrinks>,
                                      sourceLocation: SourceLocation = #_sourceLocation,
                                      perform body: (Value) async throws -> Void) async {
        if let explore {
            await propertyCheck(count: explore, input: input, perform: body, sourceLocation: sourceLocation)
            return
        }
        var rng = Xoshiro(seed: (seed, 0x9E37_79B9_7F4A_7C15, seed ^ 0xD1B5_4A32_D192_ED03, 1))
        for index in 0..<count {
            let value = input.run(using: &rng)
            do {
                try await body(value)
            } catch {
                Issue.record(error, "input \(index) of seed \(seed):\n\(value)", sourceLocation: sourceLocation)
            }
        }
    }
}
