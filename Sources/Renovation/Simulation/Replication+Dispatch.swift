import DiscreteEvent

/// Dispatch as a site manager does it: once every event of an instant has
/// taken effect, the waiting orders are considered best-ranked first across
/// all trades, and every one whose crews are all free starts, taking them
/// all at once (docs/scenario-reference.md, "Dispatch").
extension Replication {
    /// Puts a ready order in the dispatcher, ranked by the plan's rule
    /// (rework ahead of new work), and asks for a decision this instant.
    mutating func enqueue(_ o: Int, _ now: Double, _ calendar: inout EventCalendar<Event>) {
        state[o] = .queued
        since[o] = now
        let key = readyAt.isEmpty ? plan.priority[o] : readyAt[o]
        dispatcher.enqueue(Int32(o), class: plan.typeIndex(of: o), key: key, urgent: rework[o], since: now)
        calendar.decideAtEndOfInstant()
    }

    /// One decision: the parallel schedule-generation step.
    mutating func dispatch(_ now: Double, _ calendar: inout EventCalendar<Event>) {
        guard dispatcher.waitingCount > 0, now >= dispatchFrom else { return }
        dispatcher.beginPass()
        while let (o, k) = dispatcher.next(at: now) { tryStart(Int(o), type: k, now, &calendar) }
        #if DEBUG
        dispatcher.checkInvariants()
        #endif
    }

    /// The dispatcher picked `o` and its crews are free: it starts, unless
    /// the calendar, a shutdown or the budget stops it (then it takes no crews).
    mutating func tryStart(_ o: Int, type k: Int, _ now: Double, _ calendar: inout EventCalendar<Event>) {
        let cal = table.calendar[k]
        let isRework = rework[o]
        let work = isRework ? hours[o] * plan.reworkShare : risks.work(o, base: hours[o])
        let waited = now - since[o]
        waits.crew += waited / hoursPerCalendarDay
        if waited > 0 { chargeCrewWait(o, type: k, hours: waited) }
        guard let begin = calendars[cal].nextWorkingTime(from: now),
              let end = calendars[cal].finishTime(start: begin, workHours: work) else {
            strand(o, now)
            return
        }
        if !isRework {
            if table.hold[k], !heldOnce[o],
               let window = firstWindow(plan.shutdownWindows[cal], overlapping: begin, end) {
                heldOnce[o] = true
                state[o] = .held
                since[o] = now
                calendar.schedule(.requeue(Int32(o)), at: window.end)
                record(.held, now, order: o)
                return
            }
            let year = yearIndex(begin)
            var cost = work * table.crewCostPerHour[k] + table.materialCost[k] * plan.scale(of: o)
            if !risks.extraCost.isEmpty { cost += risks.extraCost[o] }
            if year >= spent.count || spent[year] + cost > plan.budgetPerYear[year] * (1 + 1e-12) {
                state[o] = .budgetWait
                since[o] = now
                budgetWaiting.append(Int32(o))
                scheduleNewYear(now, &calendar)
                record(.budgetBlocked, now, order: o)
                return
            }
            if let ledger = funding, !ledger.allows(cost) {
                state[o] = .fundingWait
                since[o] = now
                funding?.waiting.append(Int32(o))
                record(.fundingBlocked, now, order: o)
                return
            }
            spent[year] += cost
            funding?.commit(cost)
        }
        if isRework { reworkHours += work }
        dispatcher.take(class: k)
        state[o] = .running
        if !startedAt.isEmpty, startedAt[o].isNaN { startedAt[o] = Float(begin / hoursPerCalendarDay) }
        addDelays(calendar: cal, work: work, from: now, finish: end)
        for i in table.needStart[k]..<table.needStart[k + 1] {
            workedCrewHours[table.needTrade[i]] += work * Double(table.needCrews[i])
        }
        addMonthlyWork(type: k, calendar: cal, hours: work, from: begin, to: end)
        if let b = plan.building(of: o) {
            if !buildingStarted[b] { buildingBegan(b, now, &calendar) }
            if table.disruptive[k], !isRework {
                if disruptiveOpen[b] == 0 { disruptedSince[b] = begin }
                disruptiveOpen[b] += 1
            }
        }
        calendar.schedule(.workDone(Int32(o)), at: end)
        record(.started, begin, order: o, value: work)
    }

    /// Counts an order's crew wait against the trades that were short when
    /// its work type was last blocked (all its trades if none was recorded).
    mutating func chargeCrewWait(_ o: Int, type k: Int, hours waited: Double) {
        let needs = table.needCount(k)
        let short = dispatcher.shortNeeds[k]
        for i in 0..<needs where short == 0 || short & (1 << UInt64(min(63, i))) != 0 {
            slotWait[o * slotsPerOrder + i] += waited
        }
    }

    /// The delay a job's finish takes from closed days that are not nights,
    /// weekends or holidays, as calendar days: a paused shutdown (finish on
    /// the dry calendar less finish on the base calendar) and rain (finish
    /// on this replication's calendar less finish on the dry one). Each is
    /// exactly 0 where its cause cannot occur.
    mutating func addDelays(calendar cal: Int, work: Double, from now: Double, finish end: Double) {
        let hasShutdowns = !plan.shutdownWindows[cal].isEmpty
        let rains = plan.calendarRainSensitive[cal]
        guard hasShutdowns || rains else { return }
        let dry = plan.calendars[cal]
        // Most jobs meet no rain and no shutdown: where two calendars offer the same hours over
        // the job's span they are the same there (one only ever closes what the other opens),
        // so the finish is the same and no second search of the calendar is needed.
        let dryEnd = rains && !sameHours(calendars[cal], dry, from: now, to: end)
            ? finish(on: dry, work: work, from: now) : end
        if rains { waits.weather += (end - dryEnd) / hoursPerCalendarDay }
        if hasShutdowns && !sameHours(dry, plan.baseCalendar, from: now, to: dryEnd) {
            waits.shutdown += (dryEnd - finish(on: plan.baseCalendar, work: work, from: now)) / hoursPerCalendarDay
        }
    }

    /// Whether `a` and `b` offer the same working hours in [from, to).
    func sameHours(_ a: WorkingCalendar, _ b: WorkingCalendar, from: Double, to: Double) -> Bool {
        a.workHours(from: from, to: to) == b.workHours(from: from, to: to)
    }

    func finish(on calendar: WorkingCalendar, work: Double, from now: Double) -> Double {
        guard let begin = calendar.nextWorkingTime(from: now),
              let end = calendar.finishTime(start: begin, workHours: work) else { return calendar.horizon }
        return end
    }

    mutating func strand(_ o: Int, _ now: Double) {
        state[o] = .stranded
        record(.stranded, now, order: o)
    }

    /// Splits a job's crew-hours over the calendar months of [begin, end) in
    /// proportion to its calendar's working hours in each month.
    mutating func addMonthlyWork(type k: Int, calendar cal: Int, hours work: Double, from begin: Double, to end: Double) {
        let months = monthStart.count - 1
        guard months > 0, work > 0 else { return }
        // The month holding `begin` (boundaries fall at midnight).
        var m = Int(plan.monthOfDay[min(Int(begin / hoursPerCalendarDay), plan.monthOfDay.count - 1)])
        if end <= monthStart[m + 1] {
            // Most jobs fall within one month: all of it goes there (the share below would be exactly 1).
            for i in table.needStart[k]..<table.needStart[k + 1] {
                workedCrewHoursByMonth[table.needTrade[i] * months + m] += work * Double(table.needCrews[i])
            }
            return
        }
        let total = calendars[cal].workHours(from: begin, to: end)
        while m < months {
            let share = total > 0
                ? calendars[cal].workHours(from: max(begin, monthStart[m]), to: min(end, monthStart[m + 1])) / total
                : 1
            if share > 0 {
                for i in table.needStart[k]..<table.needStart[k + 1] {
                    workedCrewHoursByMonth[table.needTrade[i] * months + m] += work * share * Double(table.needCrews[i])
                }
            }
            if total <= 0 || monthStart[m + 1] >= end { break }
            m += 1
        }
    }

    /// The first shutdown window that [begin, end) runs into, if any.
    func firstWindow(_ windows: [ClosedWindow], overlapping begin: Double, _ end: Double) -> ClosedWindow? {
        // Windows are sorted; find the first that ends after `begin`.
        var low = 0, high = windows.count
        while low < high {
            let mid = (low + high) / 2
            if windows[mid].end <= begin { low = mid + 1 } else { high = mid }
        }
        guard low < windows.count, windows[low].start < end else { return nil }
        return windows[low]
    }
}
