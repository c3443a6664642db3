/// A two-sided confidence interval [lower, upper] at a confidence level.
///
///     let ci = try Statistics.meanConfidenceInterval([12, 15, 11, 19, 14])
///     ci.halfWidth          // 3.867…
///     ci.contains(14)       // true
///
/// Either end may be infinite: a mean interval from fewer than two values
/// is (−∞, +∞).
public struct ConfidenceInterval: Sendable, Hashable, Codable {
    public let lower: Double
    public let upper: Double
    /// The confidence level, e.g. 0.95.
    public let level: Double

    public init(lower: Double, upper: Double, level: Double) {
        self.lower = lower
        self.upper = upper
        self.level = level
    }

    /// Half the width: the "±" of "mean ± half-width".
    public var halfWidth: Double { (upper - lower) / 2 }

    /// Whether `value` lies in [lower, upper].
    public func contains(_ value: Double) -> Bool {
        lower <= value && value <= upper
    }
}
