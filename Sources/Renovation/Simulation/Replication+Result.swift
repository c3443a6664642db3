import DiscreteEvent

extension Replication {
    /// Runs one replication to the end and returns its metrics.
    public static func run(plan: CompiledPlan, seed: UInt64, replication: Int) -> ReplicationResult {
        var sim = simulation(plan: plan, seed: seed, replication: replication)
        sim.run()
        return sim.model.result(events: sim.eventsHandled)
    }

    /// The metrics of a finished run.
    public func result(events: Int) -> ReplicationResult {
        let finished = accepted + skipped == plan.orderCount
        let finishHours = finished ? lastAcceptance : plan.baseCalendar.horizon
        var utilisation: [Double] = []
        for t in plan.tradeNames.indices {
            let available = Double(plan.crews[t]) * tradeCalendarHours(t, until: finishHours)
            utilisation.append(available > 0 ? workedCrewHours[t] / available : 0)
        }
        let householdDays = householdDaysDisrupted(until: finishHours)
        return ReplicationResult(
            replication: replication,
            finished: finished,
            finishDays: finishHours / hoursPerCalendarDay,
            deadlineMet: finished && finishHours <= plan.deadlineHours,
            communityFinishDays: communityFinish.map { $0 / hoursPerCalendarDay },
            completionsPerYear: completionsPerYear,
            crewUtilisation: utilisation,
            workedCrewHoursByMonth: workedCrewHoursByMonth,
            waits: waits,
            inspections: inspections,
            failedInspections: failures,
            reworkHours: reworkHours,
            defects: desk?.outcome ?? DefectOutcome(),
            householdDaysDisrupted: householdDays,
            costPerYear: spent,
            totalCost: spent.reduce(0, +),
            peakSites: peakSites,
            events: events,
            unfinishedOrders: plan.orderCount - accepted - skipped,
            stall: finished ? nil : stallReport(),
            orderFinishDays: acceptedAt,
            orderStartDays: plan.recordsStarts ? startedAt : nil,
            finalWindowCrewWaitDays: finalWindowCrewWait(),
            lastAcceptanceDaysByType: typeLastAcceptance.map { $0.isFinite ? $0 / hoursPerCalendarDay : .nan },
            preparation: preparation?.outcome,
            milestonesMet: plan.milestones.isEmpty ? nil : plan.milestones.map {
                $0.met(communityFinishDays: communityFinish.map { $0 / hoursPerCalendarDay })
            },
            risks: risks.outcome(until: finishHours),
            funding: funding?.outcome)
    }

    /// Crew wait per trade, days, of the orders accepted in the last
    /// `ReplicationResult.finalWindowShare` of the time to the last acceptance.
    func finalWindowCrewWait() -> [Double] {
        var wait = [Double](repeating: 0, count: plan.tradeNames.count)
        let windowStart = lastAcceptance * (1 - ReplicationResult.finalWindowShare)
        for o in 0..<plan.orderCount where !acceptedAt[o].isNaN && Double(acceptedAt[o]) * hoursPerCalendarDay >= windowStart {
            let k = plan.typeIndex(of: o)
            for i in table.needStart[k]..<table.needStart[k + 1] {
                wait[table.needTrade[i]] += max(0, slotWait[o * slotsPerOrder + i - table.needStart[k]]) / hoursPerCalendarDay
            }
        }
        return wait
    }

    /// Working hours a trade's calendar offered from the start to `time`
    /// (the calendar of the first work type that uses the trade alone, else
    /// the base calendar), rain days counted as available: the one
    /// utilisation definition (docs/results-schema.md), the same as the
    /// monthly utilisation's.
    func tradeCalendarHours(_ t: Int, until time: Double) -> Double {
        let calendar = plan.tradeCalendarIndex(t).map { plan.calendars[$0] } ?? plan.baseCalendar
        return calendar.workHours(from: 0, to: time)
    }

    /// Σ households × days during which disruptive work on the building
    /// was under way or awaiting acceptance; work never accepted counts
    /// until `end` (the horizon of an unfinished run).
    func householdDaysDisrupted(until end: Double) -> Double {
        var total = 0.0
        for b in 0..<plan.buildings.count {
            var hours = disruptedHours[b]
            if disruptiveOpen[b] > 0 { hours += max(0, end - disruptedSince[b]) }
            if hours > 0 { total += Double(plan.buildings.households[b]) * hours / hoursPerCalendarDay }
        }
        return total
    }

    /// What is stuck, in words a planner can act on.
    func stallReport() -> String {
        var counts: [String: Int] = [:]
        var order: [String] = []
        func add(_ reason: String) {
            if counts[reason] == nil { order.append(reason) }
            counts[reason, default: 0] += 1
        }
        for o in 0..<plan.orderCount {
            let type = plan.types[plan.typeIndex(of: o)]
            if rework[o] {
                add("\(type.name): rework still failing inspection at the horizon")
                continue
            }
            switch state[o] {
            case .accepted: continue
            case .waiting:
                let c = plan.community(of: o)
                add(released[c] ? "\(type.name): waiting for predecessors that never finish"
                    : preparation?.prepared[c] == false ? "\(type.name): community's preparation not finished within the horizon"
                    : "\(type.name): community never released within the horizon")
            case .queued:
                let k = plan.typeIndex(of: o)
                let short = dispatcher.shortNeeds[k]
                let needs = type.needs.indices.filter { short == 0 || short & (1 << UInt64(min(63, $0))) != 0 }
                let what = needs.map { "\(type.needs[$0].crews) crew(s) of \(plan.tradeNames[type.needs[$0].trade])" }
                add("\(type.name): waiting for " + what.joined(separator: " and "))
            // Held once for a shutdown when dispatched, else before it ever queued.
            case .held: add(heldOnce[o] ? "\(type.name): held for a shutdown"
                            : "\(type.name): not yet allowed to start (a risk's start delay or the plan's not_before)")
            case .budgetWait: add("\(type.name): no budget left in any remaining year")
            case .fundingWait:
                add(funding?.pending ?? 0 > 0 ? "\(type.name): waiting for a funding tranche due after the horizon"
                    : "\(type.name): no money left: every tranche arrived and the advance cap is reached")
            case .running, .inspection: add("\(type.name): still in progress at the horizon")
            case .stranded: add("\(type.name): does not fit in the calendar before the horizon")
            }
        }
        let details = order.map { "\(counts[$0] ?? 0) × \($0)" }.joined(separator: "; ")
        return "\(plan.orderCount - accepted - skipped) of \(plan.orderCount) work orders unfinished — \(details)"
    }
}

extension ReplicationResult {
    /// Whether every array has the length a replication of `plan` gives
    /// it. A result read back from a file (a checkpoint, a shard) must fit
    /// before summaries index into it by community, trade, year or order.
    public func fits(_ plan: CompiledPlan) -> Bool {
        let trades = plan.tradeNames.count, years = plan.budgetPerYear.count
        return communityFinishDays.count == plan.communities.count
            && crewUtilisation.count == trades
            && finalWindowCrewWaitDays.count == trades
            && workedCrewHoursByMonth.count == trades * max(0, plan.monthStartHours.count - 1)
            && completionsPerYear.count == years && costPerYear.count == years
            && orderFinishDays.count == plan.orderCount
            && (orderStartDays?.count ?? plan.orderCount) == plan.orderCount
            && lastAcceptanceDaysByType.count == plan.types.count
            && (risks?.occurrences.count ?? 0) == plan.risks.risks.count
            && defects.met.count == DefectOutcome.tiers.count && defects.applicable.count == DefectOutcome.tiers.count
    }
}
