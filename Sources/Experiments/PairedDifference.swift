import Stochastic

/// How one metric differs between a plan and the baseline when both ran on
/// the same replication numbers (common random numbers): the replication-by-
/// replication differences, plan − baseline, and what an independent
/// comparison of the same data would have given.
///
///     let d = PairedDifference(metric: "finish_days", baseline: [400, 420, 390], plan: [380, 401, 372])
///     d.meanDifference        // −19
///     d.significant           // true: the paired 95 % interval excludes 0
///     d.varianceReduction     // 1 − var(d) ÷ (var(a) + var(b)): the share of variance pairing removed
public struct PairedDifference: Codable, Sendable, Equatable {
    public var metric: String
    /// Replications where the metric applied to both plans (NaN values are left out in pairs).
    public var pairs: Int
    public var baselineMean: Double
    public var planMean: Double
    /// Mean of plan − baseline.
    public var meanDifference: Double
    /// Standard deviation of the differences.
    public var standardDeviation: Double
    /// 95 % Student-t interval for the mean difference.
    public var ciLower: Double
    public var ciUpper: Double
    /// Whether the paired interval excludes 0.
    public var significant: Bool
    public var pairedHalfWidth: Double
    /// Half-width of the 95 % Welch interval had the plans run on independent
    /// random numbers: t(0.975, Welch–Satterthwaite df) · √(s²a/n + s²b/n).
    public var independentHalfWidth: Double
    /// Independent ÷ paired half-width (∞ when the differences do not vary
    /// but the plans do; NaN when neither varies). Not the variance
    /// reduction: that is ``varianceReduction``, the one number reports show.
    public var halfWidthRatio: Double
    /// The variance reduction, everywhere renosim names one:
    /// 1 − var(difference) ÷ (var(baseline) + var(plan)), the share of the
    /// variance of an independent difference that pairing removes.
    public var varianceReduction: Double

    public init(metric: String, baseline: [Double], plan: [Double]) {
        self.metric = metric
        var a: [Double] = [], b: [Double] = [], d: [Double] = []
        for (x, y) in zip(baseline, plan) where !x.isNaN && !y.isNaN {
            a.append(x)
            b.append(y)
            d.append(Self.difference(y, x))
        }
        pairs = d.count
        let sa = SampleSummary(a), sb = SampleSummary(b), sd = SampleSummary(d)
        baselineMean = sa.mean
        planMean = sb.mean
        meanDifference = sd.mean
        standardDeviation = d.count > 1 ? sd.standardDeviation : .nan
        // No pairs, no interval (one pair gives Student's (−∞, +∞)).
        let paired = d.isEmpty ? nil : try? Statistics.meanConfidenceInterval(d, level: 0.95)
        ciLower = paired?.lower ?? .nan
        ciUpper = paired?.upper ?? .nan
        significant = ciLower > 0 || ciUpper < 0
        pairedHalfWidth = paired?.halfWidth ?? .nan
        independentHalfWidth = Self.welchHalfWidth(a, b, varianceA: sa.variance, varianceB: sb.variance)
        halfWidthRatio = independentHalfWidth / pairedHalfWidth
        varianceReduction = 1 - sd.variance / (sa.variance + sb.variance)
    }

    /// y − x, with rounding noise (|y − x| within 1e-9 of their size) taken
    /// as 0: a metric summed in another order, like the cost of the same
    /// work committed in other years, is the same number.
    static func difference(_ y: Double, _ x: Double) -> Double {
        let d = y - x
        return abs(d) <= 1e-9 * max(abs(x), abs(y)) ? 0 : d
    }

    /// The 95 % Welch interval's half-width for the difference of means of
    /// two independent samples; NaN with fewer than two values each.
    static func welchHalfWidth(_ a: [Double], _ b: [Double], varianceA: Double, varianceB: Double) -> Double {
        guard let test = try? Statistics.welchTTest(a, b), let freedom = test.degreesOfFreedom else { return .nan }
        let t = Statistics.studentTQuantile(0.975, degreesOfFreedom: freedom)
        return t * (varianceA / Double(a.count) + varianceB / Double(b.count)).squareRoot()
    }
}
