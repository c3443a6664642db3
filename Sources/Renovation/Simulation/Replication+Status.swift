import DiscreteEvent
import Stochastic

/// A forecast from a status date (``PlanStatus``): the progress file's
/// history is replayed as events at its dates — starts, finishes,
/// acceptances — while releases, preparation and funding run as usual; no
/// work is dispatched before the status date, and at the status date the
/// work under way continues, pending inspections and rework queue up, and
/// the dispatcher takes over (docs/scenario-reference.md, "Status date").
extension Replication {
    /// Listed orders' hours: measured for finished work; for work under way
    /// the hours worked plus a remainder drawn given them (X | X > worked,
    /// by inversion of the type's CDF).
    static func statusContent(_ status: PlanStatus, plan: CompiledPlan, key: StreamKey, hours: inout [Double]) {
        let stream = RandomStream(key: key.purpose(StreamPurpose.statusRemaining))
        for entry in status.entries {
            let o = entry.order
            guard entry.progress == .underWay else {
                hours[o] = entry.worked
                continue
            }
            stream.rekey(key.entity(UInt64(o)).purpose(StreamPurpose.statusRemaining))
            hours[o] = remainingDraw(plan.types[plan.typeIndex(of: o)].hours, scale: plan.scale(of: o),
                                     worked: entry.worked, u: stream.uniform())
        }
    }

    /// The total hours of work of `scale` × X hours, X ~ `distribution`, of
    /// which `worked` are done: `scale` · F⁻¹(p₀ + u (1 − p₀)) with
    /// p₀ = F(worked / scale), never below `worked`. Past the distribution's
    /// upper end (p₀ = 1) nothing remains.
    public static func remainingDraw(_ distribution: Distribution, scale: Double, worked: Double, u: Double) -> Double {
        guard scale > 0 else { return worked }
        let done = worked / scale
        let p0 = distribution.cdf(done)
        guard p0 < 1 else { return worked }
        let x = distribution.quantile(p0 + u * (1 - p0))
        return max(0, max(x, done)) * scale
    }

    /// Schedules the history's events and the status date.
    static func scheduleStatus(_ status: PlanStatus, _ sim: inout Simulation<Replication>) {
        for (i, entry) in status.entries.enumerated() {
            sim.calendar.schedule(.statusStarted(Int32(i)), at: entry.start)
        }
        for (i, entry) in status.entries.enumerated() where !entry.finish.isNaN {
            sim.calendar.schedule(.statusFinished(Int32(i)), at: entry.finish)
        }
        sim.calendar.schedule(.statusDate, at: status.hours)
    }

    /// A listed order began: its community is open (prepared, released),
    /// its building a site, its cost committed in its start's year.
    mutating func statusStarted(_ i: Int, _ now: Double, _ calendar: inout EventCalendar<Event>) {
        guard let entry = plan.status?.entries[i] else { return }
        let o = entry.order
        let k = plan.typeIndex(of: o)
        let c = plan.community(of: o)
        if preparation?.prepared[c] == false {
            preparation?.prepared[c] = true
            preparation?.preparedAt[c] = now
        }
        keepStarted(c)
        if !released[c] { openWorks(c, now, &calendar) }
        state[o] = .running
        if !startedAt.isEmpty { startedAt[o] = Float(now / hoursPerCalendarDay) }
        let cost = hours[o] * table.crewCostPerHour[k] + table.materialCost[k] * plan.scale(of: o)
        let year = yearIndex(now)
        if year >= 0, year < spent.count { spent[year] += cost }
        funding?.commit(cost)
        if let b = plan.building(of: o) {
            if !buildingStarted[b] { buildingBegan(b, now, &calendar) }
            if table.disruptive[k] {
                if disruptiveOpen[b] == 0 { disruptedSince[b] = now }
                disruptiveOpen[b] += 1
            }
        }
        record(.started, now, order: o, value: hours[o])
    }

    /// A listed order finished: accepted now, or left for the status date (inspection or rework pending).
    mutating func statusFinished(_ i: Int, _ now: Double, _ calendar: inout EventCalendar<Event>) {
        guard let entry = plan.status?.entries[i] else { return }
        let o = entry.order
        countWork(o, hours: hours[o], from: entry.start, to: now)
        record(.workDone, now, order: o)
        switch entry.progress {
        case .accepted: accept(o, now, &calendar)
        case .failed:
            state[o] = .inspection
            record(.failed, now, order: o)
        case .awaitingInspection, .underWay: state[o] = .inspection
        }
    }

    /// The status date: the forecast begins. Work under way holds its
    /// crews and finishes after its remaining hours; finished work waits
    /// for a supervisor; failed work queues for rework; defects start.
    mutating func statusDate(_ now: Double, _ calendar: inout EventCalendar<Event>) {
        guard let status = plan.status else { return }
        replaying = false
        if desk != nil {
            var underWorks = 0.0
            for b in 0..<plan.buildings.count where buildingStarted[b] && buildingOpen[b] > 0 {
                underWorks += Double(plan.buildings.households[b])
            }
            desk?.forecastBegins(householdsUnderWorks: underWorks, now, &calendar)
        }
        for entry in status.entries {
            let o = entry.order
            let k = plan.typeIndex(of: o)
            switch entry.progress {
            case .underWay:
                dispatcher.take(class: k)
                let work = max(0, hours[o] - entry.worked)
                let cal = table.calendar[k]
                countWork(o, hours: entry.worked, from: entry.start, to: now)
                guard let begin = calendars[cal].nextWorkingTime(from: now),
                      let end = calendars[cal].finishTime(start: begin, workHours: work) else {
                    dispatcher.release(class: k)
                    strand(o, now)
                    continue
                }
                countWork(o, hours: work, from: begin, to: end)
                calendar.schedule(.workDone(Int32(o)), at: end)
            case .awaitingInspection:
                since[o] = now
                if supervisors.request(Int32(o), at: now) { startInspection(o, now, &calendar) }
            case .failed:
                attempts[o] = 1
                inspections += 1
                failures += 1
                rework[o] = true
                if !readyAt.isEmpty { readyAt[o] = now }
                enqueue(o, now, &calendar)
            case .accepted:
                break
            }
        }
        calendar.decideAtEndOfInstant()
    }

    /// A community with work under way is neither deferred nor cut: whatever its preparation drew.
    mutating func keepStarted(_ c: Int) {
        guard var office = preparation, office.deferred[c] else { return }
        office.deferred[c] = false
        for k in 0..<office.typeCount { office.dropped[c * office.typeCount + k] = false }
        preparation = office
    }

    /// Crew-hours of a listed order's work over [from, to), by trade and month.
    mutating func countWork(_ o: Int, hours work: Double, from begin: Double, to end: Double) {
        let k = plan.typeIndex(of: o)
        for i in table.needStart[k]..<table.needStart[k + 1] {
            workedCrewHours[table.needTrade[i]] += work * Double(table.needCrews[i])
        }
        addMonthlyWork(type: k, calendar: table.calendar[k], hours: work, from: begin, to: end)
    }
}
