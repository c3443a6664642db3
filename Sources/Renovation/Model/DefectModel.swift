import Stochastic
import DiscreteEvent

/// The "54321" service levels, in the order a report meets them: registered
/// in 5 minutes, on site in 40, a small fix in 3 hours, a complex plan in
/// 2 days, a follow-up within a week (each target set by the scenario).
public enum ServiceLevel: Int, CaseIterable, Sendable {
    case register, onSite, smallFix, complexPlan, followUp
}

/// A plan's defect model, compiled once: arrival rates per household-hour,
/// the response's distributions and each service level in hours from the
/// report. Nil in a plan without defects or without a response team.
public struct DefectModel: Sendable {
    /// Hours in a year of 365 days: scenario rates are per household per year.
    public static let hoursPerYear = 8760.0

    /// Reports per household-hour while its building is under works, and after.
    public let duringWorksRate: Double
    public let afterWorksRate: Double
    /// How long after completion residents still report at the after-works rate, hours.
    public let afterWorksHours: Double
    public let complexShare: Double
    public let team: Int
    public let registerMinutes: Distribution
    public let travelMinutes: Distribution
    public let smallFixHours: Distribution
    public let assessmentHours: Distribution
    public let planHours: Distribution
    public let followUpDays: Distribution
    /// Each level's target in hours from the report, by ``ServiceLevel`` raw value.
    public let targetHours: [Double]

    public init?(_ spec: DefectSpec?, team: Int) {
        guard let spec, team > 0 else { return nil }
        duringWorksRate = spec.duringWorksRate / Self.hoursPerYear
        afterWorksRate = spec.afterWorksRate / Self.hoursPerYear
        afterWorksHours = spec.afterWorksDays * hoursPerCalendarDay
        complexShare = spec.complexShare
        self.team = team
        registerMinutes = spec.registerMinutes
        travelMinutes = spec.travelMinutes
        smallFixHours = spec.smallFixHours
        assessmentHours = spec.assessmentHours
        planHours = spec.planHours
        followUpDays = spec.followUpDays
        let levels = spec.serviceLevels
        targetHours = ServiceLevel.allCases.map { level in
            switch level {
            case .register: levels.registerMinutes / 60
            case .onSite: levels.onSiteMinutes / 60
            case .smallFix: levels.smallFixHours
            case .complexPlan: levels.complexPlanDays * hoursPerCalendarDay
            case .followUp: levels.followUpDays * hoursPerCalendarDay
            }
        }
    }

    /// Whether reports arrive after a building's works end.
    public var reportsAfterWorks: Bool { afterWorksRate > 0 && afterWorksHours > 0 }
}
