import DiscreteEvent

/// Plans: release, crews, supervisors and defect team per plan.
extension ScenarioChecks {
    mutating func checkPlans() {
        let plans = scenario.plans
        if plans.isEmpty {
            error(ScenarioKeyPath() + "plans", "no plans", expected: "at least one plan, e.g. `- {name: base}`")
        }
        requireUnique(plans.map(\.name), { ScenarioKeyPath() + "plans" + $0 + "name" }, "plan name")
        for (i, plan) in plans.enumerated() {
            let path = ScenarioKeyPath() + "plans" + i
            requireName(plan.name, path + "name", "plan name")
            if let deadline = plan.deadline { requireDeadline(deadline, path + "deadline") }
            checkRelease(plan, path + "release")
            checkCrews(plan, path)
            checkPriority(plan, path + "priority")
            checkNotBefore(plan, path + "not_before")
            if let supervisors = plan.supervisors {
                if scenario.supervisors == nil {
                    error(path + "supervisors", "plan '\(plan.name)' sets supervisors but the scenario has no `supervisors` section",
                          expected: "a `supervisors` section (without it nothing is inspected)")
                }
                require(supervisors, path + "supervisors", "a whole number of supervisors", from: 1, to: Self.maximumCrews)
            }
            if let team = plan.defectTeam {
                if scenario.defects == nil {
                    error(path + "defect_team", "plan '\(plan.name)' sets defect_team but the scenario has no `defects` section",
                          expected: "a `defects` section (without it no defect is reported)")
                }
                require(team, path + "defect_team", "a whole number of responders", from: 1, to: Self.maximumCrews)
            }
            if case .days(let days) = plan.starvationGuard {
                require(days, path + "starvation_guard_days", "a number of days, or off",
                        from: .closed(0), to: .closed(Double(Self.maximumYears) * 366))
            }
        }
    }

    /// Crew overrides name trades, are in range, and leave every work type enough crews.
    private mutating func checkCrews(_ plan: PlanSpec, _ path: ScenarioKeyPath) {
        for (trade, crews) in plan.crews.entries {
            let tradePath = path + "crews" + trade
            requireTrade(trade, tradePath)
            require(crews, tradePath, "a whole number of crews", from: 0, to: Self.maximumCrews)
            for entry in workEntries {
                if let needed = entry.spec.trades[trade], needed > crews, crews >= 0 {
                    error(tradePath,
                          "plan '\(plan.name)' gives '\(trade)' \(Self.count(crews, "crew")) but work type '\(entry.spec.name)' needs \(needed) at once",
                          expected: "at least \(Self.count(needed, "crew")) of '\(trade)'")
                }
            }
        }
        warnAboutRepeats(plan.crews.keys, { path + "crews" + $0 }, "trade")
    }

    /// A priority list names work types, each once, and has ties to break.
    private mutating func checkPriority(_ plan: PlanSpec, _ path: ScenarioKeyPath) {
        guard !plan.priority.isEmpty else { return }
        if plan.dispatch == .fifo {
            error(path, "plan '\(plan.name)' lists a priority but dispatches fifo, whose keys (ready times) are known only while it runs",
                  expected: "a dispatch rule other than fifo (e.g. `dispatch: community`), or no `priority`")
        }
        let typeNames = workEntries.map(\.spec.name)
        for (i, name) in plan.priority.enumerated() where !typeNames.contains(name) {
            error(path + i, Self.unknown(name, "a work type", among: typeNames),
                  expected: "names from `work.building` or `work.community`")
        }
        requireUnique(plan.priority, { path + $0 }, "priority work type")
    }

    /// `not_before` names work types, each with a number of days after the release.
    private mutating func checkNotBefore(_ plan: PlanSpec, _ path: ScenarioKeyPath) {
        let typeNames = workEntries.map(\.spec.name)
        for (name, days) in plan.notBefore.entries {
            if !typeNames.contains(name) {
                error(path + name, Self.unknown(name, "a work type", among: typeNames),
                      expected: "names from `work.building` or `work.community`")
            }
            require(days, path + name, "a number of days after the community's release",
                    from: .closed(0), to: .closed(Double(Self.maximumYears) * 366))
        }
    }

    private mutating func checkRelease(_ plan: PlanSpec, _ path: ScenarioKeyPath) {
        switch plan.release {
        case .all:
            break
        case .evenly(let years):
            require(years, path + "years", "a whole number of years", from: 1, to: Self.maximumYears)
        case .phases(let phases):
            if phases.isEmpty {
                error(path + "phases", "no phases", expected: "at least one phase with a start date and communities")
            }
            var phaseOf: [String: Int] = [:]
            var released = Set<CommunityID>()
            for (i, phase) in phases.enumerated() {
                let phasePath = path + "phases" + i
                if phase.start < scenario.start {
                    error(phasePath + "start", "phase starts on \(phase.start), before the programme's start \(scenario.start)",
                          expected: "a date on or after \(scenario.start)")
                }
                for (j, name) in phase.communities.enumerated() {
                    let namePath = phasePath + "communities" + j
                    guard let id = communityID(name) else {
                        error(namePath, Self.unknown(name, "a community", among: (scenario.communities ?? []).map(\.name)),
                              expected: "names from `communities` or generated by `generate`")
                        continue
                    }
                    if let earlier = phaseOf[name] {
                        error(namePath, "community '\(name)' is released twice (also in phases[\(earlier)])",
                              expected: "each community in exactly one phase")
                    } else {
                        phaseOf[name] = i
                        released.insert(id)
                    }
                }
            }
            let missing = unreleasedCommunities(released, limit: 5)
            if !missing.names.isEmpty {
                let more = missing.total > missing.names.count ? " and \(missing.total - missing.names.count) more" : ""
                error(path + "phases",
                      "plan '\(plan.name)' releases \(Self.count(missing.total, "community", "communities")) in no phase: "
                          + missing.names.map { "'\($0)'" }.joined(separator: ", ") + more,
                      expected: "each community in exactly one phase (or `release: all` / `{type: evenly, years: N}`)")
            }
        }
    }

    /// A community, listed (by index) or generated (by generator and index).
    enum CommunityID: Hashable {
        case listed(Int)
        case generated(generator: Int, index: Int)
    }

    func communityID(_ name: String) -> CommunityID? {
        if let i = (scenario.communities ?? []).firstIndex(where: { $0.name == name }) { return .listed(i) }
        for (g, generator) in (scenario.generate ?? []).enumerated() {
            if let index = generator.index(ofName: name) { return .generated(generator: g, index: index) }
        }
        return nil
    }

    /// How many communities are not in `released`, and the names of the first `limit` of them.
    private func unreleasedCommunities(_ released: Set<CommunityID>, limit: Int) -> (total: Int, names: [String]) {
        var names: [String] = []
        var total = 0
        for (i, community) in (scenario.communities ?? []).enumerated() where !released.contains(.listed(i)) {
            total += 1
            if names.count < limit { names.append(community.name) }
        }
        for (g, generator) in (scenario.generate ?? []).enumerated() {
            let count = max(0, min(generator.count, Self.maximumGeneratedCommunities))
            let releasedHere = released.filter { if case .generated(g, _) = $0 { true } else { false } }.count
            total += count - releasedHere
            var index = 0
            while names.count < limit, index < count {
                if !released.contains(.generated(generator: g, index: index)) { names.append(generator.communityName(index)) }
                index += 1
            }
        }
        return (total, names)
    }

    // MARK: - Warnings

    mutating func warnAboutWorkAndPlans() {
        for entry in workEntries {
            warnAboutRepeats(entry.spec.after, { entry.path + "after" + $0 }, "work type")
            if entry.spec.hours.mean == 0 {
                warn(entry.path + "hours", "work type '\(entry.spec.name)' takes no time")
            }
        }
        let horizonEnd = simulatedEnd
        let communityCount = (scenario.communities ?? []).count
            + (scenario.generate ?? []).reduce(0) { $0 + max(0, $1.count) }
        for (i, plan) in scenario.plans.enumerated() {
            let path = ScenarioKeyPath() + "plans" + i
            let deadline = plan.deadline ?? scenario.deadline
            switch plan.release {
            case .all:
                break
            case .evenly(let years):
                guard years >= 1, years <= Self.maximumYears else { break }
                if years > communityCount {
                    warn(path + "release" + "years",
                         "\(years) tranches for \(Self.count(communityCount, "community", "communities")): some years release nothing")
                }
                let last = Self.anniversary(of: scenario.start, years: years - 1)
                if last > horizonEnd {
                    warn(path + "release" + "years",
                         "the last tranche is released on \(last), after the simulated horizon ends on \(horizonEnd)",
                         expected: "tranches within the horizon, or their communities are never released")
                } else if last > deadline {
                    warn(path + "release" + "years",
                         "the last tranche is released on \(last), after the plan's deadline \(deadline)")
                }
            case .phases(let phases):
                for (j, phase) in phases.enumerated() {
                    if phase.start > horizonEnd {
                        warn(path + "release" + "phases" + j + "start",
                             "phase starts on \(phase.start), after the simulated horizon ends on \(horizonEnd)",
                             expected: "a start within the horizon, or its communities are never released")
                    } else if phase.start > deadline {
                        warn(path + "release" + "phases" + j + "start",
                             "phase starts on \(phase.start), after the plan's deadline \(deadline)")
                    }
                    if phase.communities.isEmpty {
                        warn(path + "release" + "phases" + j + "communities", "phase releases no community")
                    }
                }
            }
        }
    }
}
