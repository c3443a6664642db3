/// One number per replication under a stable name (`finish_days`,
/// `utilisation[roofing]`, `cost[2023]`): what a baseline check compares.
public struct MetricSeries: Sendable, Equatable {
    public typealias Unit = MetricUnit

    public var name: String
    public var unit: Unit
    /// In replication order; NaN where the metric did not apply.
    public var values: [Double]
    /// Whether a run without this metric had it at zero: a calendar year
    /// past one run's horizon saw no completions and no cost.
    public var absentMeansZero: Bool

    public init(name: String, unit: Unit, values: [Double], absentMeansZero: Bool = false) {
        self.name = name
        self.unit = unit
        self.values = values
        self.absentMeansZero = absentMeansZero
    }
}

extension ResultDocument {
    /// Every number of the per-replication data as a named series, in the
    /// registry's order (``Metric/all``), labelled as the registry labels them.
    public func metricSeries() -> [MetricSeries] {
        var series: [MetricSeries] = []
        for metric in Metric.all {
            // Only what the records carry: a schema-1 file has no failure_rate, a schema-2 file no communities.
            guard perReplication.contains(where: { $0.values[metric.name] != nil }) else { continue }
            let labels = metric.dimension.map { names.names($0).map { Optional($0) } } ?? [nil]
            for (i, index) in labels.enumerated() {
                // A record may be short (read from another version): NaN then.
                let values = perReplication.map { record in
                    let values = record[metric]
                    return i < values.count ? values[i] : .nan
                }
                series.append(MetricSeries(name: metric.label(index), unit: metric.unit, values: values,
                                           absentMeansZero: metric.absentMeansZero))
            }
        }
        return series
    }

    /// The registry's metrics the records carry.
    public var recordedMetrics: Set<String> {
        Set(perReplication.flatMap(\.values.keys))
    }
}
