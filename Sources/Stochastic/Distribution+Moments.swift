import Foundation

extension Distribution {
    /// The expected value, from the parameters (for an empirical table,
    /// from its values and weights).
    ///
    ///     Distribution.triangular(min: 10, mode: 14, max: 22).mean   // 15.333…
    ///     Distribution.normal(mean: 1, sd: 1).mean   // 1.2876: truncated at 0
    public var mean: Double {
        switch self {
        case let .constant(value):
            return value
        case let .uniform(min, max):
            return (min + max) / 2
        case let .exponential(mean):
            return mean
        case let .triangular(min, mode, max):
            return (min + mode + max) / 3
        case let .pert(min, mode, max, lambda):
            return (min + lambda * mode + max) / (lambda + 2)
        case let .lognormal(l):
            return exp(l.mu + l.sigma * l.sigma / 2)
        case let .gamma(shape, scale):
            return shape * scale
        case let .normal(mean, sd):
            return mean + sd * Self.truncatedNormalHazard(mean: mean, sd: sd)
        case let .poisson(mean):
            return mean
        case let .bernoulli(p):
            return p
        case let .empirical(table):
            return table.mean
        case let .scaled(inner, factor):
            return factor * inner.mean
        }
    }

    /// The variance, from the parameters (for an empirical table, of a
    /// draw from it: divided by the total weight, not n − 1).
    ///
    ///     Distribution.uniform(min: 0, max: 12).variance   // 12
    public var variance: Double {
        switch self {
        case .constant:
            return 0
        case let .uniform(min, max):
            return (max - min) * (max - min) / 12
        case let .exponential(mean):
            return mean * mean
        case let .triangular(a, c, b):
            return (a * a + b * b + c * c - a * b - a * c - b * c) / 18
        case let .pert(min, mode, max, lambda):
            let (alpha, beta) = Self.pertShape(min: min, mode: mode, max: max, lambda: lambda)
            let sum = alpha + beta
            return (max - min) * (max - min) * alpha * beta / (sum * sum * (sum + 1))
        case let .lognormal(l):
            let s2 = l.sigma * l.sigma
            return expm1(s2) * exp(2 * l.mu + s2)
        case let .gamma(shape, scale):
            return shape * scale * scale
        case let .normal(mean, sd):
            // Var = sd²(1 + αλ − λ²) with α = −mean/sd and λ the hazard at α.
            let alpha = -mean / sd
            let hazard = Self.truncatedNormalHazard(mean: mean, sd: sd)
            return sd * sd * (1 + alpha * hazard - hazard * hazard)
        case let .poisson(mean):
            return mean
        case let .bernoulli(p):
            return p * (1 - p)
        case let .empirical(table):
            return table.variance
        case let .scaled(inner, factor):
            return factor * factor * inner.variance
        }
    }

    /// φ(α)/(1 − Φ(α)) at α = −mean/sd: how far truncation at 0 lifts the
    /// mean, in units of sd.
    static func truncatedNormalHazard(mean: Double, sd: Double) -> Double {
        let alpha = -mean / sd
        return GSL.normalDensity(alpha) / GSL.normalQ(alpha)
    }
}
