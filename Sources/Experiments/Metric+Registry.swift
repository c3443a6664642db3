import Renovation

/// Every metric renosim reports. Add a metric here and every output has it;
/// `docs/results-schema.md` lists this table (a test keeps them equal).
extension Metric {
    public static let all: [Metric] = [
        finishDays, finished, deadlineMet, unfinishedOrders, communityFinishDays, utilisation, waitDays,
        inspections, failedInspections, failureRate, reworkHours, defectsReported, defectsComplex, attainment,
        responderWaitHours, householdDaysDisrupted, peakSites, events, totalCost, completions, cost,
    ]

    public static let finished = Metric(
        "finished", .share, aggregate: .proportion, as: .boolean,
        "Every work order was accepted by the horizon.") { [$0.finished ? 1 : 0] }
    public static let finishDays = Metric(
        "finish_days", .days,
        "Days from the start to the last acceptance (the horizon when unfinished).") { [$0.finishDays] }
    public static let deadlineMet = Metric(
        "deadline_met", .share, aggregate: .proportion, as: .boolean,
        "Finished by the deadline.") { [$0.deadlineMet ? 1 : 0] }
    public static let unfinishedOrders = Metric(
        "unfinished_orders", .count, as: .integer,
        "Work orders not accepted by the horizon.") { [Double($0.unfinishedOrders)] }
    public static let communityFinishDays = Metric(
        "community_finish_days", .days, by: .community,
        "Days from the start to the community's last acceptance.") { $0.communityFinishDays }
    public static let utilisation = Metric(
        "utilisation", .share, by: .trade,
        "Crew-hours worked ÷ crew-hours the trade's calendar offers its crews up to the finish (rain days count as available).") {
        $0.crewUtilisation
    }
    public static let waitDays = Metric(
        "wait_days", .days, by: .waitCause,
        "Calendar days of delay from the cause, summed over work orders (0 where the cause cannot occur).") {
        $0.waits.values
    }
    public static let inspections = Metric(
        "inspections", .count, as: .integer, "Supervisor inspections.") { [Double($0.inspections)] }
    public static let failedInspections = Metric(
        "failed_inspections", .count, as: .integer, "Inspections failed.") { [Double($0.failedInspections)] }
    public static let failureRate = Metric(
        "failure_rate", .share, "Failed inspections ÷ inspections (0 without inspections).") { [$0.failureRate] }
    public static let reworkHours = Metric(
        "rework_hours", .hours, "Work hours redone after failed inspections.") { [$0.reworkHours] }
    public static let defectsReported = Metric(
        "defects_reported", .count, as: .integer, "Defects residents reported.") { [Double($0.defects.reported)] }
    public static let defectsComplex = Metric(
        "defects_complex", .count, as: .integer, "Reported defects that were complex.") { [Double($0.defects.complex)] }
    public static let attainment = Metric(
        "attainment", .share, by: .serviceLevel,
        "Share of the defect reports a \"54321\" service level applies to that met it (null when none applied).") {
        $0.defects.attainment
    }
    public static let responderWaitHours = Metric(
        "responder_wait_hours", .hours, "Mean elapsed hours a defect report waited for a free responder.") {
        [$0.defects.meanResponderWait]
    }
    public static let householdDaysDisrupted = Metric(
        "household_days_disrupted", .householdDays,
        "Σ households × calendar days during which disruptive work on their building is under way or awaiting acceptance.") {
        [$0.householdDaysDisrupted]
    }
    public static let peakSites = Metric(
        "peak_sites", .count, as: .integer, "Most buildings under works at the same time.") { [Double($0.peakSites)] }
    public static let events = Metric(
        "events", .count, as: .integer, "Simulation events handled.") { [Double($0.events)] }
    public static let totalCost = Metric(
        "total_cost", .money, "Money committed in all.") { [$0.totalCost] }
    public static let completions = Metric(
        "completions", .count, by: .year, as: .integer, absentMeansZero: true,
        "Buildings completed in the calendar year.") { $0.completionsPerYear.map(Double.init) }
    public static let cost = Metric(
        "cost", .money, by: .year, absentMeansZero: true, "Money committed in the calendar year.") { $0.costPerYear }
}
