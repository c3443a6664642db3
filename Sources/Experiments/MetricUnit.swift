/// What a metric's numbers measure; it sets the smallest change that counts.
public enum MetricUnit: String, Codable, Sendable, CaseIterable {
    /// Calendar days (elapsed, weekends and rain included).
    case days
    case hours
    /// A fraction in [0, 1]; a yes/no metric is a share of replications.
    case share
    case count
    /// The scenario's currency.
    case money
    /// Households × calendar days.
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
