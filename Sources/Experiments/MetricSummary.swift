import Stochastic

/// How one metric varied over the replications.
public struct MetricSummary: Codable, Sendable, Equatable {
    public var count: Int
    public var mean: Double
    public var standardDeviation: Double
    /// 95 % Student-t interval for the mean.
    public var ciLower: Double
    public var ciUpper: Double
    public var p10: Double
    public var p50: Double
    public var p80: Double
    public var p90: Double
    public var min: Double
    public var max: Double

    /// Summarises `values`; NaNs (a metric that did not apply) are left out.
    public init(_ values: [Double]) {
        let finite = values.filter { !$0.isNaN }
        let summary = SampleSummary(finite)
        count = finite.count
        mean = finite.isEmpty ? .nan : summary.mean
        standardDeviation = finite.count > 1 ? summary.standardDeviation : 0
        let ci = try? Statistics.meanConfidenceInterval(finite, level: 0.95)
        ciLower = finite.count > 1 ? (ci?.lower ?? .nan) : mean
        ciUpper = finite.count > 1 ? (ci?.upper ?? .nan) : mean
        p10 = finite.isEmpty ? .nan : summary.quantile(0.10)
        p50 = finite.isEmpty ? .nan : summary.quantile(0.50)
        p80 = finite.isEmpty ? .nan : summary.quantile(0.80)
        p90 = finite.isEmpty ? .nan : summary.quantile(0.90)
        min = finite.min() ?? .nan
        max = finite.max() ?? .nan
    }

    /// Half the width of the 95 % interval.
    public var halfWidth: Double { (ciUpper - ciLower) / 2 }
}

/// A probability estimated from replications, with its Wilson interval.
public struct ProportionSummary: Codable, Sendable, Equatable {
    public var successes: Int
    public var trials: Int
    public var estimate: Double
    public var lower: Double
    public var upper: Double

    public init(successes: Int, trials: Int) {
        self.successes = successes
        self.trials = trials
        estimate = trials > 0 ? Double(successes) / Double(trials) : .nan
        let interval = try? Statistics.wilsonInterval(successes: successes, trials: trials, level: 0.95)
        lower = interval?.lower ?? .nan
        upper = interval?.upper ?? .nan
    }
}
