extension Distribution {
    /// Checks the parameters, throwing the first problem found.
    ///
    ///     try Distribution.uniform(min: 5, max: 3).validate()
    ///     // throws "uniform: min 5 is above max 3; expected min < max"
    ///
    /// Decoding validates, so a decoded distribution is always valid.
    public func validate() throws(DistributionError) {
        let family = self.family
        switch self {
        case let .constant(value):
            try Self.finite(family, ("value", value))
        case let .uniform(min, max):
            try Self.finite(family, ("min", min), ("max", max))
            try Self.range(family, min: min, max: max, expected: "min < max")
        case let .exponential(mean):
            try Self.finite(family, ("mean", mean))
            try Self.positive(family, ("mean", mean))
        case let .triangular(min, mode, max):
            try Self.finite(family, ("min", min), ("mode", mode), ("max", max))
            try Self.threePoint(family, min: min, mode: mode, max: max)
        case let .pert(min, mode, max, lambda):
            try Self.finite(family, ("min", min), ("mode", mode), ("max", max), ("lambda", lambda))
            try Self.threePoint(family, min: min, mode: mode, max: max)
            try Self.positive(family, ("lambda", lambda))
        case let .lognormal(l):
            switch l.written {
            case let .meanSD(mean, sd):
                try Self.finite(family, ("mean", mean), ("sd", sd))
                try Self.positive(family, ("mean", mean), ("sd", sd))
                // An sd far beyond the mean overflows the log-scale sigma.
                try Self.finite(family, ("sigma (from mean and sd)", l.sigma))
            case .logScale:
                try Self.finite(family, ("mu", l.mu), ("sigma", l.sigma))
                try Self.positive(family, ("sigma", l.sigma))
            }
        case let .gamma(shape, scale):
            try Self.finite(family, ("shape", shape), ("scale", scale))
            try Self.positive(family, ("shape", shape), ("scale", scale))
        case let .normal(mean, sd):
            try Self.finite(family, ("mean", mean), ("sd", sd))
            // Truncated at 0: a negative mean would cut away most of the bell.
            if mean < 0 { throw .negative(family: family, parameter: "mean", value: mean) }
            try Self.positive(family, ("sd", sd))
        case let .poisson(mean):
            try Self.finite(family, ("mean", mean))
            if mean < 0 { throw .negative(family: family, parameter: "mean", value: mean) }
            if mean > Self.maximumPoissonMean {
                throw .tooLarge(family: family, parameter: "mean", value: mean, limit: Self.maximumPoissonMean)
            }
        case let .bernoulli(p):
            try Self.finite(family, ("p", p))
            if !(0...1).contains(p) { throw .notAProbability(family: family, parameter: "p", value: p) }
        case let .empirical(table):
            try Self.validate(table)
        case let .scaled(inner, factor):
            try Self.finite(family, ("factor", factor))
            try Self.positive(family, ("factor", factor))
            try inner.validate()
        }
    }

    private static func finite(
        _ family: Family, _ parameters: (String, Double)...
    ) throws(DistributionError) {
        for (name, value) in parameters where !value.isFinite {
            throw .notFinite(family: family, parameter: name, value: value)
        }
    }

    private static func positive(
        _ family: Family, _ parameters: (String, Double)...
    ) throws(DistributionError) {
        for (name, value) in parameters where !(value > 0) {
            throw .notPositive(family: family, parameter: name, value: value)
        }
    }

    private static func range(
        _ family: Family, min: Double, max: Double, expected: String
    ) throws(DistributionError) {
        if min > max {
            throw .outOfOrder(
                family: family, parameter: "min", value: min, bound: "max", boundValue: max, expected: expected)
        }
        if min == max { throw .emptyRange(family: family, value: min) }
    }

    private static func threePoint(
        _ family: Family, min: Double, mode: Double, max: Double
    ) throws(DistributionError) {
        let expected = "min ≤ mode ≤ max"
        if min > mode {
            throw .outOfOrder(
                family: family, parameter: "min", value: min, bound: "mode", boundValue: mode, expected: expected)
        }
        if mode > max {
            throw .outOfOrder(
                family: family, parameter: "mode", value: mode, bound: "max", boundValue: max, expected: expected)
        }
        try range(family, min: min, max: max, expected: expected)
    }

    private static func validate(_ table: Empirical) throws(DistributionError) {
        if table.values.isEmpty { throw .noValues }
        for (index, value) in table.values.enumerated() where !value.isFinite {
            throw .notFinite(family: .empirical, parameter: "values[\(index)]", value: value)
        }
        guard let weights = table.weights else { return }
        if weights.count != table.values.count {
            throw .weightCountMismatch(values: table.values.count, weights: weights.count)
        }
        for (index, weight) in weights.enumerated() {
            if !weight.isFinite {
                throw .notFinite(family: .empirical, parameter: "weights[\(index)]", value: weight)
            }
            if weight < 0 { throw .negativeWeight(index: index, value: weight) }
        }
        if !weights.contains(where: { $0 > 0 }) { throw .zeroTotalWeight }
        // Finite weights can still overflow when added up.
        if table.cumulative.isEmpty {
            throw .notFinite(family: .empirical, parameter: "sum of weights", value: weights.reduce(0, +))
        }
    }
}
