import DiscreteEvent
import Stochastic

/// One replication of one plan: the renovation programme as a model on the
/// discrete-event engine.
///
/// State lives in arrays indexed by small integers; events carry 32-bit
/// indexes, so an event is a few bytes and the hot path neither allocates
/// nor dispatches dynamically. The index letters used throughout:
///
/// | letter | what | numbered by |
/// |---|---|---|
/// | `o` | work order | ``CompiledPlan/order(building:type:)``, ``CompiledPlan/order(community:type:)`` |
/// | `b` | building | the plan's building arrays |
/// | `c` | community | ``CompiledPlan/communities`` |
/// | `k` | work type (also the dispatcher's class) | ``CompiledPlan/types`` |
/// | `t` | trade (the dispatcher's pool) | ``CompiledPlan/tradeNames`` |
/// | `d` | defect report's slot | ``DefectDesk`` |
///
/// A work order's life is in ``OrderState``; which waiting order gets
/// crews, and when, is decided once per instant in `Replication+Dispatch`;
/// residents' defect reports are the ``DefectDesk``'s.
public struct Replication: SimulationModel {
    public enum Event: Sendable, Equatable {
        /// The communities released at one time: those from this position in
        /// ``CompiledPlan/releaseOrder`` on, while their release time is the same.
        case release(Int32)
        case workDone(Int32)
        case inspectionDone(Int32)
        /// A held order's shutdown window has ended.
        case requeue(Int32)
        case newYear
        case defectArrival
        case defectRegistered(Int32)
        case defectOnSite(Int32)
        case defectFixed(Int32)
        /// The after-works period of the building at the head of the desk's queue ends.
        case afterWorksEnd
        /// A community's preparation begins: it asks for a survey team.
        case preparationStart(Int32)
        case surveyDone(Int32)
        /// A community's design is approved (or it was deferred).
        case prepared(Int32)
        /// A ready order may be dispatched: its risks' start delay and its
        /// type's `not_before` have passed.
        case startAllowed(Int32)
        /// A funding tranche has arrived.
        case trancheArrived(Int32)
        /// A forecast's history (``PlanStatus``): the entry's work began, or finished.
        case statusStarted(Int32)
        case statusFinished(Int32)
        /// The status date: work under way continues and dispatch begins.
        case statusDate
    }

    public let plan: CompiledPlan
    public let replication: Int
    let seed: UInt64

    /// Calendars of this replication (rain and risk stops drawn per replication).
    var calendars: [WorkingCalendar]
    /// The risk register's occurrences, hits and costs.
    var risks: RiskState

    // Resources.
    /// The crews of every trade, and the orders waiting for them.
    var dispatcher: MultiPoolDispatcher
    var supervisors: ResourcePool<FIFOLine<Int32>>
    var desk: DefectDesk?
    var preparation: PreparationOffice?

    // Work orders.
    var state: [OrderState]
    /// Predecessor orders not yet accepted.
    var remaining: [Int32]
    var hours: [Double]
    var rework: [Bool]
    var heldOnce: [Bool]
    /// Inspections so far.
    var attempts: [UInt8]
    /// When the order entered its current wait (predecessors, crews, hold, budget or supervisor).
    var since: [Double]
    /// When it last became ready (first readiness, or a failed inspection):
    /// the `fifo` key. Empty under other rules.
    var readyAt: [Double]
    var acceptedAt: [Float]
    /// When each order's first job began working, in days (NaN until it has);
    /// empty when the plan does not record starts (``CompiledPlan/recordsStarts``).
    var startedAt: [Float]
    var accepted = 0
    /// Orders settled without work: optional work not asked for, or a deferred community's.
    var skipped = 0
    var lastAcceptance = 0.0
    /// Crew wait of each order against each of its needs, hours: order `o`'s
    /// need `i` is slot `o · slotsPerOrder + i`. An order's wait counts
    /// against the trades that were short when its work type was last blocked.
    var slotWait: [Double]
    let slotsPerOrder: Int
    /// Last acceptance of each work type, hours (−∞ before the first).
    var typeLastAcceptance: [Double]

    // Buildings and communities.
    var released: [Bool]
    var buildingOpen: [Int32]
    var buildingStarted: [Bool]
    /// Disruptive orders begun and not yet accepted, per building; the
    /// building is disrupted while this is above 0.
    var disruptiveOpen: [Int32]
    var disruptedSince: [Double]
    var disruptedHours: [Double]
    var communityOpen: [Int32]
    var communityFinish: [Double]
    var sites = 0
    var peakSites = 0

    // Budget.
    var spent: [Double]
    var budgetWaiting: [Int32] = []
    var newYearPending = false
    /// Tranches, commitments and the advance; nil without `funding`.
    var funding: FundingLedger?

    /// Inspections, re-keyed per order and attempt.
    let inspectionStream: RandomStream

    /// The work types' hot fields, copied out of the plan once so that
    /// events read plain values.
    let table: TypeTable

    // Metrics.
    var waits = WaitsByCause()
    var inspections = 0
    var failures = 0
    var reworkHours = 0.0
    var workedCrewHours: [Double]
    /// Trades × months, flat (see ``ReplicationResult/workedCrewHoursByMonth``).
    var workedCrewHoursByMonth: [Double]
    let monthStart: [Double]
    /// The plan's ``CompiledPlan/yearStartDays``, held here for ``yearIndex(_:)``.
    let yearStarts: [Int]
    var completionsPerYear: [Int]

    /// No work is dispatched before this time: the status date of a forecast, else −∞.
    let dispatchFrom: Double
    /// A forecast's history is being replayed (before its status date): no defects are drawn; buildings finished keep their after-works period for the status date.
    var replaying: Bool
    /// Whether each order is one the status lists (its history is replayed, never dispatched); empty without a status.
    let statusListed: [Bool]

    /// Records of what happened, when tracing is on (one replication, `--trace`).
    public internal(set) var trace: [TraceRecord]?

    /// Sets up replication `replication` of `plan`: draws every work
    /// order's content and the weather from streams keyed by the seed, the
    /// replication and what they belong to.
    public init(plan: CompiledPlan, seed: UInt64, replication: Int, trace tracing: Bool = false) {
        self.plan = plan
        self.replication = replication
        self.seed = seed
        let key = StreamKey(seed: seed, replication: UInt64(replication))

        // Weather: one draw per day, shared by every plan.
        var calendars = plan.calendars
        if plan.calendarRainSensitive.contains(true) {
            let weather = RandomStream(key: key.purpose(StreamPurpose.weather))
            let rain = plan.rainProbability.map { weather.uniform() < $0 }
            for i in calendars.indices where plan.calendarRainSensitive[i] {
                calendars[i].close(where: rain)
            }
        }
        risks = RiskState(plan: plan, key: key, calendars: &calendars)
        self.calendars = calendars

        dispatcher = MultiPoolDispatcher(
            capacity: plan.crews,
            needs: plan.types.map { $0.needs.map { (pool: $0.trade, units: $0.crews) } },
            guardHours: plan.starvationGuardHours)
        supervisors = ResourcePool(capacity: plan.supervisors, line: FIFOLine<Int32>())
        desk = plan.defectModel.map { DefectDesk(model: $0, horizon: plan.baseCalendar.horizon, key: key) }
        preparation = plan.preparation.map {
            PreparationOffice(model: $0, communities: plan.communities.count, types: plan.types.count, key: key)
        }

        let n = plan.orderCount
        state = [OrderState](repeating: .waiting, count: n)
        rework = [Bool](repeating: false, count: n)
        heldOnce = [Bool](repeating: false, count: n)
        attempts = [UInt8](repeating: 0, count: n)
        since = [Double](repeating: 0, count: n)
        readyAt = plan.dispatch == .fifo ? [Double](repeating: 0, count: n) : []
        acceptedAt = [Float](repeating: .nan, count: n)
        startedAt = plan.recordsStarts ? [Float](repeating: .nan, count: n) : []
        let slots = plan.types.reduce(1) { max($0, $1.needs.count) }
        slotsPerOrder = slots
        slotWait = [Double](repeating: 0, count: n * slots)
        typeLastAcceptance = [Double](repeating: -.infinity, count: plan.types.count)
        var content = Replication.drawContent(plan, key: key)
        if let status = plan.status { Replication.statusContent(status, plan: plan, key: key, hours: &content) }
        hours = content
        dispatchFrom = plan.status?.hours ?? -.infinity
        replaying = plan.status != nil
        statusListed = plan.status?.listed ?? []
        remaining = plan.initialWaitCounts

        let buildingCount = plan.buildings.count
        released = [Bool](repeating: false, count: plan.communities.count)
        buildingOpen = [Int32](repeating: Int32(plan.buildingTypeCount), count: buildingCount)
        buildingStarted = [Bool](repeating: false, count: buildingCount)
        disruptiveOpen = [Int32](repeating: 0, count: buildingCount)
        disruptedSince = [Double](repeating: 0, count: buildingCount)
        disruptedHours = [Double](repeating: 0, count: buildingCount)
        communityOpen = plan.communities.map {
            Int32($0.buildings.count * plan.buildingTypeCount + plan.communityTypeCount)
        }
        communityFinish = [Double](repeating: .nan, count: plan.communities.count)
        spent = [Double](repeating: 0, count: plan.budgetPerYear.count)
        funding = plan.funding.map { FundingLedger(model: $0, key: key, horizon: plan.baseCalendar.horizon) }
        completionsPerYear = [Int](repeating: 0, count: plan.budgetPerYear.count)
        workedCrewHours = [Double](repeating: 0, count: plan.tradeNames.count)
        monthStart = plan.monthStartHours
        yearStarts = plan.yearStartDays
        workedCrewHoursByMonth = [Double](repeating: 0, count: plan.tradeNames.count * max(0, monthStart.count - 1))

        inspectionStream = RandomStream(key: key.purpose(StreamPurpose.inspection))
        trace = tracing ? [] : nil
        table = plan.table
    }

    /// Every order's working hours: its type's distribution × its scale,
    /// drawn from a stream keyed by the order's number, so the draw does not
    /// depend on the plan. With a community correlation ρ > 0 the draws of
    /// one community share a Gaussian common factor.
    static func drawContent(_ plan: CompiledPlan, key: StreamKey) -> [Double] {
        let stream = RandomStream(key: key)
        var hours = [Double](repeating: 0, count: plan.orderCount)
        let factor = try? CommonFactor(rho: plan.communityCorrelation)
        var shared = [Double](repeating: 0, count: plan.communities.count)
        if let factor, factor.rho > 0 {
            for c in shared.indices {
                stream.rekey(key.entity(UInt64(c)).purpose(StreamPurpose.communityFactor))
                shared[c] = CommonFactor.sharedDraw(stream)
            }
        }
        let correlated = (factor?.rho ?? 0) > 0
        for o in 0..<plan.orderCount {
            stream.rekey(key.entity(UInt64(o)).purpose(StreamPurpose.workContent))
            let distribution = plan.types[plan.typeIndex(of: o)].hours
            let draw: Double
            if correlated, let factor {
                draw = distribution.quantile(factor.uniform(shared: shared[plan.community(of: o)], stream))
            } else {
                draw = distribution.sample(stream)
            }
            hours[o] = max(0, draw) * plan.scale(of: o)
        }
        return hours
    }

    /// A simulation of this replication with every release scheduled.
    ///
    /// One event per release time, not per community: a national programme
    /// released in yearly tranches would otherwise keep 220,000 release events
    /// waiting in the event heap for years, and every other event would pay
    /// for the heap's depth in cache misses. A release at or after the
    /// horizon is not scheduled: that community is reported as never released.
    public static func simulation(plan: CompiledPlan, seed: UInt64, replication: Int,
                                  trace: Bool = false) -> Simulation<Replication> {
        var sim = Simulation(model: Replication(plan: plan, seed: seed, replication: replication, trace: trace))
        let order = plan.releaseOrder
        let horizon = plan.baseCalendar.horizon
        for p in order.indices where p == 0 || plan.releaseTime[order[p]] != plan.releaseTime[order[p - 1]] {
            let time = plan.releaseTime[order[p]]
            if time < horizon { sim.calendar.schedule(.release(Int32(p)), at: time) }
        }
        if let preparation = plan.preparation {
            for c in plan.communities.indices where preparation.startHours[c] < horizon {
                sim.calendar.schedule(.preparationStart(Int32(c)), at: preparation.startHours[c])
            }
        }
        if let funding = sim.model.funding {
            for i in funding.arrivalHours.indices where funding.arrivalHours[i] < horizon {
                sim.calendar.schedule(.trancheArrived(Int32(i)), at: funding.arrivalHours[i])
            }
        }
        if let status = plan.status { scheduleStatus(status, &sim) }
        return sim
    }

    // MARK: - Events

    public mutating func handle(_ event: Event, calendar: inout EventCalendar<Event>) {
        let now = calendar.now
        switch event {
        case .release(let first):
            let order = plan.releaseOrder
            var p = Int(first)
            let time = plan.releaseTime[order[p]]
            repeat {
                release(order[p], now, &calendar)
                p += 1
            } while p < order.count && plan.releaseTime[order[p]] == time
        case .workDone(let o): workDone(Int(o), now, &calendar)
        case .inspectionDone(let o): inspectionDone(Int(o), now, &calendar)
        case .requeue(let o):
            waits.shutdown += (now - since[Int(o)]) / hoursPerCalendarDay
            enqueue(Int(o), now, &calendar)
        case .newYear: newYear(now, &calendar)
        case .defectArrival: desk?.arrival(now, &calendar)
        case .defectRegistered(let d): desk?.registered(Int(d), now, &calendar)
        case .defectOnSite(let d): desk?.onSite(Int(d), now, &calendar)
        case .defectFixed(let d): desk?.fixed(Int(d), now, &calendar)
        case .afterWorksEnd: desk?.afterWorksEnded(now, &calendar)
        case .preparationStart(let c): preparationStart(Int(c), now, &calendar)
        case .surveyDone(let c): surveyDone(Int(c), now, &calendar)
        case .prepared(let c): prepared(Int(c), now, &calendar)
        case .startAllowed(let o): enqueue(Int(o), now, &calendar)
        case .trancheArrived(let i): trancheArrived(Int(i), now, &calendar)
        case .statusStarted(let i): statusStarted(Int(i), now, &calendar)
        case .statusFinished(let i): statusFinished(Int(i), now, &calendar)
        case .statusDate: statusDate(now, &calendar)
        }
    }

    /// Every event of this instant has happened: hand out the free crews.
    public mutating func instantEnded(calendar: inout EventCalendar<Event>) {
        dispatch(calendar.now, &calendar)
    }

    /// Community `c`'s release date has come; its works open now, or when its preparation ends.
    mutating func release(_ c: Int, _ now: Double, _ calendar: inout EventCalendar<Event>) {
        if preparation?.prepared[c] == false {
            preparation?.due[c] = true
            return
        }
        if !released[c] { openWorks(c, now, &calendar) }
    }

    /// Every order of community `c` with no predecessor left becomes ready. An order dropped on the way
    /// (work not asked for, a deferred community) is settled at once and may make a later one of
    /// this loop ready through `satisfy`: only orders still waiting are taken, so none is taken twice.
    mutating func openWorks(_ c: Int, _ now: Double, _ calendar: inout EventCalendar<Event>) {
        released[c] = true
        record(.released, now, community: c)
        let community = plan.communities[c]
        for b in community.buildings {
            for k in 0..<plan.buildingTypeCount {
                openOrder(plan.order(building: b, type: k), now, &calendar)
            }
        }
        for k in 0..<plan.communityTypeCount {
            openOrder(plan.order(community: c, type: k), now, &calendar)
        }
    }

    @inline(__always)
    mutating func openOrder(_ o: Int, _ now: Double, _ calendar: inout EventCalendar<Event>) {
        guard state[o] == .waiting else { return }
        if remaining[o] == 0 { becomeReady(o, now, &calendar) } else { since[o] = now }
    }

    /// Released, and every predecessor accepted: the order joins the dispatcher.
    mutating func becomeReady(_ o: Int, _ now: Double, _ calendar: inout EventCalendar<Event>) {
        // A forecast's listed work follows its history, not the dispatcher.
        if !statusListed.isEmpty && statusListed[o] { return }
        if preparation?.drops(community: plan.community(of: o), type: plan.typeIndex(of: o)) == true {
            skip(o, now, &calendar)
            return
        }
        if table.hasPredecessors[plan.typeIndex(of: o)] {
            waits.predecessor += (now - since[o]) / hoursPerCalendarDay
        }
        if !readyAt.isEmpty { readyAt[o] = now }
        let delay = risks.ready(o, at: now, hoursPerDay: plan.hoursPerDay)
        var until = now + delay
        var holds = delay > 0
        // The plan's `not_before`: no dispatch before the type's offset from the community's release.
        if !plan.notBeforeHours.isEmpty {
            let allowed = plan.releaseTime[plan.community(of: o)] + plan.notBeforeHours[plan.typeIndex(of: o)]
            if allowed > now {
                until = max(until, allowed)
                holds = true
            }
        }
        if holds {
            state[o] = .held
            since[o] = now
            calendar.schedule(.startAllowed(Int32(o)), at: until)
            return
        }
        enqueue(o, now, &calendar)
    }

    // MARK: - Work done, inspection, acceptance

    mutating func workDone(_ o: Int, _ now: Double, _ calendar: inout EventCalendar<Event>) {
        record(.workDone, now, order: o)
        dispatcher.release(class: plan.typeIndex(of: o))
        calendar.decideAtEndOfInstant()
        guard plan.supervisors > 0 else {
            accept(o, now, &calendar)
            return
        }
        state[o] = .inspection
        since[o] = now
        if supervisors.request(Int32(o), at: now) { startInspection(o, now, &calendar) }
    }

    mutating func startInspection(_ o: Int, _ now: Double, _ calendar: inout EventCalendar<Event>) {
        waits.supervisor += (now - since[o]) / hoursPerCalendarDay
        // One stream per (order, attempt): the same inspections in every plan.
        inspectionStream.rekey(StreamKey(seed: seed, replication: UInt64(replication), entity: UInt64(o),
                                         purpose: StreamPurpose.inspection | UInt64(attempts[o]) << 32))
        attempts[o] &+= 1
        let duration = max(0, plan.inspectionHours.sample(inspectionStream))
        let fails = inspectionStream.uniform() < table.failureProbability[plan.typeIndex(of: o)]
        rework[o] = fails
        let end = plan.baseCalendar.finishTime(start: now, workHours: duration)
            ?? max(now, plan.baseCalendar.horizon)
        calendar.schedule(.inspectionDone(Int32(o)), at: end)
    }

    mutating func inspectionDone(_ o: Int, _ now: Double, _ calendar: inout EventCalendar<Event>) {
        supervisors.release(at: now)
        while let (next, _) = supervisors.nextGrant(at: now) { startInspection(Int(next), now, &calendar) }
        inspections += 1
        if rework[o] {
            failures += 1
            record(.failed, now, order: o)
            if !readyAt.isEmpty { readyAt[o] = now }
            enqueue(o, now, &calendar)
        } else {
            accept(o, now, &calendar)
        }
    }

    mutating func accept(_ o: Int, _ now: Double, _ calendar: inout EventCalendar<Event>) {
        state[o] = .accepted
        rework[o] = false
        acceptedAt[o] = Float(now / hoursPerCalendarDay)
        accepted += 1
        lastAcceptance = max(lastAcceptance, now)
        record(.accepted, now, order: o)
        let k = plan.typeIndex(of: o)
        typeLastAcceptance[k] = max(typeLastAcceptance[k], now)
        settle(o, type: k, worked: true, now, &calendar)
    }

    /// An order that will not be done: settled at once, as if accepted, for its successors.
    mutating func skip(_ o: Int, _ now: Double, _ calendar: inout EventCalendar<Event>) {
        state[o] = .accepted
        skipped += 1
        record(.skipped, now, order: o)
        settle(o, type: plan.typeIndex(of: o), worked: false, now, &calendar)
    }

    /// Order `o` no longer holds anything up: its successors, its building and its community.
    mutating func settle(_ o: Int, type k: Int, worked: Bool, _ now: Double, _ calendar: inout EventCalendar<Event>) {
        let c = plan.community(of: o)
        let b = plan.building(of: o)
        for i in table.successorStart[k]..<table.successorStart[k + 1] {
            let s = table.successor[i]
            let local = table.localIndex[s]
            if table.isCommunity[s] {
                satisfy(plan.order(community: c, type: local), now, &calendar)
            } else if let b {
                satisfy(plan.order(building: b, type: local), now, &calendar)
            } else {
                for building in plan.communities[c].buildings {
                    satisfy(plan.order(building: building, type: local), now, &calendar)
                }
            }
        }
        if let b {
            if worked, table.disruptive[k] {
                disruptiveOpen[b] -= 1
                if disruptiveOpen[b] == 0 { disruptedHours[b] += now - disruptedSince[b] }
            }
            buildingOpen[b] -= 1
            if buildingOpen[b] == 0 { buildingCompleted(b, now, &calendar) }
        }
        communityOpen[c] -= 1
        if communityOpen[c] == 0 { communityFinish[c] = preparation?.deferred[c] == true ? .nan : now }
    }

    mutating func satisfy(_ o: Int, _ now: Double, _ calendar: inout EventCalendar<Event>) {
        remaining[o] -= 1
        if remaining[o] == 0, released[plan.community(of: o)] { becomeReady(o, now, &calendar) }
    }

    /// The first start of any work on building `b`.
    mutating func buildingBegan(_ b: Int, _ now: Double, _ calendar: inout EventCalendar<Event>) {
        buildingStarted[b] = true
        sites += 1
        if sites > peakSites { peakSites = sites }
        if !replaying { desk?.worksBegan(households: Double(plan.buildings.households[b]), now, &calendar) }
    }

    mutating func buildingCompleted(_ b: Int, _ now: Double, _ calendar: inout EventCalendar<Event>) {
        // Only a building whose every order was skipped has not started; it is not counted as renovated.
        guard buildingStarted[b] else { return }
        let year = yearIndex(now)
        if year < completionsPerYear.count { completionsPerYear[year] += 1 }
        sites -= 1
        let households = Double(plan.buildings.households[b])
        if replaying {
            desk?.worksEndedInHistory(households: households, now)
        } else {
            desk?.worksEnded(households: households, now, &calendar)
        }
    }

    // MARK: - Budget

    func yearIndex(_ hours: Double) -> Int {
        if let year = CompiledPlan.yearIndex(atHours: hours, yearStarts: yearStarts) { return year }
        return plan.yearIndex(atHours: hours)
    }

    mutating func scheduleNewYear(_ now: Double, _ calendar: inout EventCalendar<Event>) {
        guard !newYearPending else { return }
        let next = CivilDate(year: plan.date(atHours: now).year + 1, month: 1, day: 1) ?? plan.start
        let at = plan.hours(at: next)
        // No year beyond the horizon: what still waits then is reported as stuck.
        guard at < plan.baseCalendar.horizon else { return }
        newYearPending = true
        calendar.schedule(.newYear, at: at)
    }

    mutating func newYear(_ now: Double, _ calendar: inout EventCalendar<Event>) {
        newYearPending = false
        let waiting = budgetWaiting
        budgetWaiting.removeAll(keepingCapacity: true)
        for o32 in waiting {
            let o = Int(o32)
            waits.budget += (now - since[o]) / hoursPerCalendarDay
            enqueue(o, now, &calendar)
        }
    }

    /// Money has come: every order that waited for it tries again this instant, in rank order.
    mutating func trancheArrived(_ i: Int, _ now: Double, _ calendar: inout EventCalendar<Event>) {
        guard var ledger = funding else { return }
        ledger.arrive(i)
        let waiting = ledger.waiting
        ledger.waiting.removeAll(keepingCapacity: true)
        for o in waiting { ledger.heldDays += (now - since[Int(o)]) / hoursPerCalendarDay }
        funding = ledger
        for o in waiting { enqueue(Int(o), now, &calendar) }
    }
}
