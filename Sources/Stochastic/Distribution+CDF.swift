extension Distribution {
    /// The inverse CDF: the smallest x with P(X ≤ x) ≥ u, for u in [0, 1]
    /// (u outside is clamped). `quantile(0)` is the lower end of the
    /// support and `quantile(1)` the upper end, possibly +∞.
    ///
    ///     Distribution.exponential(mean: 2).quantile(0.5)   // 2·ln 2 ≈ 1.386
    ///     Distribution.poisson(mean: 3).quantile(0.5)       // 3
    public func quantile(_ u: Double) -> Double {
        guard !u.isNaN else { return .nan }
        let u = Swift.min(Swift.max(u, 0), 1)
        switch self {
        case let .constant(value):
            return value
        case let .uniform(min, max):
            return GSL.flatPinv(u, min, max)
        case let .exponential(mean):
            return GSL.exponentialPinv(u, mean: mean)
        case let .triangular(min, mode, max):
            return Self.triangularQuantile(u, min: min, mode: mode, max: max)
        case let .pert(min, mode, max, lambda):
            let (alpha, beta) = Self.pertShape(min: min, mode: mode, max: max, lambda: lambda)
            return min + (max - min) * GSL.betaPinv(u, alpha, beta)
        case let .lognormal(l):
            return GSL.lognormalPinv(u, mu: l.mu, sigma: l.sigma)
        case let .gamma(shape, scale):
            return GSL.gammaPinv(u, shape: shape, scale: scale)
        case let .normal(mean, sd):
            return Self.truncatedNormalQuantile(u, mean: mean, sd: sd)
        case let .poisson(mean):
            return Self.poissonQuantile(u, mean: mean)
        case let .bernoulli(p):
            return u <= 1 - p && p < 1 ? 0 : 1
        case let .empirical(table):
            return table.value(atProbability: u)
        case let .scaled(inner, factor):
            return factor * inner.quantile(u)
        }
    }

    /// P(X ≤ x).
    ///
    ///     Distribution.uniform(min: 0, max: 10).cdf(2.5)   // 0.25
    ///     Distribution.bernoulli(p: 0.3).cdf(0)            // 0.7
    public func cdf(_ x: Double) -> Double {
        guard !x.isNaN else { return .nan }
        switch self {
        case let .constant(value):
            return x < value ? 0 : 1
        case let .uniform(min, max):
            return GSL.flatP(x, min, max)
        case let .exponential(mean):
            return x <= 0 ? 0 : GSL.exponentialP(x, mean: mean)
        case let .triangular(min, mode, max):
            if x <= min { return 0 }
            if x >= max { return 1 }
            if x <= mode { return (x - min) * (x - min) / ((max - min) * (mode - min)) }
            return 1 - (max - x) * (max - x) / ((max - min) * (max - mode))
        case let .pert(min, mode, max, lambda):
            if x <= min { return 0 }
            if x >= max { return 1 }
            let (alpha, beta) = Self.pertShape(min: min, mode: mode, max: max, lambda: lambda)
            return GSL.betaP((x - min) / (max - min), alpha, beta)
        case let .lognormal(l):
            return x <= 0 ? 0 : GSL.lognormalP(x, mu: l.mu, sigma: l.sigma)
        case let .gamma(shape, scale):
            return x <= 0 ? 0 : GSL.gammaP(x, shape: shape, scale: scale)
        case let .normal(mean, sd):
            return Self.truncatedNormalCDF(x, mean: mean, sd: sd)
        case let .poisson(mean):
            return Self.poissonCDF(x, mean: mean)
        case let .bernoulli(p):
            if x < 0 { return 0 }
            return x >= 1 ? 1 : GSL.binomialP(0, p: p, n: 1)
        case let .empirical(table):
            return table.probability(atOrBelow: x)
        case let .scaled(inner, factor):
            return inner.cdf(Self.unscaled(x, factor: factor))
        }
    }

    /// The largest y with factor·y ≤ x as computed in floating point, so
    /// that the CDF of a scaled discrete law jumps exactly where its draws
    /// (factor × inner draw) land; a plain x/factor can round across a jump
    /// (or underflow a tiny negative x to −0).
    static func unscaled(_ x: Double, factor: Double) -> Double {
        guard x.isFinite, factor > 0 else { return x / factor }
        var y = x / factor
        while factor * y > x { y = y.nextDown }
        while factor * y.nextUp <= x { y = y.nextUp }
        return y
    }

    // MARK: - Normal truncated at 0

    // With α = −mean/sd and Z = Q(α) the mass kept by truncation, work in
    // whichever tail keeps precision: P below the median, Q above it.

    static func truncatedNormalCDF(_ x: Double, mean: Double, sd: Double) -> Double {
        if x <= 0 { return 0 }
        let alpha = -mean / sd
        let z = (x - mean) / sd
        let kept = GSL.normalQ(alpha)
        if z > 0 { return 1 - GSL.normalQ(z) / kept }
        return (GSL.normalP(z) - GSL.normalP(alpha)) / kept
    }

    static func truncatedNormalQuantile(_ u: Double, mean: Double, sd: Double) -> Double {
        let alpha = -mean / sd
        let kept = GSL.normalQ(alpha)
        let below = GSL.normalP(alpha) + u * kept
        let z = below <= 0.5 ? GSL.normalPinv(below) : GSL.normalQinv((1 - u) * kept)
        return Swift.max(0, mean + sd * z)
    }

    // MARK: - Poisson

    static func poissonCDF(_ x: Double, mean: Double) -> Double {
        if x < 0 { return 0 }
        // GSL rejects a zero mean: the law is then all at 0.
        if mean == 0 { return 1 }
        let k = x.rounded(.down)
        if k >= Double(UInt32.max) { return 1 }
        return GSL.poissonP(UInt32(k), mean: mean)
    }

    /// GSL has no Poisson inverse: start from the normal approximation and
    /// step to the smallest k with P(N ≤ k) ≥ u (a few CDF calls).
    static func poissonQuantile(_ u: Double, mean: Double) -> Double {
        guard mean > 0, mean.isFinite, u > 0 else { return 0 }
        if u >= 1 { return .infinity }
        let guess = mean + mean.squareRoot() * GSL.normalPinv(u)
        var k = Swift.max(0, guess.rounded(.down))
        while k > 0, poissonCDF(k - 1, mean: mean) >= u { k -= 1 }
        while poissonCDF(k, mean: mean) < u { k += 1 }
        return k
    }
}
