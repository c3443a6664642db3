import Foundation

extension Statistics {
    /// Welch's two-sample t-test of equal means, not assuming equal
    /// variances: t = (x̄a − x̄b)/√(sa²/na + sb²/nb), Welch–Satterthwaite
    /// degrees of freedom, two-sided p from `gsl_cdf_tdist_Q`.
    ///
    ///     let result = try Statistics.welchTTest(a, b)
    ///     result.statistic, result.degreesOfFreedom, result.pValue
    ///
    /// When both samples are constant there is no spread to compare
    /// against: equal values give t = 0, p = 1; different values give
    /// t = ±∞, p = 0 (and na + nb − 2 degrees of freedom).
    public static func welchTTest(_ a: [Double], _ b: [Double]) throws(StatisticsError) -> TestResult {
        let name = "Welch's t-test"
        guard a.count >= 2, b.count >= 2 else {
            throw .tooFewValues(computation: name, needed: 2, got: Swift.min(a.count, b.count))
        }
        guard !a.contains(where: \.isNaN), !b.contains(where: \.isNaN) else { throw .notANumber(computation: name) }
        let (na, nb) = (Double(a.count), Double(b.count))
        let (meanA, varianceA) = meanAndVariance(a)
        let (meanB, varianceB) = meanAndVariance(b)
        let (shareA, shareB) = (varianceA / na, varianceB / nb)
        let squaredError = shareA + shareB
        if squaredError == 0 {
            let pooledFreedom = na + nb - 2
            if meanA == meanB { return TestResult(statistic: 0, degreesOfFreedom: pooledFreedom, pValue: 1) }
            let t: Double = meanA > meanB ? .infinity : -.infinity
            return TestResult(statistic: t, degreesOfFreedom: pooledFreedom, pValue: 0)
        }
        let t = (meanA - meanB) / squaredError.squareRoot()
        let freedom = squaredError * squaredError
            / (shareA * shareA / (na - 1) + shareB * shareB / (nb - 1))
        let p = Swift.min(1, 2 * GSL.studentTQ(abs(t), degreesOfFreedom: freedom))
        return TestResult(statistic: t, degreesOfFreedom: freedom, pValue: p)
    }

    /// Two-sample Kolmogorov–Smirnov test that `a` and `b` come from the
    /// same distribution. D = max |Fa(x) − Fb(x)|, exact with ties (both
    /// empirical CDFs step past a tied value before they are compared).
    /// p is asymptotic: Q_KS(λ) with Stephens' effective-n correction
    /// λ = (√ne + 0.12 + 0.11/√ne)·D, ne = na·nb/(na + nb).
    ///
    ///     let result = try Statistics.kolmogorovSmirnov(replicationsA, replicationsB)
    ///     result.statistic   // D
    ///     result.pValue
    public static func kolmogorovSmirnov(_ a: [Double], _ b: [Double]) throws(StatisticsError) -> TestResult {
        let name = "Kolmogorov–Smirnov test"
        guard !a.isEmpty, !b.isEmpty else {
            throw .tooFewValues(computation: name, needed: 1, got: Swift.min(a.count, b.count))
        }
        // NaN compares unequal to itself and would stall the walk below.
        guard !a.contains(where: \.isNaN), !b.contains(where: \.isNaN) else { throw .notANumber(computation: name) }
        let x = a.sorted()
        let y = b.sorted()
        let (na, nb) = (Double(x.count), Double(y.count))
        var (i, j) = (0, 0)
        var d = 0.0
        while i < x.count, j < y.count {
            let value = Swift.min(x[i], y[j])
            while i < x.count, x[i] == value { i += 1 }
            while j < y.count, y[j] == value { j += 1 }
            d = Swift.max(d, abs(Double(i) / na - Double(j) / nb))
        }
        let effective = (na * nb / (na + nb)).squareRoot()
        let lambda = (effective + 0.12 + 0.11 / effective) * d
        return TestResult(statistic: d, degreesOfFreedom: nil, pValue: kolmogorovSurvival(lambda))
    }

    /// P(K > λ) for the Kolmogorov distribution. GSL has none, so this is
    /// written out: for small λ the theta-function form
    /// 1 − √(2π)/λ · Σ exp(−(2k−1)²π²/(8λ²)), otherwise the alternating
    /// series 2 Σ (−1)^(k−1) exp(−2k²λ²); each needs only a few terms on
    /// its side of 1.18.
    static func kolmogorovSurvival(_ lambda: Double) -> Double {
        guard lambda > 0 else { return 1 }
        var sum = 0.0
        if lambda < 1.18 {
            let factor = -Double.pi * Double.pi / (8 * lambda * lambda)
            for k in 1...20 {
                let odd = Double(2 * k - 1)
                let term = exp(odd * odd * factor)
                sum += term
                if term < 1e-17 * sum { break }
            }
            return Swift.min(1, Swift.max(0, 1 - (2 * Double.pi).squareRoot() / lambda * sum))
        }
        var sign = 1.0
        for k in 1...100 {
            let term = exp(-2 * Double(k * k) * lambda * lambda)
            sum += sign * term
            if term < 1e-17 * abs(sum) { break }
            sign = -sign
        }
        return Swift.min(1, Swift.max(0, 2 * sum))
    }
}
