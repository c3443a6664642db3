/// One number per replication under a stable name (`finish_days`,
/// `utilisation[roofing]`, `cost[2023]`): what a baseline check compares.
public struct MetricSeries: Sendable, Equatable {
    /// What the numbers measure; it sets the smallest change that counts.
    public enum Unit: String, Codable, Sendable {
        case days, hours, share, count, money
        case householdDays = "household_days"

        /// The smallest absolute change that matters: a day, an hour, a
        /// percentage point, one of a count, one unit of money.
        public var floor: Double {
            switch self {
            case .days, .hours, .count, .money, .householdDays: 1
            case .share: 0.01
            }
        }
    }

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
    /// Every number of the per-replication data as a named series, in a
    /// fixed order: programme, communities, trades, waits, quality,
    /// residents, money, years.
    public func metricSeries() -> [MetricSeries] {
        let records = perReplication
        var series: [MetricSeries] = []
        func add(_ name: String, _ unit: MetricSeries.Unit, perYear: Bool = false, _ value: (ReplicationRecord) -> Double) {
            series.append(MetricSeries(name: name, unit: unit, values: records.map(value), absentMeansZero: perYear))
        }
        // Indexed fields go through `element`: a record may be short.
        func element<T: BinaryInteger>(_ array: [T], _ i: Int) -> Double { i < array.count ? Double(array[i]) : .nan }
        func element(_ array: [Double], _ i: Int) -> Double { i < array.count ? array[i] : .nan }

        add("finish_days", .days) { $0.finishDays }
        add("finished", .share) { $0.finished ? 1 : 0 }
        add("deadline_met", .share) { $0.deadlineMet ? 1 : 0 }
        add("unfinished_orders", .count) { Double($0.unfinishedOrders) }
        for (i, name) in names.communities.enumerated() {
            add("finish_days[\(name)]", .days) { element($0.communityFinishDays, i) }
        }
        for (i, name) in names.trades.enumerated() {
            add("utilisation[\(name)]", .share) { element($0.crewUtilisation, i) }
        }
        for (i, name) in names.waitCauses.enumerated() {
            add("wait_days[\(name)]", .days) { element($0.waitDays, i) }
        }
        add("inspections", .count) { Double($0.inspections) }
        add("failed_inspections", .count) { Double($0.failedInspections) }
        add("rework_hours", .hours) { $0.reworkHours }
        add("defects_reported", .count) { Double($0.defectsReported) }
        add("defects_complex", .count) { Double($0.defectsComplex) }
        for (i, name) in names.serviceLevels.enumerated() {
            add("attainment[\(name)]", .share) { element($0.serviceLevelAttainment, i) }
        }
        add("responder_wait_hours", .hours) { $0.meanResponderWaitHours }
        add("household_days_disrupted", .householdDays) { $0.householdDaysDisrupted }
        add("peak_sites", .count) { Double($0.peakSites) }
        add("events", .count) { Double($0.events) }
        add("total_cost", .money) { $0.totalCost }
        for (i, year) in names.years.enumerated() {
            add("completions[\(year)]", .count, perYear: true) { element($0.completionsPerYear, i) }
            add("cost[\(year)]", .money, perYear: true) { element($0.costPerYear, i) }
        }
        return series
    }
}
