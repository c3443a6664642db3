import Stochastic

/// Trades, supervisors, the defect team and the budget.
extension ScenarioChecks {
    mutating func checkTrades() {
        let path = ScenarioKeyPath() + "trades"
        if scenario.trades.entries.isEmpty {
            error(path, "no trades", expected: "at least one trade, e.g. `roofing: {crews: 4}`")
        }
        for (name, trade) in scenario.trades.entries {
            let tradePath = path + name
            requireName(name, tradePath, "trade name")
            if name == "default" {
                error(tradePath, "a trade cannot be called 'default'",
                      expected: "another name ('default' stands for every other trade in supervisors.failure_probability)")
            }
            require(trade.crews, tradePath + "crews", "a whole number of crews", from: 0, to: Self.maximumCrews)
            require(trade.costPerHour, tradePath + "cost_per_hour", "a cost per crew-hour", from: .closed(0))
        }
    }

    mutating func checkSupervision() {
        guard let supervision = scenario.supervisors else { return }
        let path = ScenarioKeyPath() + "supervisors"
        // With a supervisors section every job waits for an inspection: none would wait forever.
        require(supervision.count, path + "count", "a whole number of supervisors", from: 1, to: Self.maximumCrews)
        requireNonNegative(supervision.inspectionHours, path + "inspection_hours", "inspection hours")
        for (trade, p) in supervision.failureProbability.entries {
            let itemPath = path + "failure_probability" + trade
            if trade != "default" { requireTrade(trade, itemPath) }
            requireProbability(p, itemPath, "a failure probability")
        }
        require(supervision.reworkShare, path + "rework_share", "a share of the original hours",
                from: .open(0), to: .closed(10))
    }

    mutating func checkDefects() {
        guard let defects = scenario.defects else { return }
        let path = ScenarioKeyPath() + "defects"
        // More than one report a day per household is a unit mix-up (per year, not per day).
        require(defects.duringWorksRate, path + "during_works_rate", "reports per household per year",
                from: .closed(0), to: .closed(365))
        require(defects.afterWorksRate, path + "after_works_rate", "reports per household per year",
                from: .closed(0), to: .closed(365))
        require(defects.afterWorksDays, path + "after_works_days", "days", from: .closed(0), to: .closed(3650))
        requireProbability(defects.complexShare, path + "complex_share", "a share")
        require(defects.team, path + "team", "a whole number of responders", from: 1, to: Self.maximumCrews)
        let durations: [(String, Distribution)] = [
            ("register_minutes", defects.registerMinutes), ("travel_minutes", defects.travelMinutes),
            ("small_fix_hours", defects.smallFixHours), ("assessment_hours", defects.assessmentHours),
            ("plan_hours", defects.planHours), ("follow_up_days", defects.followUpDays),
        ]
        for (key, distribution) in durations {
            requireNonNegative(distribution, path + key, "durations")
        }
        let levels = defects.serviceLevels
        let levelPath = path + "service_levels"
        for (key, value) in [
            ("register_minutes", levels.registerMinutes), ("on_site_minutes", levels.onSiteMinutes),
            ("small_fix_hours", levels.smallFixHours), ("complex_plan_days", levels.complexPlanDays),
            ("follow_up_days", levels.followUpDays),
        ] {
            require(value, levelPath + key, "a time limit", from: .open(0))
        }
    }

    mutating func checkBudget() {
        guard let budget = scenario.budget else { return }
        let path = ScenarioKeyPath() + "budget"
        for (year, amount) in budget.perYear.entries {
            let itemPath = path + "per_year" + year
            if Self.budgetYear(year) == nil {
                error(itemPath, "'\(year)' is not a year", expected: "a four-digit year such as 2023")
            }
            require(amount, itemPath, "an amount", from: .closed(0))
        }
        if let other = budget.otherYears {
            require(other, path + "other_years", "an amount", from: .closed(0))
        }
        if budget.perYear.entries.allSatisfy({ $0.value == 0 }), (budget.otherYears ?? 0) == 0 {
            error(path, "the budget has no money in any year, so no work order could ever start",
                  expected: "amounts in per_year or other_years (leave out `budget` for no limit)")
        }
    }

    static let maximumTranches = 1_000

    mutating func checkFunding() {
        guard let funding = scenario.funding else { return }
        let path = ScenarioKeyPath() + "funding"
        require(funding.advanceCap, path + "advance_cap", "an amount", from: .closed(0))
        if funding.tranches.isEmpty, funding.advanceCap == 0 {
            error(path + "tranches", "funding has no tranche and no advance, so no work order could ever start",
                  expected: "at least one tranche, or an advance_cap (leave out `funding` for no limit)")
        }
        require(funding.tranches.count, path + "tranches", "a number of tranches", to: Self.maximumTranches)
        requireUnique(funding.tranches.map(\.name), { path + "tranches" + $0 + "name" }, "tranche name")
        for (i, tranche) in funding.tranches.enumerated() {
            let tranchePath = path + "tranches" + i
            requireName(tranche.name, tranchePath + "name", "tranche name")
            requireNonNegative(tranche.amount, tranchePath + "amount", "amounts", maximum: Self.maximumMoney)
            requireNonNegative(tranche.delayDays, tranchePath + "delay_days", "days")
            if tranche.date < scenario.start {
                error(tranchePath + "date", "tranche '\(tranche.name)' is due on \(tranche.date), before the programme's start \(scenario.start)",
                      expected: "a date on or after \(scenario.start) (money in hand at the start is a tranche dated the start)")
            }
        }
    }

    /// Money drawn from a distribution: a trillion is beyond any programme.
    static let maximumMoney = 1e12

    static func budgetYear(_ key: String) -> Int? {
        guard key.count == 4, key.allSatisfy(\.isASCII), let year = Int(key), year >= 1000 else { return nil }
        return year
    }

    // MARK: - Warnings

    mutating func warnAboutResources() {
        let s = scenario
        let used = Set(s.work.building.flatMap(\.trades.keys) + s.work.community.flatMap(\.trades.keys))
        for name in s.trades.keys where !used.contains(name) {
            warn(ScenarioKeyPath() + "trades" + name, "no work type uses trade '\(name)'")
        }
        if let defects = s.defects, defects.duringWorksRate == 0, defects.afterWorksRate == 0 {
            warn(ScenarioKeyPath() + "defects", "both report rates are 0, so no defect is ever reported")
        }
        if let budget = s.budget {
            let first = s.start.year
            let last = horizonEnd?.year
            for (year, _) in budget.perYear.entries {
                guard let y = Self.budgetYear(year) else { continue }
                if y < first || last.map({ y > $0 }) == true {
                    warn(ScenarioKeyPath() + "budget" + "per_year" + year,
                         "\(year) lies outside the simulated period and is never spent")
                }
            }
            if (budget.perYear[String(first)] ?? budget.otherYears ?? 0) == 0 {
                warn(ScenarioKeyPath() + "budget" + "per_year",
                     "no money in \(first), the start year: no work can start before a year with money")
            }
        }
    }
}
