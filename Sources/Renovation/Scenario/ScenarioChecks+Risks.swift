import DiscreteEvent
import Stochastic

/// The risk register: names, probabilities, links to work, windows and impacts.
extension ScenarioChecks {
    /// Money per occurrence and work order: a unit mix-up (yuan for ten-thousand yuan) long before it overflows.
    static let maximumRiskCost = 1e12

    mutating func checkRisks() {
        let risks = scenario.risks
        let path = ScenarioKeyPath() + "risks"
        requireUnique(risks.map(\.name), { path + $0 + "name" }, "risk name")
        let entries = workEntries
        let typeNames = entries.map(\.spec.name)
        var driverScope: [String: (RiskScope, Int)] = [:]
        for (i, risk) in risks.enumerated() {
            let riskPath = path + i
            requireName(risk.name, riskPath + "name", "risk name")
            requireProbability(risk.probability, riskPath + "probability")
            for (j, name) in risk.workTypes.enumerated() where !typeNames.contains(name) {
                error(riskPath + "work_types" + j, Self.unknown(name, "a work type", among: typeNames),
                      expected: "names of work types under work.building or work.community")
            }
            for (j, trade) in risk.trades.enumerated() { requireTrade(trade, riskPath + "trades" + j) }
            if case .dates(let window) = risk.when, window.first > window.last {
                error(riskPath + "when", "the window ends (\(window.last)) before it begins (\(window.first))",
                      expected: "FIRST..LAST with FIRST on or before LAST, or `running`")
            }
            if let driver = risk.driver {
                requireName(driver, riskPath + "driver", "driver name")
                if let (scope, first) = driverScope[driver], scope != risk.per {
                    error(riskPath + "per", "risk '\(risk.name)' shares driver '\(driver)' with risks[\(first)], "
                              + "which occurs per \(scope.rawValue), but occurs per \(risk.per.rawValue)",
                          expected: "per: \(scope.rawValue), like every risk of the driver (one draw per unit)")
                } else if driverScope[driver] == nil {
                    driverScope[driver] = (risk.per, i)
                }
            }
            if risk.per == .building, !linkedTypes(risk, entries).contains(where: { $0.path.components[1] == .key("building") }) {
                error(riskPath + "per", "risk '\(risk.name)' occurs per building but is linked to no building work type",
                      expected: "work_types or trades that include a type under work.building, or per: community")
            }
            checkImpact(risk, riskPath)
        }
    }

    /// The work types a risk hits: those listed, and those that use a listed trade; every one when none is listed.
    func linkedTypes(_ risk: RiskSpec, _ entries: [WorkEntry]) -> [WorkEntry] {
        guard !risk.workTypes.isEmpty || !risk.trades.isEmpty else { return entries }
        return entries.filter { entry in
            risk.workTypes.contains(entry.spec.name) || entry.spec.trades.keys.contains(where: risk.trades.contains)
        }
    }

    private mutating func checkImpact(_ risk: RiskSpec, _ riskPath: ScenarioKeyPath) {
        let impact = risk.impact
        let path = riskPath + "impact"
        if !impact.hitsOrders, impact.stopDays == nil {
            error(path, "risk '\(risk.name)' has no impact",
                  expected: "at least one of extra_hours, start_delay_days, stop_days, cost")
        }
        if let d = impact.extraHours { requireNonNegative(d, path + "extra_hours", "working hours") }
        if let d = impact.startDelayDays { requireNonNegative(d, path + "start_delay_days", "days") }
        if let d = impact.cost { requireNonNegative(d, path + "cost", "costs", maximum: Self.maximumRiskCost) }
        guard let stop = impact.stopDays else { return }
        requireNonNegative(stop, path + "stop_days", "days")
        switch risk.per {
        case .programme:
            if case .running = risk.when {
                error(riskPath + "when", "risk '\(risk.name)' stops work per programme but has no window for the stop to fall in",
                      expected: "when: FIRST..LAST, the dates the stop may begin in (or per: year)")
            }
        case .year: break
        case .community, .building, .order:
            error(path + "stop_days", "a stop closes the linked trades' calendars on every site, "
                      + "so it cannot occur per \(risk.per.rawValue)",
                  expected: "per: programme or per: year; for one site use start_delay_days")
        }
    }

    mutating func warnAboutRisks() {
        let end = simulatedEnd
        for (i, risk) in scenario.risks.enumerated() {
            guard case .dates(let window) = risk.when, window.first <= window.last else { continue }
            if window.last < scenario.start || window.first > end {
                warn(ScenarioKeyPath() + "risks" + i + "when",
                     "the window \(window.first)..\(window.last) lies outside the simulated period "
                         + "\(scenario.start)..\(end), so risk '\(risk.name)' never strikes")
            }
        }
    }
}
