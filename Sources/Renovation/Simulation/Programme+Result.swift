import DiscreteEvent

extension Programme {
    /// Runs one replication to the end and returns its metrics.
    public static func run(model: Model, seed: UInt64, replication: Int) -> ReplicationResult {
        var sim = simulation(model: model, seed: seed, replication: replication)
        sim.run()
        return sim.model.result(events: sim.eventsHandled)
    }

    /// The metrics of a finished run.
    public func result(events: Int) -> ReplicationResult {
        let finished = accepted == model.orderCount
        let finishHours = finished ? lastAcceptance : model.baseCalendar.horizon
        var utilisation: [Double] = []
        for t in model.tradeNames.indices {
            let available = Double(model.crews[t]) * tradeCalendarHours(t, until: finishHours)
            utilisation.append(available > 0 ? workedCrewHours[t] / available : 0)
        }
        var householdDays = 0.0
        for b in 0..<model.buildings.count where disruptionEnd[b] > disruptionStart[b] {
            householdDays += Double(model.buildings.households[b]) * (disruptionEnd[b] - disruptionStart[b]) / 24
        }
        return ReplicationResult(
            replication: replication,
            finished: finished,
            finishDays: finishHours / 24,
            deadlineMet: finished && finishHours <= model.deadlineHours,
            communityFinishDays: communityFinish.map { $0 / 24 },
            completionsPerYear: completionsPerYear,
            crewUtilisation: utilisation,
            workedCrewHoursByMonth: workedCrewHoursByMonth,
            waits: waits,
            inspections: inspections,
            failedInspections: failures,
            reworkHours: reworkHours,
            defects: defectOutcome(),
            householdDaysDisrupted: householdDays,
            costPerYear: spent,
            totalCost: spent.reduce(0, +),
            peakSites: peakSites,
            events: events,
            unfinishedOrders: model.orderCount - accepted,
            stall: finished ? nil : stallReport(),
            orderFinishDays: acceptedAt,
            finalWindowCrewWaitDays: finalWindowCrewWait(),
            lastAcceptanceDaysByType: typeLastAcceptance.map { $0.isFinite ? $0 / 24 : .nan })
    }

    /// Crew wait per trade, days, of the orders accepted in the last
    /// `ReplicationResult.finalWindowShare` of the time to the last acceptance.
    func finalWindowCrewWait() -> [Double] {
        var wait = [Double](repeating: 0, count: model.tradeNames.count)
        let windowStart = lastAcceptance * (1 - ReplicationResult.finalWindowShare)
        for o in 0..<model.orderCount where !acceptedAt[o].isNaN && Double(acceptedAt[o]) * 24 >= windowStart {
            let k = model.typeIndex(of: o)
            for i in table.needStart[k]..<table.needStart[k + 1] {
                wait[table.needTrade[i]] += max(0, slotWait[o * slotsPerOrder + i - table.needStart[k]]) / 24
            }
        }
        return wait
    }

    /// Working hours a trade's calendar offered from the start to `time`
    /// (the calendar of the first work type that uses the trade alone, else the base calendar).
    func tradeCalendarHours(_ t: Int, until time: Double) -> Double {
        let calendar = model.tradeCalendarIndex(t).map { calendars[$0] } ?? model.baseCalendar
        return calendar.workHours(from: 0, to: time)
    }

    func defectOutcome() -> DefectOutcome {
        var outcome = defectCounts
        outcome.meanResponderWait = responderWait.count > 0 ? responderWait.mean : 0
        return outcome
    }

    /// What is stuck, in words a planner can act on.
    func stallReport() -> String {
        var counts: [String: Int] = [:]
        var order: [String] = []
        func add(_ reason: String) {
            if counts[reason] == nil { order.append(reason) }
            counts[reason, default: 0] += 1
        }
        for o in 0..<model.orderCount {
            let type = model.types[model.typeIndex(of: o)]
            switch state[o] {
            case .accepted: continue
            case .waiting:
                add(released[model.community(of: o)]
                    ? "\(type.name): waiting for predecessors that never finish"
                    : "\(type.name): community never released within the horizon")
            case .queued:
                let need = type.needs[min(Int(acquired[o]), type.needs.count - 1)]
                add("\(type.name): waiting for \(need.crews) crew(s) of \(model.tradeNames[need.trade])")
            case .held: add("\(type.name): held for a shutdown")
            case .budgetWait: add("\(type.name): no budget left in any remaining year")
            case .running, .inspection: add("\(type.name): still in progress at the horizon")
            case .stranded: add("\(type.name): does not fit in the calendar before the horizon")
            }
        }
        let details = order.map { "\(counts[$0] ?? 0) × \($0)" }.joined(separator: "; ")
        return "\(model.orderCount - accepted) of \(model.orderCount) work orders unfinished — \(details)"
    }
}

extension ReplicationResult {
    /// Whether every array has the length a replication of `model` gives
    /// it. A result read back from a file (a checkpoint, a shard) must fit
    /// before summaries index into it by community, trade, year or order.
    public func fits(_ model: Model) -> Bool {
        let trades = model.tradeNames.count, years = model.budgetPerYear.count
        return communityFinishDays.count == model.communities.count
            && crewUtilisation.count == trades
            && finalWindowCrewWaitDays.count == trades
            && workedCrewHoursByMonth.count == trades * max(0, model.monthStartHours.count - 1)
            && completionsPerYear.count == years && costPerYear.count == years
            && orderFinishDays.count == model.orderCount
            && lastAcceptanceDaysByType.count == model.types.count
            && defects.met.count == DefectOutcome.tiers.count && defects.applicable.count == DefectOutcome.tiers.count
    }
}
