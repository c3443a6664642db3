import DequeModule
import DiscreteEvent
import Stochastic

/// The defect response desk of one replication: residents' reports while
/// their building is under works and for a while after, registered,
/// answered by the response team (first come, first served, round the
/// clock), and measured against the "54321" service levels.
///
/// Reports arrive as a Poisson process whose rate follows the households
/// under works; on every change of rate the next arrival is drawn afresh,
/// which is exact because exponential gaps are memoryless.
struct DefectDesk {
    /// Reports in flight (registered, waiting for or visited by a
    /// responder) at most; past it a report is counted as unanswered
    /// instead of queued, so a hopelessly overloaded team cannot fill
    /// memory. The validator refuses scenarios whose expected queue
    /// comes near it (docs/robustness.md).
    static let maximumInFlight = 1 << 20

    let model: DefectModel
    /// ``maximumInFlight``, lowered by tests.
    let inFlightLimit: Int
    let horizon: Double
    var responders: ResourcePool<FIFOLine<Int32>>
    /// Reports in flight, in reusable slots: nothing grows with the number
    /// of reports, so a long programme does not keep reallocating.
    var slots: [DefectReport] = []
    var freeSlots: [Int32] = []
    /// Reports and how many met each service level, counted as they happen.
    var counts = DefectOutcome()
    var responderWait = Tally()
    var householdsDuring = 0.0
    var householdsAfter = 0.0
    /// Buildings in their after-works period, by when it ends. The period is
    /// the same for every building, so ends come in completion order: one
    /// pending event for the head instead of one per building. A national
    /// programme has some 140,000 buildings in that period at once, and their
    /// events made the event heap big enough to miss the cache at every level
    /// (perf; the run took twice as long).
    var afterWorks: Deque<(end: Double, households: Double)> = []
    var nextArrival: EventID?
    let arrivals: RandomStream
    let service: RandomStream

    init(model: DefectModel, horizon: Double, key: StreamKey, inFlightLimit: Int = Self.maximumInFlight) {
        self.model = model
        self.inFlightLimit = inFlightLimit
        self.horizon = horizon
        responders = ResourcePool(capacity: model.team, line: FIFOLine<Int32>())
        arrivals = RandomStream(key: key.purpose(StreamPurpose.defectArrivals))
        service = RandomStream(key: key.purpose(StreamPurpose.defectService))
    }

    typealias Calendar = EventCalendar<Replication.Event>

    /// A building's works begin: its households report at the during-works rate.
    mutating func worksBegan(households: Double, _ now: Double, _ calendar: inout Calendar) {
        householdsDuring += households
        rateChanged(now, &calendar)
    }

    /// A building's works are done: its households move to the after-works rate.
    mutating func worksEnded(households: Double, _ now: Double, _ calendar: inout Calendar) {
        householdsDuring -= households
        if model.reportsAfterWorks {
            householdsAfter += households
            afterWorks.append((now + model.afterWorksHours, households))
            if afterWorks.count == 1 { calendar.schedule(.afterWorksEnd, at: now + model.afterWorksHours) }
        }
        rateChanged(now, &calendar)
    }

    /// A building's works ended in a forecast's history, before its status
    /// date: its after-works period is kept, and reports begin at the
    /// status date (``forecastBegins(householdsUnderWorks:_:_:)``).
    mutating func worksEndedInHistory(households: Double, _ now: Double) {
        guard model.reportsAfterWorks else { return }
        afterWorks.append((now + model.afterWorksHours, households))
    }

    /// A forecast's status date: the buildings under works report at the
    /// during-works rate, those finished before it at the after-works rate
    /// for what is left of their period. History ends in completion order,
    /// so the periods still end in order.
    mutating func forecastBegins(householdsUnderWorks: Double, _ now: Double, _ calendar: inout Calendar) {
        while let head = afterWorks.first, head.end <= now { afterWorks.removeFirst() }
        householdsDuring += householdsUnderWorks
        householdsAfter = afterWorks.reduce(0) { $0 + $1.households }
        if let head = afterWorks.first { calendar.schedule(.afterWorksEnd, at: head.end) }
        rateChanged(now, &calendar)
    }

    /// The after-works period of the building at the head of ``afterWorks`` ends.
    mutating func afterWorksEnded(_ now: Double, _ calendar: inout Calendar) {
        guard let (_, households) = afterWorks.popFirst() else { return }
        householdsAfter -= households
        if let next = afterWorks.first { calendar.schedule(.afterWorksEnd, at: next.end) }
        rateChanged(now, &calendar)
    }

    mutating func rateChanged(_ now: Double, _ calendar: inout Calendar) {
        if let pending = nextArrival { calendar.cancel(pending) }
        nextArrival = nil
        let perHour = householdsDuring * model.duringWorksRate + householdsAfter * model.afterWorksRate
        guard perHour > 0 else { return }
        let gap = Distribution.exponential(mean: 1 / perHour).sample(arrivals)
        // None beyond the horizon: buildings stuck under works (a budget run dry)
        // would otherwise report defects for ever and the run would never end.
        guard now + gap < horizon else { return }
        nextArrival = calendar.schedule(.defectArrival, at: now + gap)
    }

    mutating func arrival(_ now: Double, _ calendar: inout Calendar) {
        nextArrival = nil
        let complex = service.uniform() < model.complexShare
        counts.reported += 1
        if complex { counts.complex += 1 }
        for level in ServiceLevel.allCases where level.applies(complex: complex) {
            counts.applicable[level.rawValue] += 1
        }
        if slots.count - freeSlots.count >= inFlightLimit {
            counts.unanswered += 1
        } else {
            let report = DefectReport(reportedAt: now, complex: complex)
            let id: Int
            if let free = freeSlots.popLast() {
                id = Int(free)
                slots[id] = report
            } else {
                id = slots.count
                slots.append(report)
            }
            calendar.schedule(.defectRegistered(Int32(id)), after: max(0, model.registerMinutes.sample(service)) / 60)
        }
        rateChanged(now, &calendar)
    }

    mutating func registered(_ d: Int, _ now: Double, _ calendar: inout Calendar) {
        slots[d].registeredAt = now
        meets(.register, d, now)
        if responders.request(Int32(d), at: now) { dispatchResponder(d, now, &calendar) }
    }

    mutating func dispatchResponder(_ d: Int, _ now: Double, _ calendar: inout Calendar) {
        responderWait.record(now - slots[d].registeredAt)
        calendar.schedule(.defectOnSite(Int32(d)), after: max(0, model.travelMinutes.sample(service)) / 60)
    }

    mutating func onSite(_ d: Int, _ now: Double, _ calendar: inout Calendar) {
        meets(.onSite, d, now)
        let work = slots[d].complex ? model.assessmentHours.sample(service) : model.smallFixHours.sample(service)
        calendar.schedule(.defectFixed(Int32(d)), after: max(0, work))
    }

    /// The responder is done: a small defect is fixed; a complex one is
    /// assessed, and its plan is written in the office without a responder.
    /// Neither the plan nor the follow-up visit waits for a resource, so
    /// their times are computed here rather than scheduled as events.
    mutating func fixed(_ d: Int, _ now: Double, _ calendar: inout Calendar) {
        responders.release(at: now)
        while let (next, _) = responders.nextGrant(at: now) { dispatchResponder(Int(next), now, &calendar) }
        let complex = slots[d].complex
        let resolved = complex ? now + max(0, model.planHours.sample(service)) : now
        meets(complex ? .complexPlan : .smallFix, d, resolved)
        meets(.followUp, d, resolved + max(0, model.followUpDays.sample(service)) * hoursPerCalendarDay)
        freeSlots.append(Int32(d))
    }

    /// Counts a service level as met when `time` is within its target of the report.
    mutating func meets(_ level: ServiceLevel, _ d: Int, _ time: Double) {
        if time - slots[d].reportedAt <= model.targetHours[level.rawValue] + 1e-9 { counts.met[level.rawValue] += 1 }
    }

    /// The outcome so far, with the mean wait for a responder.
    var outcome: DefectOutcome {
        var outcome = counts
        outcome.meanResponderWait = responderWait.count > 0 ? responderWait.mean : 0
        return outcome
    }
}

extension ServiceLevel {
    /// Small fixes apply to small defects only, complex plans to complex ones.
    func applies(complex: Bool) -> Bool {
        switch self {
        case .smallFix: !complex
        case .complexPlan: complex
        case .register, .onSite, .followUp: true
        }
    }
}
