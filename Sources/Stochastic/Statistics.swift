/// Statistics of simulation output: confidence intervals, two-sample
/// tests, correlation and the standard normal, all from GSL.
///
///     let ci = try Statistics.meanConfidenceInterval(finishDays, level: 0.95)
///     let onTime = try Statistics.wilsonInterval(successes: 81, trials: 263)
///     let test = try Statistics.welchTTest(planA, planB)
public enum Statistics {
    // MARK: - Confidence intervals

    /// Student-t interval for the mean of `values` (t quantile from
    /// `gsl_cdf_tdist_Pinv`). Fewer than two values give (−∞, +∞).
    ///
    ///     try Statistics.meanConfidenceInterval([12, 15, 11, 19, 14])
    ///     // 14.2 ± 2.776·3.114/√5 = [10.33, 18.07]
    public static func meanConfidenceInterval(
        _ values: [Double], level: Double = 0.95
    ) throws(StatisticsError) -> ConfidenceInterval {
        try checkLevel(level)
        guard values.count >= 2 else { return ConfidenceInterval(lower: -.infinity, upper: .infinity, level: level) }
        let (mean, variance) = meanAndVariance(values)
        return try meanConfidenceInterval(mean: mean, variance: variance, count: values.count, level: level)
    }

    /// The same from a sample's mean, (n − 1) variance and size — for
    /// running tallies that keep no values.
    ///
    ///     try Statistics.meanConfidenceInterval(mean: 14.2, variance: 9.7, count: 5)
    public static func meanConfidenceInterval(
        mean: Double, variance: Double, count: Int, level: Double = 0.95
    ) throws(StatisticsError) -> ConfidenceInterval {
        try checkLevel(level)
        guard count >= 2 else { return ConfidenceInterval(lower: -.infinity, upper: .infinity, level: level) }
        let n = Double(count)
        let t = GSL.studentTPinv(0.5 + level / 2, degreesOfFreedom: n - 1)
        let halfWidth = t * (variance / n).squareRoot()
        return ConfidenceInterval(lower: mean - halfWidth, upper: mean + halfWidth, level: level)
    }

    /// Wilson score interval for a proportion, e.g. the chance of meeting
    /// the deadline from `successes` of `trials` replications. Stays inside
    /// [0, 1] and behaves at 0 and n successes, unlike p ± z·se. No trials
    /// give [0, 1].
    ///
    ///     try Statistics.wilsonInterval(successes: 81, trials: 263)   // [0.2553, 0.3662]
    public static func wilsonInterval(
        successes: Int, trials: Int, level: Double = 0.95
    ) throws(StatisticsError) -> ConfidenceInterval {
        try checkLevel(level)
        guard successes >= 0, successes <= trials else {
            throw .invalidCounts(successes: successes, trials: trials)
        }
        guard trials > 0 else { return ConfidenceInterval(lower: 0, upper: 1, level: level) }
        let n = Double(trials)
        let p = Double(successes) / n
        let z = GSL.normalQinv((1 - level) / 2)
        let z2 = z * z
        let centre = (p + z2 / (2 * n)) / (1 + z2 / n)
        let halfWidth = z / (1 + z2 / n) * (p * (1 - p) / n + z2 / (4 * n * n)).squareRoot()
        // At 0 or n successes the matching end is exactly 0 or 1; rounding
        // would leave it a hair off.
        return ConfidenceInterval(
            lower: successes == 0 ? 0 : Swift.max(0, centre - halfWidth),
            upper: successes == trials ? 1 : Swift.min(1, centre + halfWidth),
            level: level)
    }

    /// Mean and (n − 1) variance, n ≥ 2.
    static func meanAndVariance(_ values: [Double]) -> (Double, Double) {
        values.withUnsafeBufferPointer { x in
            let mean = GSL.mean(x)
            return (mean, GSL.variance(x, mean: mean))
        }
    }

    static func checkLevel(_ level: Double) throws(StatisticsError) {
        guard level > 0, level < 1 else { throw .invalidLevel(level) }
    }

    // MARK: - Correlation and the standard normal

    /// Pearson correlation of paired samples (`gsl_stats_correlation`);
    /// NaN when either sample is constant.
    ///
    ///     try Statistics.correlation([1, 2, 3], [2, 4, 7])   // 0.993…
    public static func correlation(_ a: [Double], _ b: [Double]) throws(StatisticsError) -> Double {
        guard a.count == b.count else { throw .lengthMismatch(first: a.count, second: b.count) }
        guard a.count >= 2 else { throw .tooFewValues(computation: "correlation", needed: 2, got: a.count) }
        return a.withUnsafeBufferPointer { x in b.withUnsafeBufferPointer { y in GSL.correlation(x, y) } }
    }

    /// Φ(z), the standard normal CDF.
    ///
    ///     Statistics.standardNormalCDF(1.96)   // 0.975
    public static func standardNormalCDF(_ z: Double) -> Double { GSL.normalP(z) }

    /// Φ⁻¹(p), the standard normal quantile; ±∞ at 0 and 1.
    ///
    ///     Statistics.standardNormalQuantile(0.975)   // 1.95996…
    public static func standardNormalQuantile(_ p: Double) -> Double { GSL.normalPinv(p) }

    /// The p-quantile of Student's t with `degreesOfFreedom` (> 0, need not
    /// be whole: Welch–Satterthwaite gives fractions), from
    /// `gsl_cdf_tdist_Pinv`; ±∞ at 0 and 1, NaN for a p outside [0, 1] or
    /// degrees of freedom ≤ 0.
    ///
    ///     Statistics.studentTQuantile(0.975, degreesOfFreedom: 4)   // 2.776…
    public static func studentTQuantile(_ p: Double, degreesOfFreedom nu: Double) -> Double {
        guard p >= 0, p <= 1, nu > 0 else { return .nan }
        return GSL.studentTPinv(p, degreesOfFreedom: nu)
    }
}
