import Stochastic

/// Compares a rerun with a recorded baseline, metric by metric.
///
/// Statistical mode (the default) asks whether a metric's distribution
/// moved: Welch's t-test on the means and a two-sample Kolmogorov–Smirnov
/// test on the distributions, both for every metric, Holm-corrected
/// together at `alpha`. A significant test counts as a change only when the
/// effect also exceeds a practical tolerance, max(1 % of the baseline mean,
/// the unit's floor: a day, an hour, a percentage point, one of a count).
/// So reseeding the same scenario fails with probability at most `alpha`
/// and, with the tolerance, far less; a real shift fails. A metric constant
/// in both runs (no spread to test against) must keep its value.
///
/// Exact mode asks whether every number of every replication is the same.
///
///     let report = BaselineCheck(mode: .statistical).compare(baseline: recorded, current: rerun)
///     report.outcome      // .unchanged or .changed
public struct BaselineCheck: Sendable {
    public enum Mode: String, Codable, Sendable {
        case statistical, exact
    }

    public var mode: Mode
    /// Family-wise error rate over all the tests of one check.
    public var alpha: Double
    /// The share of the baseline mean below which no change counts.
    public var relativeTolerance: Double

    public init(mode: Mode, alpha: Double = 0.01, relativeTolerance: Double = 0.01) {
        self.mode = mode
        self.alpha = alpha
        self.relativeTolerance = relativeTolerance
    }

    public func compare(baseline: ResultDocument, current: ResultDocument) -> BaselineReport {
        // A metric one schema version records and the other does not (schema 1 had per-community
        // finish days and no failure rate) is left out rather than reported as appeared or gone.
        let shared = baseline.recordedMetrics.intersection(current.recordedMetrics)
        func recordedByBoth(_ series: MetricSeries) -> Bool {
            shared.contains(String(series.name.prefix { $0 != "[" }))
        }
        let pairs = Self.pair(baseline.metricSeries().filter(recordedByBoth), current.metricSeries().filter(recordedByBoth),
                              counts: (baseline.perReplication.count, current.perReplication.count))
        var rows: [MetricComparison]
        var tests = 0
        switch mode {
        case .exact:
            rows = pairs.map { Self.exact($0.baseline, $0.current) }
            let stalls = zip(baseline.perReplication, current.perReplication).filter { $0.stall != $1.stall }.count
            if stalls > 0 || baseline.perReplication.count != current.perReplication.count {
                var row = MetricComparison(metric: "stall", unit: nil, baseline: [], current: [])
                row.differingReplications = stalls
                row.verdict = .differs
                rows.append(row)
            }
        case .statistical:
            let described = pairs.map { Self.describe($0.baseline, $0.current) }
            rows = described.map(\.row)
            var pValues: [Double] = []
            var owners: [(row: Int, welch: Bool)] = []
            for (i, pair) in pairs.enumerated() where described[i].needsTests {
                let b = Self.finite(pair.baseline), c = Self.finite(pair.current)
                let welch = (try? Statistics.welchTTest(b, c))?.pValue ?? 1
                let ks = (try? Statistics.kolmogorovSmirnov(b, c))?.pValue ?? 1
                rows[i].welchP = welch
                rows[i].ksP = ks
                pValues += [welch, ks]
                owners += [(i, true), (i, false)]
            }
            tests = pValues.count
            for (k, adjusted) in HolmBonferroni.adjust(pValues).enumerated() {
                let (i, welch) = owners[k]
                if welch { rows[i].welchPHolm = adjusted } else { rows[i].ksPHolm = adjusted }
            }
            for i in rows.indices where described[i].needsTests {
                judge(&rows[i], Self.finite(pairs[i].baseline), Self.finite(pairs[i].current))
            }
        }
        let changed = rows.filter(\.verdict.isChange).count
        return BaselineReport(
            baselineFile: nil, mode: mode, alpha: mode == .statistical ? alpha : nil,
            relativeTolerance: mode == .statistical ? relativeTolerance : nil, scenario: baseline.scenario.name,
            plan: baseline.plan, replications: current.replications, baselineSeed: baseline.seed, seed: current.seed,
            baselineToolVersion: baseline.toolVersion, toolVersion: current.toolVersion,
            baselineSHA256: baseline.scenario.sha256, sha256: current.scenario.sha256,
            tests: tests, changedMetrics: changed, outcome: changed > 0 ? .changed : .unchanged, metrics: rows)
    }

    // MARK: - Statistical verdicts

    /// Means and difference, and a verdict for what needs no test: a metric
    /// on one side only, without values, or constant on both sides.
    static func describe(_ baseline: MetricSeries?, _ current: MetricSeries?) -> (row: MetricComparison, needsTests: Bool) {
        var row = MetricComparison(metric: baseline?.name ?? current?.name ?? "", unit: baseline?.unit ?? current?.unit,
                                   baseline: baseline?.values ?? [], current: current?.values ?? [])
        guard let baseline, let current else {
            row.verdict = baseline == nil ? .onlyInCurrent : .onlyInBaseline
            return (row, false)
        }
        let b = finite(baseline), c = finite(current)
        if b.isEmpty && c.isEmpty {
            row.verdict = .noValues
        } else if b.count < 2 || c.count < 2 {
            // Whether a metric applies is tested through its own counts
            // (attainment through defects reported); one value is no sample.
            row.verdict = .tooFewValues
        } else if let x = b.first, let y = c.first, b.allSatisfy({ $0 == x }), c.allSatisfy({ $0 == y }) {
            row.constant = true
            row.verdict = same(x, y) ? .unchanged : .changed
        } else {
            return (row, true)
        }
        return (row, false)
    }

    /// The values where the metric applied.
    static func finite(_ series: MetricSeries?) -> [Double] {
        series?.values.filter { !$0.isNaN } ?? []
    }

    /// Significant after Holm and larger than the tolerance: in the mean
    /// for Welch, in the 10th, 50th or 90th percentile for KS.
    func judge(_ row: inout MetricComparison, _ baseline: [Double], _ current: [Double]) {
        let b = SampleSummary(baseline), c = SampleSummary(current)
        let tolerance = max(relativeTolerance * abs(b.mean), row.unit?.floor ?? 0)
        row.tolerance = tolerance
        let meanShift = abs(c.mean - b.mean)
        let quantileShift = [0.1, 0.5, 0.9].map { abs(c.quantile($0) - b.quantile($0)) }.max() ?? 0
        let meanSignificant = (row.welchPHolm ?? 1) <= alpha
        let distributionSignificant = (row.ksPHolm ?? 1) <= alpha
        if (meanSignificant && meanShift > tolerance) || (distributionSignificant && quantileShift > tolerance) {
            row.verdict = .changed
        } else {
            row.verdict = meanSignificant || distributionSignificant ? .withinTolerance : .unchanged
        }
    }

    // MARK: - Exact verdicts

    static func exact(_ baseline: MetricSeries?, _ current: MetricSeries?) -> MetricComparison {
        var row = describe(baseline, current).row
        guard let baseline, let current else { return row }
        let differing = zip(baseline.values, current.values).filter { !identical($0, $1) }.count
            + abs(baseline.values.count - current.values.count)
        row.differingReplications = differing
        if differing > 0 || row.verdict != .noValues { row.verdict = differing == 0 ? .identical : .differs }
        return row
    }

    /// The same number as a result file writes it: finite and equal, or
    /// both non-finite (both written as null).
    static func identical(_ x: Double, _ y: Double) -> Bool {
        x.isFinite ? x == y : !y.isFinite
    }

    /// Equal up to rounding (a sum in another order): within 1e-9 of their size.
    static func same(_ x: Double, _ y: Double) -> Bool {
        abs(x - y) <= 1e-9 * max(abs(x), abs(y))
    }

    // MARK: - Pairing

    /// Baseline series in their order, each with the current one of the same
    /// name; then current series the baseline does not have. A missing
    /// series that is zero when absent becomes zeros (`counts`: replications
    /// of each run).
    static func pair(_ baseline: [MetricSeries], _ current: [MetricSeries],
                     counts: (baseline: Int, current: Int)) -> [(baseline: MetricSeries?, current: MetricSeries?)] {
        func zeros(like series: MetricSeries, count: Int) -> MetricSeries? {
            series.absentMeansZero ? MetricSeries(name: series.name, unit: series.unit, values: Array(repeating: 0, count: count),
                                                  absentMeansZero: true) : nil
        }
        let byName = Dictionary(current.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let known = Set(baseline.map(\.name))
        var pairs: [(baseline: MetricSeries?, current: MetricSeries?)] = baseline.map {
            ($0, byName[$0.name] ?? zeros(like: $0, count: counts.current))
        }
        var added = Set<String>()
        for series in current where !known.contains(series.name) && added.insert(series.name).inserted {
            pairs.append((zeros(like: series, count: counts.baseline), series))
        }
        return pairs
    }
}
