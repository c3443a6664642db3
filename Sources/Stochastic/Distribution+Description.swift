extension Distribution: CustomStringConvertible {
    /// A short, readable form for reports and messages.
    ///
    ///     Distribution.triangular(min: 10, mode: 14, max: 22).description   // "triangular(10, 14, 22)"
    ///     Distribution.lognormal(mean: 5, sd: 2).description                // "lognormal(mean: 5, sd: 2)"
    ///     Distribution.poisson(mean: 3).scaled(by: 2).description           // "2 × poisson(mean: 3)"
    public var description: String {
        switch self {
        case let .constant(value):
            return "constant(\(value.formatted))"
        case let .uniform(min, max):
            return "uniform(\(min.formatted), \(max.formatted))"
        case let .exponential(mean):
            return "exponential(mean: \(mean.formatted))"
        case let .triangular(min, mode, max):
            return "triangular(\(min.formatted), \(mode.formatted), \(max.formatted))"
        case let .pert(min, mode, max, lambda):
            let shape = lambda == Self.defaultPERTLambda ? "" : ", lambda: \(lambda.formatted)"
            return "pert(\(min.formatted), \(mode.formatted), \(max.formatted)\(shape))"
        case let .lognormal(l):
            switch l.written {
            case let .meanSD(mean, sd): return "lognormal(mean: \(mean.formatted), sd: \(sd.formatted))"
            case .logScale: return "lognormal(mu: \(l.mu.formatted), sigma: \(l.sigma.formatted))"
            }
        case let .gamma(shape, scale):
            return "gamma(shape: \(shape.formatted), scale: \(scale.formatted))"
        case let .normal(mean, sd):
            return "normal(mean: \(mean.formatted), sd: \(sd.formatted), truncated at 0)"
        case let .poisson(mean):
            return "poisson(mean: \(mean.formatted))"
        case let .bernoulli(p):
            return "bernoulli(p: \(p.formatted))"
        case let .empirical(table):
            // Long tables would swamp a report line: list only short ones.
            let values = table.values.count <= 6
                ? "[" + table.values.map(\.formatted).joined(separator: ", ") + "]"
                : "\(table.values.count) values"
            return table.weights == nil ? "empirical(\(values))" : "empirical(\(values), weighted)"
        case let .scaled(inner, factor):
            return "\(factor.formatted) × \(inner)"
        }
    }
}
