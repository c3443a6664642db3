import Renovation

/// Every metric renosim reports. Add a metric here and every output has it;
/// `docs/results-schema.md` lists this table (a test keeps them equal).
extension Metric {
    public static let all: [Metric] = [
        finishDays, finished, deadlineMet, unfinishedOrders, communityFinishDays, utilisation, waitDays,
        inspections, failedInspections, failureRate, reworkHours, defectsReported, defectsComplex, attainment,
        responderWaitHours, householdDaysDisrupted, peakSites, events, totalCost, completions, cost,
        milestoneMet, preparationDays, consentRounds, scopeAdded, preparationShare, fundingWaitDays, peakAdvance,
        riskOccurrences, riskDaysLost,
    ]

    public static let finished = Metric(
        "finished", .share, aggregate: .proportion, as: .boolean,
        "Every work order was accepted by the horizon.") { r, _ in [r.finished ? 1 : 0] }
    public static let finishDays = Metric(
        "finish_days", .days,
        "Days from the start to the last acceptance (the horizon when unfinished).") { r, _ in [r.finishDays] }
    public static let deadlineMet = Metric(
        "deadline_met", .share, aggregate: .proportion, as: .boolean,
        "Finished by the deadline.") { r, _ in [r.deadlineMet ? 1 : 0] }
    public static let unfinishedOrders = Metric(
        "unfinished_orders", .count, as: .integer,
        "Work orders not accepted by the horizon.") { r, _ in [Double(r.unfinishedOrders)] }
    public static let communityFinishDays = Metric(
        "community_finish_days", .days, by: .community,
        "Days from the start to the community's last acceptance.") { r, _ in r.communityFinishDays }
    public static let utilisation = Metric(
        "utilisation", .share, by: .trade,
        "Crew-hours worked ÷ crew-hours the trade's calendar offers its crews up to the finish (rain days count as available).") {
        crewUtilisation($0, plan: $1)
    }
    public static let waitDays = Metric(
        "wait_days", .days, by: .waitCause,
        "Calendar days of delay from the cause, summed over work orders (0 where the cause cannot occur).") { r, _ in
        r.waits.values
    }
    public static let inspections = Metric(
        "inspections", .count, as: .integer, "Supervisor inspections.") { r, _ in [Double(r.inspections)] }
    public static let failedInspections = Metric(
        "failed_inspections", .count, as: .integer, "Inspections failed.") { r, _ in [Double(r.failedInspections)] }
    public static let failureRate = Metric(
        "failure_rate", .share, "Failed inspections ÷ inspections (0 without inspections).") { r, _ in [r.failureRate] }
    public static let reworkHours = Metric(
        "rework_hours", .hours, "Work hours redone after failed inspections, counted when the rework starts.") { r, _ in [r.reworkHours] }
    public static let defectsReported = Metric(
        "defects_reported", .count, as: .integer, "Defects residents reported.") { r, _ in [Double(r.defects.reported)] }
    public static let defectsComplex = Metric(
        "defects_complex", .count, as: .integer, "Reported defects that were complex.") { r, _ in [Double(r.defects.complex)] }
    public static let attainment = Metric(
        "attainment", .share, by: .serviceLevel,
        "Share of the defect reports a \"54321\" service level applies to that met it (null when none applied).") { r, _ in
        r.defects.attainment
    }
    public static let responderWaitHours = Metric(
        "responder_wait_hours", .hours, "Mean elapsed hours a defect report waited for a free responder.") { r, _ in
        [r.defects.meanResponderWait]
    }
    public static let householdDaysDisrupted = Metric(
        "household_days_disrupted", .householdDays,
        "Σ households × calendar days during which disruptive work on their building is under way or awaiting acceptance.") { r, _ in
        [r.householdDaysDisrupted]
    }
    public static let peakSites = Metric(
        "peak_sites", .count, as: .integer, "Most buildings under works at the same time.") { r, _ in [Double(r.peakSites)] }
    public static let events = Metric(
        "events", .count, as: .integer, "Simulation events handled.") { r, _ in [Double(r.events)] }
    public static let totalCost = Metric(
        "total_cost", .money, "Money committed in all.") { r, _ in [r.totalCost] }
    public static let completions = Metric(
        "completions", .count, by: .year, as: .integer, absentMeansZero: true,
        "Buildings completed in the calendar year.") { r, _ in r.completionsPerYear.map(Double.init) }
    public static let cost = Metric(
        "cost", .money, by: .year, absentMeansZero: true, "Money committed in the calendar year.") { r, _ in r.costPerYear }

    public static let milestoneMet = Metric(
        "milestone_met", .share, by: .milestone, aggregate: .proportion, as: .boolean,
        "Every community of the milestone finished by the end of its date.") { r, _ in
        r.milestonesMet?.map { $0 ? 1 : 0 } ?? []
    }
    public static let preparationDays = Metric(
        "preparation_days", .days, mayBeAbsent: true,
        "Mean over communities of the days from preparation start to approval (or deferral); null without `preparation`, NaN when a community's preparation did not end.") { r, _ in
        [r.preparation.map { mean($0.preparationDays) } ?? .nan]
    }
    public static let consentRounds = Metric(
        "consent_rounds", .count, mayBeAbsent: true,
        "Mean over communities of the consultation rounds held; null without `preparation`.") { r, _ in
        [r.preparation.map { mean($0.consentRounds.map(Double.init)) } ?? .nan]
    }
    public static let scopeAdded = Metric(
        "scope_added", .count, as: .integer, mayBeAbsent: true,
        "Optional work types residents asked for at consultation, summed over communities; null without `preparation`.") { r, _ in
        [r.preparation.map { Double($0.scopeAdded) } ?? .nan]
    }
    public static let preparationShare = Metric(
        "preparation_share", .share, mayBeAbsent: true,
        "Σ preparation days ÷ Σ days from preparation start to last acceptance, over the communities that finished; null without `preparation` or when none finished.") { r, _ in
        [r.preparation.map { preparationShare($0, finish: r.communityFinishDays) } ?? .nan]
    }
    public static let fundingWaitDays = Metric(
        "funding_wait_days", .days, mayBeAbsent: true,
        "Calendar days work orders were held for money (tranches arrived and the advance cap committed), summed over orders; null without `funding`.") { r, _ in
        [r.funding?.heldDays ?? .nan]
    }
    public static let peakAdvance = Metric(
        "peak_advance", .money, mayBeAbsent: true,
        "Most money the city had advanced at any time (committed beyond the tranches arrived); null without `funding`.") { r, _ in
        [r.funding?.peakAdvance ?? .nan]
    }
    public static let riskOccurrences = Metric(
        "risk_occurrences", .count, by: .risk, as: .integer,
        "Units of the risk's scope in which it occurred (whether or not it then hit any work).") { r, _ in
        r.risks.map { $0.occurrences.map(Double.init) } ?? []
    }
    public static let riskDaysLost = Metric(
        "risk_days_lost", .days, by: .risk,
        "Calendar days of start delay and of stop up to the finish, plus extra working hours ÷ hours per day, summed over what the risk hit.") { r, _ in
        r.risks?.daysLost ?? []
    }

    static func mean(_ values: [Double]) -> Double {
        values.isEmpty ? .nan : values.reduce(0, +) / Double(values.count)
    }

    static func preparationShare(_ p: PreparationOutcome, finish: [Double]) -> Double {
        var preparing = 0.0, span = 0.0
        for c in finish.indices where c < p.preparationDays.count && finish[c].isFinite && p.preparationDays[c].isFinite {
            preparing += p.preparationDays[c]
            span += finish[c] - (p.preparedDays[c] - p.preparationDays[c])
        }
        return span > 0 ? preparing / span : .nan
    }

    /// Crew-hours worked ÷ (crews × the trade calendar's working hours from
    /// the start to the finish), rain days counted as available: the
    /// definition of the monthly utilisation, over the whole run.
    static func crewUtilisation(_ r: ReplicationResult, plan: CompiledPlan) -> [Double] {
        let months = max(0, plan.monthStartHours.count - 1)
        let finish = r.finishDays * 24
        return plan.tradeNames.indices.map { t in
            let calendar = plan.tradeCalendarIndex(t).map { plan.calendars[$0] } ?? plan.baseCalendar
            let available = Double(plan.crews[t]) * calendar.workHours(from: 0, to: finish)
            let first = t * months
            guard available > 0, first + months <= r.workedCrewHoursByMonth.count else { return 0 }
            return r.workedCrewHoursByMonth[first..<first + months].reduce(0, +) / available
        }
    }
}
