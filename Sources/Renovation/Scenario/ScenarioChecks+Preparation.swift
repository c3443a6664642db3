import DiscreteEvent

/// Preparation (survey, consultation, design and approval) and milestones.
extension ScenarioChecks {
    static let maximumConsentRounds = 100

    mutating func checkPreparation() {
        let root = ScenarioKeyPath() + "preparation"
        if let preparation = scenario.preparation {
            let survey = root + "survey"
            require(preparation.survey.teams, survey + "teams", "a whole number of survey teams", from: 1, to: Self.maximumCrews)
            require(preparation.survey.teamSize, survey + "team_size", "a whole number of surveyors", from: 1, to: Self.maximumCrews)
            require(preparation.survey.minutesPerHousehold, survey + "minutes_per_household", "minutes",
                    from: .closed(0), to: .closed(Self.maximumDuration))
            require(preparation.survey.hoursPerBuilding, survey + "hours_per_building", "hours",
                    from: .closed(0), to: .closed(Self.maximumDuration))
            let consultation = root + "consultation"
            let spec = preparation.consultation
            requireNonNegative(spec.roundDays, consultation + "round_days", "days")
            requireProbability(spec.consentProbability, consultation + "consent_probability")
            require(spec.consentPer100Households, consultation + "consent_per_100_households",
                    "a change of probability per 100 households", from: .closed(-1), to: .closed(1))
            requireNonNegative(spec.redesignDays, consultation + "redesign_days", "days")
            require(spec.maxRounds, consultation + "max_rounds", "a whole number of rounds", from: 1, to: Self.maximumConsentRounds)
            requireNonNegative(preparation.designDays, root + "design_days", "days")
            requireNonNegative(preparation.approvalDays, root + "approval_days", "days")
            let typeNames = workEntries.map(\.spec.name)
            for (name, probability) in preparation.optionalWork.entries {
                let path = root + "optional_work" + name
                if !typeNames.contains(name) {
                    error(path, Self.unknown(name, "a work type", among: typeNames),
                          expected: "one of the work types: " + typeNames.joined(separator: ", "))
                }
                requireProbability(probability, path)
            }
        }
        for (i, plan) in scenario.plans.enumerated() {
            let path = ScenarioKeyPath() + "plans" + i
            if let settings = plan.preparation { checkPlanPreparation(settings, plan: plan.name, path + "preparation") }
            guard case .phases(let phases) = plan.release else { continue }
            for (j, phase) in phases.enumerated() {
                guard let start = phase.preparationStart else { continue }
                let phasePath = path + "release" + "phases" + j + "preparation_start"
                requirePreparationSection(phasePath, "plan '\(plan.name)' sets a phase's preparation_start")
                requirePreparationStart(start, phasePath)
            }
        }
    }

    private mutating func checkPlanPreparation(_ settings: PlanPreparationSpec, plan: String, _ path: ScenarioKeyPath) {
        requirePreparationSection(path, "plan '\(plan)' sets preparation")
        if let start = settings.start { requirePreparationStart(start, path + "start") }
        if let teams = settings.surveyTeams {
            require(teams, path + "survey_teams", "a whole number of survey teams", from: 1, to: Self.maximumCrews)
        }
        require(settings.durationFactor, path + "duration_factor", "a factor", from: .open(0), to: .closed(100))
    }

    private mutating func requirePreparationSection(_ path: ScenarioKeyPath, _ what: String) {
        guard scenario.preparation == nil else { return }
        error(path, "\(what) but the scenario has no `preparation` section",
              expected: "a `preparation` section (without it communities need no preparation)")
    }

    private mutating func requirePreparationStart(_ date: CivilDate, _ path: ScenarioKeyPath) {
        if date < scenario.start {
            error(path, "preparation starts on \(date), before the programme's start \(scenario.start)",
                  expected: "a date on or after \(scenario.start)")
        }
    }

    mutating func checkMilestones() {
        guard let milestones = scenario.milestones else { return }
        let root = ScenarioKeyPath() + "milestones"
        requireUnique(milestones.map(\.name), { root + $0 + "name" }, "milestone name")
        let listed = (scenario.communities ?? []).map(\.name)
        for (i, milestone) in milestones.enumerated() {
            let path = root + i
            requireName(milestone.name, path + "name", "milestone name")
            if milestone.date < scenario.start {
                error(path + "date", "milestone '\(milestone.name)' is on \(milestone.date), before the programme's start \(scenario.start)",
                      expected: "a date on or after \(scenario.start)")
            }
            let given = [milestone.community != nil, milestone.communities != nil, milestone.phase != nil].filter { $0 }.count
            if given != 1 {
                error(path, "milestone '\(milestone.name)' names \(given == 0 ? "no" : "more than one kind of") target",
                      expected: "exactly one of community, communities or phase")
            }
            let names = milestone.community.map { [$0] } ?? milestone.communities ?? []
            for (j, name) in names.enumerated() where communityID(name) == nil {
                let namePath = milestone.community != nil ? path + "community" : path + "communities" + j
                error(namePath, Self.unknown(name, "a community", among: listed),
                      expected: "names from `communities` or generated by `generate`")
            }
            if let communities = milestone.communities, communities.isEmpty {
                error(path + "communities", "milestone '\(milestone.name)' lists no community", expected: "at least one community")
            }
            guard let phase = milestone.phase else { continue }
            require(phase, path + "phase", "a phase number (1 is the first)", from: 1, to: Self.maximumCrews)
            for plan in scenario.plans {
                let count = if case .phases(let phases) = plan.release { phases.count } else { 0 }
                if phase >= 1, phase > count {
                    error(path + "phase", "milestone '\(milestone.name)' refers to phase \(phase) but plan '\(plan.name)' has "
                              + Self.count(count, "phase"),
                          expected: "a phase every plan has (plans with `release: {type: phases, …}`)")
                }
            }
        }
    }
}
