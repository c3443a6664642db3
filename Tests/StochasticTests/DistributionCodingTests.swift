import Foundation
import Stochastic
import Testing

/// A scenario-like wrapper, so that errors carry a coding path.
private struct WorkOrder: Codable {
    var content: Distribution
}

private func decode(_ json: String) throws -> Distribution {
    try JSONDecoder().decode(Distribution.self, from: Data(json.utf8))
}

/// The message of the `DecodingError.dataCorrupted` that decoding `json` throws.
private func corruption(_ json: String) -> (message: String, path: String)? {
    do {
        _ = try JSONDecoder().decode(WorkOrder.self, from: Data("{\"content\": \(json)}".utf8))
    } catch let DecodingError.dataCorrupted(context) {
        return (context.debugDescription, context.codingPath.map(\.stringValue).joined(separator: "."))
    } catch {
        Issue.record("expected dataCorrupted, got \(error)")
    }
    return nil
}

@Suite("Distribution coding")
struct DistributionCodingTests {
    @Test("every case survives encoding and decoding", arguments: catalogue + [
        .pert(min: 1, mode: 2, max: 3, lambda: 6.5),
        .gamma(mean: 6, sd: 3),
        .lognormal(mean: 0.1, sd: 3.7),
        .bernoulli(p: 0.25).scaled(by: 3),
    ])
    func roundTrip(_ distribution: Distribution) throws {
        let data = try JSONEncoder().encode(distribution)
        let decoded = try JSONDecoder().decode(Distribution.self, from: data)
        #expect(decoded == distribution)
        #expect(decoded.description == distribution.description)
    }

    @Test("the written form is what is read back")
    func writtenForm() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        func json(_ d: Distribution) throws -> String { String(decoding: try encoder.encode(d), as: UTF8.self) }
        #expect(try json(.lognormal(mean: 5, sd: 2)) == #"{"mean":5,"sd":2,"type":"lognormal"}"#)
        #expect(try json(.lognormal(mu: 1.5, sigma: 0.3)) == #"{"mu":1.5,"sigma":0.3,"type":"lognormal"}"#)
        #expect(try json(.triangular(min: 10, mode: 14, max: 22))
            == #"{"max":22,"min":10,"mode":14,"type":"triangular"}"#)
        #expect(try json(.empirical(values: [1, 2])) == #"{"type":"empirical","values":[1,2]}"#)
    }

    @Test("scenario forms decode")
    func scenarioForms() throws {
        #expect(try decode("12") == .constant(12))
        #expect(try decode(#"{"type": "constant", "value": 3}"#) == .constant(3))
        #expect(try decode(#"{"type": "triangular", "min": 10, "mode": 14, "max": 22}"#)
            == .triangular(min: 10, mode: 14, max: 22))
        #expect(try decode(#"{"type": "pert", "min": 10, "mode": 14, "max": 22}"#)
            == .pert(min: 10, mode: 14, max: 22, lambda: 4))
        #expect(try decode(#"{"type": "lognormal", "mean": 5, "sd": 2}"#) == .lognormal(mean: 5, sd: 2))
        #expect(try decode(#"{"type": "lognormal", "mu": 1.5, "sigma": 0.3}"#) == .lognormal(mu: 1.5, sigma: 0.3))
        #expect(try decode(#"{"type": "gamma", "mean": 6, "sd": 3}"#) == .gamma(shape: 4, scale: 1.5))
        #expect(try decode(#"{"type": "gamma", "shape": 4, "scale": 1.5}"#) == .gamma(shape: 4, scale: 1.5))
        #expect(try decode(#"{"type": "empirical", "values": [1, 2, 3]}"#) == .empirical(values: [1, 2, 3]))
        #expect(try decode(#"{"type": "empirical", "values": [1, 2, 3], "weights": [0.2, 0.5, 0.3]}"#)
            == .empirical(values: [1, 2, 3], weights: [0.2, 0.5, 0.3]))
        #expect(try decode(#"{"type": "scaled", "factor": 2, "distribution": {"type": "poisson", "mean": 3}}"#)
            == .poisson(mean: 3).scaled(by: 2))
        #expect(try decode(#"{"type": "bernoulli", "p": 0.1}"#) == .bernoulli(p: 0.1))
    }

    @Test("an unknown key names itself, the type and the keys it takes")
    func unknownKey() throws {
        let error = try #require(corruption(#"{"type": "triangular", "min": 10, "mdoe": 14, "max": 22}"#))
        #expect(error.message
            == "unknown key 'mdoe' in a triangular distribution; triangular takes min, mode, max")
        #expect(error.path == "content.mdoe")
        let lognormal = try #require(corruption(#"{"type": "lognormal", "mean": 5, "sdev": 2}"#))
        #expect(lognormal.message
            == "unknown key 'sdev' in a lognormal distribution; lognormal takes mean, sd or mu, sigma")
        let pert = try #require(corruption(#"{"type": "pert", "min": 1, "mode": 2, "max": 3, "lamda": 3}"#))
        #expect(pert.message.hasPrefix("unknown key 'lamda' in a pert distribution"))
        #expect(pert.message.hasSuffix("pert takes min, mode, max (optional: lambda)"))
    }

    @Test("a missing parameter is named")
    func missingKey() throws {
        let error = try #require(corruption(#"{"type": "triangular", "min": 10, "max": 22}"#))
        #expect(error.message == "triangular distribution is missing 'mode'; triangular takes min, mode, max")
        #expect(error.path == "content")
        let lognormal = try #require(corruption(#"{"type": "lognormal", "mu": 1}"#))
        #expect(lognormal.message.hasPrefix("lognormal distribution is missing 'sigma'"))
        let none = try #require(corruption(#"{"type": "gamma"}"#))
        #expect(none.message == "gamma distribution is missing 'shape'; gamma takes shape, scale or mean, sd")
        let weightsOnly = try #require(corruption(#"{"type": "empirical", "weights": [1]}"#))
        #expect(weightsOnly.message.hasPrefix("empirical distribution is missing 'values'"))
    }

    @Test("mixed parameter sets, unknown and missing types are rejected")
    func otherShapes() throws {
        let mixed = try #require(corruption(#"{"type": "lognormal", "mean": 5, "sigma": 0.3}"#))
        #expect(mixed.message.hasPrefix("lognormal distribution mixes parameter sets (mean, sigma)"))
        let unknown = try #require(corruption(#"{"type": "trianglar", "min": 1, "mode": 2, "max": 3}"#))
        #expect(unknown.message.hasPrefix("unknown distribution type 'trianglar'; expected one of constant, uniform"))
        #expect(unknown.path == "content.type")
        let untyped = try #require(corruption(#"{"min": 1, "max": 3}"#))
        #expect(untyped.message.hasPrefix("distribution has no 'type'"))
        let text = try #require(corruption(#""ten""#))
        #expect(text.message.hasPrefix("expected a number or a distribution"))
    }

    @Test("decoding validates")
    func decodingValidates() throws {
        let error = try #require(corruption(#"{"type": "triangular", "min": 10, "mode": 30, "max": 22}"#))
        #expect(error.message == "triangular: mode 30 is above max 22; expected min ≤ mode ≤ max")
        #expect(error.path == "content")
        do {
            _ = try decode(#"{"type": "bernoulli", "p": 2}"#)
            Issue.record("p = 2 decoded")
        } catch let DecodingError.dataCorrupted(context) {
            #expect(context.underlyingError as? DistributionError
                == .notAProbability(family: .bernoulli, parameter: "p", value: 2))
        }
        let nested = try #require(corruption(
            #"{"type": "scaled", "factor": 2, "distribution": {"type": "poisson", "mean": -1}}"#))
        #expect(nested.message == "poisson: mean -1 is negative; expected mean ≥ 0")
        #expect(nested.path == "content.distribution")
    }
}
