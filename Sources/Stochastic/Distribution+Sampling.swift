extension Distribution {
    /// One draw, using `stream` and nothing else.
    ///
    ///     let stream = RandomStream(key: StreamKey(seed: 7, entity: 12))
    ///     let hours = Distribution.pert(min: 10, mode: 14, max: 22).sample(stream)
    ///
    /// - Complexity: O(1) (O(log n) for a weighted empirical table), no
    ///   allocation. Rejection samplers (gamma, PERT, Poisson, truncated
    ///   normal) use a varying number of uniforms, so give each random
    ///   quantity its own stream.
    @inlinable
    public func sample(_ stream: RandomStream) -> Double {
        switch self {
        case let .constant(value):
            return value
        case let .uniform(min, max):
            return GSL.flat(stream, min, max)
        case let .exponential(mean):
            return GSL.exponential(stream, mean: mean)
        case let .triangular(min, mode, max):
            // GSL has no triangular sampler: invert the CDF at a GSL uniform.
            return Self.triangularQuantile(stream.uniform(), min: min, mode: mode, max: max)
        case let .pert(min, mode, max, lambda):
            let (alpha, beta) = Self.pertShape(min: min, mode: mode, max: max, lambda: lambda)
            // GSL's beta sampler loops forever below 0; only valid shapes reach it.
            guard alpha >= 1, beta >= 1 else { return .nan }
            return min + (max - min) * GSL.beta(stream, alpha, beta)
        case let .lognormal(parameters):
            return GSL.lognormal(stream, mu: parameters.mu, sigma: parameters.sigma)
        case let .gamma(shape, scale):
            // GSL recurses once per unit below 0: a negative shape would blow the stack.
            guard shape > 0 else { return .nan }
            return GSL.gamma(stream, shape: shape, scale: scale)
        case let .normal(mean, sd):
            // N(mean, sd²) conditioned on ≥ 0 is mean + N(0, sd²) conditioned on ≥ −mean.
            return GSL.gaussianTail(stream, a: -mean, sigma: sd) + mean
        case let .poisson(mean):
            // GSL's sampler never ends for an infinite mean.
            guard mean >= 0, mean <= Self.maximumPoissonMean else { return .nan }
            return GSL.poisson(stream, mean: mean)
        case let .bernoulli(p):
            return GSL.bernoulli(stream, p: p)
        case let .empirical(table):
            return table.sample(stream)
        case let .scaled(inner, factor):
            return factor * inner.sample(stream)
        }
    }

    /// The largest Poisson mean accepted: GSL returns 32-bit counts.
    public static let maximumPoissonMean = 1e9

    /// Beta shape parameters of a PERT: α = 1 + λ(mode − min)/(max − min),
    /// β = 1 + λ(max − mode)/(max − min).
    @inlinable
    static func pertShape(min: Double, mode: Double, max: Double, lambda: Double) -> (Double, Double) {
        let range = max - min
        return (1 + lambda * (mode - min) / range, 1 + lambda * (max - mode) / range)
    }

    /// Inverse CDF of the triangular distribution at u ∈ [0, 1].
    @inlinable
    static func triangularQuantile(_ u: Double, min: Double, mode: Double, max: Double) -> Double {
        let range = max - min
        let left = mode - min
        if u * range < left {
            return min + (u * range * left).squareRoot()
        }
        return max - ((1 - u) * range * (max - mode)).squareRoot()
    }
}
