import Renovation

/// The per-replication numbers a plan comparison pairs, in the order reports list them.
public enum ComparisonMetric: String, CaseIterable, Codable, Sendable {
    /// Days from the start to the last acceptance (the horizon when unfinished).
    case finishDays = "finish_days"
    /// 1 when the deadline was met, else 0: the mean difference is the change in P(deadline met).
    case deadlineMet = "deadline_met"
    case totalCost = "total_cost"
    case householdDaysDisrupted = "household_days_disrupted"
    /// Share of defect reports with someone on site within the service level (NaN without reports).
    case onSiteAttainment = "on_site_attainment"
    /// Days work orders waited for crews, summed over orders.
    case crewWaitDays = "crew_wait_days"
    case peakSites = "peak_sites"

    public func value(_ r: ReplicationResult) -> Double {
        switch self {
        case .finishDays: r.finishDays
        case .deadlineMet: r.deadlineMet ? 1 : 0
        case .totalCost: r.totalCost
        case .householdDaysDisrupted: r.householdDaysDisrupted
        case .onSiteAttainment: r.defects.attainment[1]
        case .crewWaitDays: r.waits.crew
        case .peakSites: Double(r.peakSites)
        }
    }
}
