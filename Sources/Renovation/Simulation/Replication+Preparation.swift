import DiscreteEvent

/// Preparation's events: a survey team per community in turn, then the
/// consultation, design and approval the ``PreparationOffice`` draws.
extension Replication {
    mutating func preparationStart(_ c: Int, _ now: Double, _ calendar: inout EventCalendar<Event>) {
        record(.preparationStarted, now, community: c)
        if preparation?.surveyors.request(Int32(c), at: now) == true { startSurvey(c, now, &calendar) }
    }

    /// A survey team takes community `c`; a survey that cannot end before the horizon keeps it.
    mutating func startSurvey(_ c: Int, _ now: Double, _ calendar: inout EventCalendar<Event>) {
        guard let hours = preparation?.model.surveyHours[c] else { return }
        let end = hours > 0
            ? plan.baseCalendar.nextWorkingTime(from: now).flatMap { plan.baseCalendar.finishTime(start: $0, workHours: hours) }
            : now
        if let end { calendar.schedule(.surveyDone(Int32(c)), at: end) }
    }

    mutating func surveyDone(_ c: Int, _ now: Double, _ calendar: inout EventCalendar<Event>) {
        record(.surveyed, now, community: c)
        preparation?.surveyors.release(at: now)
        while let (next, _) = preparation?.surveyors.nextGrant(at: now) { startSurvey(Int(next), now, &calendar) }
        // A forecast's community whose works began in its history is prepared already.
        guard preparation?.prepared[c] == false, let end = preparation?.consult(c, from: now), end < plan.baseCalendar.horizon else { return }
        calendar.schedule(.prepared(Int32(c)), at: end)
    }

    /// Design approved (or the community deferred): its works open if its release date has come.
    mutating func prepared(_ c: Int, _ now: Double, _ calendar: inout EventCalendar<Event>) {
        guard preparation != nil else { return }
        if preparation?.prepared[c] == true { return }   // opened by a forecast's history
        preparation?.prepared[c] = true
        preparation?.preparedAt[c] = now
        let deferred = preparation?.deferred[c] == true
        let due = preparation?.due[c] == true
        let rounds = preparation?.rounds[c] ?? 0
        record(deferred ? .deferred : .prepared, now, community: c, value: Double(rounds))
        // A deferred community's orders are all dropped: opening it settles
        // them at once, and its release date, when it comes, finds it open.
        if due || deferred { openWorks(c, now, &calendar) }
    }
}
