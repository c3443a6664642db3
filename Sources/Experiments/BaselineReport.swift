import Stochastic

/// The outcome of a ``BaselineCheck``: what was compared and, per metric,
/// the means, the tests and the verdict.
public struct BaselineReport: Codable, Sendable {
    public enum Outcome: String, Codable, Sendable {
        case unchanged, changed
    }

    /// The baseline's file, when the caller names it.
    public var baselineFile: String?
    public var mode: BaselineCheck.Mode
    /// Family-wise error rate of the statistical tests; nil in exact mode.
    public var alpha: Double?
    /// The share of the baseline mean a change must exceed; nil in exact mode.
    public var relativeTolerance: Double?
    public var scenario: String
    public var plan: String
    public var replications: Int
    public var baselineSeed: UInt64
    /// The seed of the rerun: the baseline's unless overridden to test noise.
    public var seed: UInt64
    public var baselineToolVersion: String
    public var toolVersion: String
    public var baselineSHA256: String
    public var sha256: String
    /// Hypothesis tests run (two per tested metric), the Holm family size.
    public var tests: Int
    public var changedMetrics: Int
    public var outcome: Outcome
    public var metrics: [MetricComparison]

    public var scenarioChanged: Bool { baselineSHA256 != sha256 }
}

/// One metric of a baseline check.
public struct MetricComparison: Codable, Sendable, Equatable {
    public enum Verdict: String, Codable, Sendable {
        /// No significant change (or, for a constant metric, the same value).
        case unchanged
        /// Significant, but smaller than the practical tolerance.
        case withinTolerance = "within_tolerance"
        case changed
        /// Exact mode: every replication's value is the same.
        case identical
        /// Exact mode: some replication's value differs.
        case differs
        case onlyInBaseline = "only_in_baseline"
        case onlyInCurrent = "only_in_current"
        /// NaN in every replication of both runs (it never applied).
        case noValues = "no_values"
        /// Fewer than two values on a side: nothing to test.
        case tooFewValues = "too_few_values"

        /// Whether the verdict fails a check.
        public var isChange: Bool {
            switch self {
            case .changed, .differs, .onlyInBaseline, .onlyInCurrent: true
            case .unchanged, .withinTolerance, .identical, .noValues, .tooFewValues: false
            }
        }
    }

    public var metric: String
    public var unit: MetricSeries.Unit?
    /// Means over the replications where the metric applied; NaN if none.
    public var baselineMean: Double
    public var currentMean: Double
    /// Current − baseline.
    public var difference: Double
    /// The smallest difference that counts (statistical mode, tested metrics).
    public var tolerance: Double?
    public var welchP: Double?
    public var ksP: Double?
    /// Holm-adjusted p-values, compared with alpha.
    public var welchPHolm: Double?
    public var ksPHolm: Double?
    /// Whether the metric took one value in every replication of each run
    /// (so there was nothing to test: the values are compared directly).
    public var constant = false
    /// Exact mode: replications whose value differs.
    public var differingReplications: Int?
    public var verdict: Verdict = .unchanged

    /// Whether a table can leave the metric out: it never applied, or it
    /// kept the same single value.
    public var isQuiet: Bool {
        verdict == .noValues || (constant && !verdict.isChange)
    }

    init(metric: String, unit: MetricSeries.Unit?, baseline: [Double], current: [Double]) {
        self.metric = metric
        self.unit = unit
        baselineMean = SampleSummary(baseline.filter { !$0.isNaN }).mean
        currentMean = SampleSummary(current.filter { !$0.isNaN }).mean
        difference = currentMean - baselineMean
    }
}
