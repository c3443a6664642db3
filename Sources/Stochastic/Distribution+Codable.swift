/// A distribution is written as an object with a `type` and named
/// parameters, or as a bare number for a constant:
///
///     { "type": "triangular", "min": 10, "mode": 14, "max": 22 }
///     { "type": "lognormal", "mean": 5, "sd": 2 }
///     { "type": "lognormal", "mu": 1.5, "sigma": 0.3 }
///     { "type": "gamma", "mean": 6, "sd": 3 }        // read as shape 4, scale 1.5
///     { "type": "empirical", "values": [1, 2, 3], "weights": [0.2, 0.5, 0.3] }
///     { "type": "scaled", "factor": 2, "distribution": { "type": "poisson", "mean": 3 } }
///     12
///
/// Decoding rejects unknown keys (a typo such as `mdoe`), missing
/// parameters and invalid values with `DecodingError.dataCorrupted`, whose
/// message names the problem and the keys the type takes.
extension Distribution: Codable {
    public init(from decoder: any Decoder) throws {
        let distribution = try Self.decodeUnvalidated(from: decoder)
        do {
            try distribution.validate()
        } catch {
            throw DecodingError.dataCorrupted(.init(
                codingPath: decoder.codingPath, debugDescription: error.description, underlyingError: error))
        }
        self = distribution
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(family.rawValue, forKey: Key("type"))
        func put(_ pairs: KeyValuePairs<String, Double>) throws {
            for (name, value) in pairs { try container.encode(value, forKey: Key(name)) }
        }
        switch self {
        case let .constant(value):
            try put(["value": value])
        case let .uniform(min, max):
            try put(["min": min, "max": max])
        case let .exponential(mean):
            try put(["mean": mean])
        case let .triangular(min, mode, max):
            try put(["min": min, "mode": mode, "max": max])
        case let .pert(min, mode, max, lambda):
            try put(["min": min, "mode": mode, "max": max, "lambda": lambda])
        case let .lognormal(l):
            switch l.written {
            case let .meanSD(mean, sd): try put(["mean": mean, "sd": sd])
            case .logScale: try put(["mu": l.mu, "sigma": l.sigma])
            }
        case let .gamma(shape, scale):
            try put(["shape": shape, "scale": scale])
        case let .normal(mean, sd):
            try put(["mean": mean, "sd": sd])
        case let .poisson(mean):
            try put(["mean": mean])
        case let .bernoulli(p):
            try put(["p": p])
        case let .empirical(table):
            try container.encode(table.values, forKey: Key("values"))
            try container.encodeIfPresent(table.weights, forKey: Key("weights"))
        case let .scaled(inner, factor):
            try put(["factor": factor])
            try container.encode(inner, forKey: Key("distribution"))
        }
    }

    // MARK: - Decoding

    struct Key: CodingKey {
        let stringValue: String
        var intValue: Int? { nil }
        init(_ name: String) { stringValue = name }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    /// The parameter names a family takes: one of `alternatives` in full,
    /// plus any of `optional`.
    static func parameterNames(of family: Family) -> (alternatives: [[String]], optional: [String]) {
        switch family {
        case .constant: ([["value"]], [])
        case .uniform: ([["min", "max"]], [])
        case .exponential, .poisson: ([["mean"]], [])
        case .triangular: ([["min", "mode", "max"]], [])
        case .pert: ([["min", "mode", "max"]], ["lambda"])
        case .lognormal: ([["mean", "sd"], ["mu", "sigma"]], [])
        case .gamma: ([["shape", "scale"], ["mean", "sd"]], [])
        case .normal: ([["mean", "sd"]], [])
        case .bernoulli: ([["p"]], [])
        case .empirical: ([["values"]], ["weights"])
        case .scaled: ([["factor", "distribution"]], [])
        }
    }

    /// "min, mode, max", "mean, sd or mu, sigma", "min, mode, max (optional: lambda)".
    static func parameterSummary(of family: Family) -> String {
        let (alternatives, optional) = parameterNames(of: family)
        let required = alternatives.map { $0.joined(separator: ", ") }.joined(separator: " or ")
        return optional.isEmpty ? required : "\(required) (optional: \(optional.joined(separator: ", ")))"
    }

    private static func corrupted(_ path: [any CodingKey], _ message: String) -> DecodingError {
        .dataCorrupted(.init(codingPath: path, debugDescription: message))
    }

    private static func decodeUnvalidated(from decoder: any Decoder) throws -> Distribution {
        if let single = try? decoder.singleValueContainer(), let value = try? single.decode(Double.self) {
            return .constant(value)
        }
        let types = Family.allCases.map(\.rawValue).joined(separator: ", ")
        guard let container = try? decoder.container(keyedBy: Key.self) else {
            throw corrupted(
                decoder.codingPath,
                "expected a number or a distribution such as {type: triangular, min: 10, mode: 14, max: 22}")
        }
        guard let typeName = try container.decodeIfPresent(String.self, forKey: Key("type")) else {
            throw corrupted(container.codingPath, "distribution has no 'type'; expected one of \(types)")
        }
        guard let family = Family(rawValue: typeName) else {
            throw corrupted(
                container.codingPath + [Key("type")],
                "unknown distribution type '\(typeName)'; expected one of \(types)")
        }
        let names = try parameterNames(in: container, for: family)
        func number(_ name: String) throws -> Double {
            try container.decode(Double.self, forKey: Key(name))
        }
        switch family {
        case .constant:
            return .constant(try number("value"))
        case .uniform:
            return .uniform(min: try number("min"), max: try number("max"))
        case .exponential:
            return .exponential(mean: try number("mean"))
        case .triangular:
            return .triangular(min: try number("min"), mode: try number("mode"), max: try number("max"))
        case .pert:
            let lambda = try container.decodeIfPresent(Double.self, forKey: Key("lambda")) ?? defaultPERTLambda
            return .pert(min: try number("min"), mode: try number("mode"), max: try number("max"), lambda: lambda)
        case .lognormal:
            return names.contains("mu")
                ? .lognormal(mu: try number("mu"), sigma: try number("sigma"))
                : .lognormal(mean: try number("mean"), sd: try number("sd"))
        case .gamma:
            return names.contains("shape")
                ? .gamma(shape: try number("shape"), scale: try number("scale"))
                : .gamma(mean: try number("mean"), sd: try number("sd"))
        case .normal:
            return .normal(mean: try number("mean"), sd: try number("sd"))
        case .poisson:
            return .poisson(mean: try number("mean"))
        case .bernoulli:
            return .bernoulli(p: try number("p"))
        case .empirical:
            let values = try container.decode([Double].self, forKey: Key("values"))
            let weights = try container.decodeIfPresent([Double].self, forKey: Key("weights"))
            return .empirical(Empirical(values: values, weights: weights))
        case .scaled:
            let inner = try container.decode(Distribution.self, forKey: Key("distribution"))
            return .scaled(inner, factor: try number("factor"))
        }
    }

    /// Checks the keys against what `family` takes and returns the
    /// parameter set that was used; throws on an unknown key, a missing
    /// parameter, or a mix of two parameter sets.
    private static func parameterNames(
        in container: KeyedDecodingContainer<Key>, for family: Family
    ) throws -> [String] {
        let (alternatives, optional) = parameterNames(of: family)
        let summary = "\(family) takes \(parameterSummary(of: family))"
        let present = container.allKeys.map(\.stringValue).filter { $0 != "type" }
        for name in present where !optional.contains(name) && !alternatives.joined().contains(name) {
            throw corrupted(
                container.codingPath + [Key(name)],
                "unknown key '\(name)' in a \(family) distribution; \(summary)")
        }
        let used = alternatives.filter { set in set.contains { present.contains($0) } }
        if used.count > 1 {
            let found = present.filter { !optional.contains($0) }.sorted().joined(separator: ", ")
            throw corrupted(container.codingPath, "\(family) distribution mixes parameter sets (\(found)); \(summary)")
        }
        let chosen = used.first ?? alternatives[0]
        if let missing = chosen.first(where: { !present.contains($0) }) {
            throw corrupted(container.codingPath, "\(family) distribution is missing '\(missing)'; \(summary)")
        }
        return chosen
    }
}
