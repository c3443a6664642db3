/// Count, mean, spread, extremes and quantiles of a sample — say the
/// finish dates of 1,000 replications.
///
///     let summary = SampleSummary([12, 15, 11, 19, 14])
///     summary.mean                 // 14.2
///     summary.standardDeviation    // 3.114…  (n − 1 in the denominator)
///     summary.quantile(0.8)        // 15.8
///
/// Mean and variance come from `gsl_stats_*`; quantiles from
/// `gsl_stats_quantile_from_sorted_data` on a sorted copy, kept so that
/// many quantiles cost one sort. Values are expected to be finite: a NaN
/// makes the order, and so the quantiles, meaningless.
public struct SampleSummary: Sendable, Equatable {
    public let count: Int
    /// NaN when empty.
    public let mean: Double
    /// The unbiased (n − 1) sample variance; NaN with fewer than two values.
    public let variance: Double
    /// NaN when empty.
    public let min: Double
    /// NaN when empty.
    public let max: Double
    /// The values, ascending.
    public let sortedValues: [Double]

    /// √variance.
    public var standardDeviation: Double { variance.squareRoot() }

    /// - Complexity: O(n log n), for the sort.
    public init(_ values: [Double]) {
        let sorted = values.sorted()
        count = sorted.count
        sortedValues = sorted
        guard let first = sorted.first, let last = sorted.last else {
            mean = .nan
            variance = .nan
            min = .nan
            max = .nan
            return
        }
        min = first
        max = last
        let mean = sorted.withUnsafeBufferPointer { GSL.mean($0) }
        self.mean = mean
        variance = sorted.count < 2 ? .nan : sorted.withUnsafeBufferPointer { GSL.variance($0, mean: mean) }
    }

    /// The p-quantile (p in [0, 1], clamped), interpolating linearly
    /// between order statistics as GSL does: `quantile(0.5)` is the median.
    /// NaN when empty.
    public func quantile(_ p: Double) -> Double {
        guard count > 0, !p.isNaN else { return .nan }
        let p = Swift.min(Swift.max(p, 0), 1)
        return sortedValues.withUnsafeBufferPointer { GSL.quantileFromSorted($0, p) }
    }
}
