import Stochastic
import Testing

// Reference values from Python 3 with scipy 1.17.1 / numpy, as noted beside each.

@Suite("Statistics")
struct StatisticsTests {
    @Test("sample summary matches numpy")
    func summary() {
        let values = [3.1, 4.7, 1.2, 9.9, 5.5, 2.8, 7.3, 6.1, 4.4, 8.0, 0.6]
        let summary = SampleSummary(values)
        // np.mean, np.var(ddof=1), np.quantile (linear, as GSL)
        #expect(summary.count == 11)
        #expect(close(summary.mean, 4.872727272727272))
        #expect(close(summary.variance, 8.228181818181818))
        #expect(close(summary.standardDeviation, 8.228181818181818.squareRoot()))
        #expect(summary.min == 0.6 && summary.max == 9.9)
        let expected: [(Double, Double)] = [(0, 0.6), (0.1, 1.2), (0.25, 2.95), (0.5, 4.7), (0.9, 8.0), (1, 9.9)]
        for (p, q) in expected { #expect(close(summary.quantile(p), q), "quantile(\(p))") }
        #expect(summary.quantile(-1) == 0.6 && summary.quantile(2) == 9.9)
    }

    @Test("small samples give NaN, not a trap")
    func smallSummaries() throws {
        let empty = SampleSummary([])
        #expect(empty.count == 0 && empty.mean.isNaN && empty.quantile(0.5).isNaN && empty.min.isNaN)
        let one = SampleSummary([4])
        #expect(one.mean == 4 && one.variance.isNaN && one.quantile(0.9) == 4)
        let interval = try Statistics.meanConfidenceInterval([4])
        #expect(interval.lower == -.infinity && interval.upper == .infinity && interval.contains(1e300))
        #expect(try Statistics.meanConfidenceInterval([]).halfWidth == .infinity)
    }

    @Test("t interval uses Student's quantile")
    func tInterval() throws {
        let values = [9.8, 10.2, 10.4, 9.9, 10.0, 10.1, 9.7, 10.3, 10.6, 9.5]
        let interval = try Statistics.meanConfidenceInterval(values, level: 0.95)
        // scipy: t.ppf(0.975, 9) = 2.262157162798205; interval [9.808585444033408, 10.291414555966593]
        #expect(close(interval.lower, 9.808585444033408, 1e-12))
        #expect(close(interval.upper, 10.291414555966593, 1e-12))
        let standardError = SampleSummary(values).standardDeviation / 10.0.squareRoot()
        #expect(close(interval.halfWidth / standardError, 2.262157162798205, 1e-10))
        #expect(interval.level == 0.95 && interval.contains(10.05))
        let fromMoments = try Statistics.meanConfidenceInterval(
            mean: 10.05, variance: SampleSummary(values).variance, count: 10)
        #expect(close(fromMoments.lower, interval.lower, 1e-12))
    }

    @Test("confidence levels outside (0, 1) are refused", arguments: [0.0, 1.0, 95.0, -0.5, .nan])
    func badLevel(level: Double) {
        #expect(throws: StatisticsError.self) { try Statistics.meanConfidenceInterval([1, 2, 3], level: level) }
        #expect(throws: StatisticsError.self) { try Statistics.wilsonInterval(successes: 1, trials: 2, level: level) }
    }

    @Test("Wilson interval matches the worked example")
    func wilson() throws {
        // p̂ = 81/263, z = norm.ppf(0.975):
        // (p̂ + z²/2n)/(1 + z²/n) ∓ z/(1 + z²/n)·√(p̂(1−p̂)/n + z²/4n²)
        // = [0.2552885198782742, 0.36620957698280004]
        let interval = try Statistics.wilsonInterval(successes: 81, trials: 263, level: 0.95)
        #expect(close(interval.lower, 0.2552885198782742, 1e-12))
        #expect(close(interval.upper, 0.36620957698280004, 1e-12))
        let none = try Statistics.wilsonInterval(successes: 0, trials: 10)
        #expect(none.lower == 0 && none.upper > 0.2 && none.upper < 0.35)
        let all = try Statistics.wilsonInterval(successes: 10, trials: 10)
        #expect(all.upper == 1 && all.lower > 0.65)
        #expect(try Statistics.wilsonInterval(successes: 0, trials: 0)
            == ConfidenceInterval(lower: 0, upper: 1, level: 0.95))
        #expect(throws: StatisticsError.invalidCounts(successes: 5, trials: 3)) {
            try Statistics.wilsonInterval(successes: 5, trials: 3)
        }
    }

    @Test("Welch's test matches scipy")
    func welch() throws {
        let a = [27.5, 21.0, 19.0, 23.6, 17.0, 17.9, 16.9, 20.1, 21.9, 22.6, 23.1, 19.6, 19.0, 21.7, 21.4]
        let b = [27.1, 22.0, 20.8, 23.4, 23.4, 23.5, 25.8, 22.0, 24.8, 20.2, 21.9, 22.1, 22.9, 20.5, 24.4]
        // scipy.stats.ttest_ind(a, b, equal_var=False):
        // statistic -2.455356398286006, pvalue 0.021378001462866992, df 24.988529290231416
        let result = try Statistics.welchTTest(a, b)
        #expect(close(result.statistic, -2.455356398286006, 1e-12))
        #expect(close(result.pValue, 0.021378001462866992, 1e-9))
        #expect(close(try #require(result.degreesOfFreedom), 24.988529290231416, 1e-12))
        // Swapping the samples flips t and keeps p.
        let swapped = try Statistics.welchTTest(b, a)
        #expect(close(swapped.statistic, 2.455356398286006, 1e-12) && swapped.pValue == result.pValue)
    }

    @Test("Welch's test on constant samples gives no NaN")
    func welchConstant() throws {
        let same = try Statistics.welchTTest([5, 5, 5], [5, 5])
        #expect(same.statistic == 0 && same.pValue == 1 && same.degreesOfFreedom == 3)
        let different = try Statistics.welchTTest([5, 5, 5], [6, 6])
        #expect(different.statistic == -.infinity && different.pValue == 0)
        // One constant sample: the other's variance carries the test.
        let one = try Statistics.welchTTest([5, 5, 5], [4, 6, 5, 7])
        #expect(!one.pValue.isNaN && one.degreesOfFreedom == 3)
        #expect(throws: StatisticsError.tooFewValues(computation: "Welch's t-test", needed: 2, got: 1)) {
            try Statistics.welchTTest([1], [1, 2])
        }
        #expect(throws: StatisticsError.notANumber(computation: "Welch's t-test")) {
            try Statistics.welchTTest([1, .nan], [1, 2])
        }
    }

    @Test("Kolmogorov–Smirnov matches scipy")
    func kolmogorovSmirnov() throws {
        // scipy.stats.ks_2samp gives D; scipy's method='asymp' p is
        // kstwo.sf(D, round(ne)), a different approximation from Stephens'
        // λ = (√ne + 0.12 + 0.11/√ne)·D used here, so p is compared exactly
        // with kstwobign.sf(λ) and loosely with scipy's asymptotic p.
        let cases: [(a: [Double], b: [Double], d: Double, stephens: Double, scipyAsymptotic: Double)] = [
            ([0.61, 0.29, 0.06, 0.59, -1.73, -0.74, 0.51, -0.56, 0.39, 1.64, 0.05, -0.06, 0.64, -0.82, 0.37,
              1.77, 1.09, -1.28, 2.36, 1.31, 1.05, -0.32, -0.40, 1.06, -2.47],
             [2.20, 1.66, 1.38, 0.20, 0.36, 0.00, 0.96, 1.56, 0.44, 1.50, -0.30, 0.66, 2.31, 3.29, -0.27,
              -0.37, 0.38, 0.70, 0.52, -0.30, 0.96, 0.05, 0.64, 1.06, 0.10, 0.39, 0.96, 0.61, 1.43, 0.29],
             0.2866666666666667, 0.1765305056148281, 0.16393880325929533),
            // Ties within and across the samples.
            ([1, 2, 2, 3, 3, 3, 4, 5, 5, 6], [2, 3, 3, 4, 4, 4, 5, 6, 6, 7, 7, 8],
             0.35, 0.4268386639923807, 0.46975),
            // λ ≈ 1.66 and 2.65: the alternating series rather than the theta form.
            ((0..<20).map(Double.init), (10..<30).map(Double.init), 0.5, 0.008161678659143069, 0.00777741),
            ((0..<20).map(Double.init), (16..<36).map(Double.init), 0.8, 1.5294975345128762e-06,
             2.207999999999995e-07),
        ]
        for (a, b, d, stephens, scipyAsymptotic) in cases {
            let result = try Statistics.kolmogorovSmirnov(a, b)
            #expect(close(result.statistic, d, 1e-14))
            #expect(abs(result.pValue - stephens) <= 1e-9 * max(stephens, 1e-6), "p = \(result.pValue)")
            #expect(abs(result.pValue - scipyAsymptotic) <= 0.05)
            #expect(result.degreesOfFreedom == nil)
        }
        let identical = try Statistics.kolmogorovSmirnov([1, 2, 3], [3, 2, 1])
        #expect(identical.statistic == 0 && identical.pValue == 1)
        #expect(throws: StatisticsError.self) { try Statistics.kolmogorovSmirnov([], [1]) }
        #expect(throws: StatisticsError.self) { try Statistics.kolmogorovSmirnov([.nan], [1]) }
    }

    @Test("correlation and the standard normal match numpy and scipy")
    func correlationAndNormal() throws {
        // np.corrcoef([1, 2, 3], [2, 4, 7])[0, 1]
        #expect(close(try Statistics.correlation([1, 2, 3], [2, 4, 7]), 0.9933992677987828, 1e-12))
        #expect(throws: StatisticsError.lengthMismatch(first: 2, second: 3)) {
            try Statistics.correlation([1, 2], [1, 2, 3])
        }
        // norm.ppf(0.975)
        #expect(close(Statistics.standardNormalQuantile(0.975), 1.959963984540054, 1e-12))
        #expect(close(Statistics.standardNormalCDF(1.959963984540054), 0.975, 1e-12))
    }

    @Test("the 95 % t interval covers the mean 95 % of the time")
    func coverage() throws {
        let truth = Distribution.normal(mean: 100, sd: 10)   // truncation at 0 is 10 sd away
        let stream = RandomStream(key: StreamKey(seed: 2_024))
        let experiments = 2_000
        var covered = 0
        for _ in 0..<experiments {
            let sample = (0..<20).map { _ in truth.sample(stream) }
            if try Statistics.meanConfidenceInterval(sample, level: 0.95).contains(truth.mean) { covered += 1 }
        }
        let rate = try Statistics.wilsonInterval(successes: covered, trials: experiments, level: 0.95)
        #expect(rate.contains(0.95), "covered \(covered) of \(experiments)")
    }
}
