/// The outcome of a two-sample test: its statistic and two-sided p-value.
///
///     let result = try Statistics.welchTTest(planA, planB)
///     if result.pValue < 0.05 { /* the plans' means differ */ }
public struct TestResult: Sendable, Hashable, Codable {
    /// Welch's t, or the Kolmogorov–Smirnov D.
    public let statistic: Double
    /// Welch–Satterthwaite degrees of freedom; nil for tests without.
    public let degreesOfFreedom: Double?
    /// Two-sided p-value in [0, 1].
    public let pValue: Double

    public init(statistic: Double, degreesOfFreedom: Double?, pValue: Double) {
        self.statistic = statistic
        self.degreesOfFreedom = degreesOfFreedom
        self.pValue = pValue
    }
}
