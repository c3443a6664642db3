import DequeModule
import DiscreteEvent
import Stochastic

/// One replication of one plan: the renovation programme as a plan on the
/// discrete-event engine.
///
/// State lives in arrays indexed by work-order, building and community
/// numbers; events carry 32-bit indexes, so an event is a few bytes and the
/// hot path neither allocates nor dispatches dynamically.
public struct Replication: SimulationModel {
    public enum Event: Sendable, Equatable {
        /// The communities released at one time: those from this position in
        /// ``CompiledPlan/releaseOrder`` on, while their release time is the same.
        case release(Int32)
        case workDone(Int32)
        case inspectionDone(Int32)
        case requeue(Int32)
        case newYear
        case defectArrival
        case defectRegistered(Int32)
        case defectOnSite(Int32)
        case defectFixed(Int32)
        /// The after-works period of the building at the head of ``afterWorks`` ends.
        case afterWorksEnd
    }

    public let plan: CompiledPlan
    public let replication: Int
    let seed: UInt64

    // Calendars of this replication (rain drawn per replication).
    var calendars: [WorkingCalendar]

    // Resources.
    var crews: [ResourcePool<PriorityLine<Int32>>]
    var tradesToServe: [Int] = []
    var serving = false
    var supervisors: ResourcePool<FIFOLine<Int32>>
    var responders: ResourcePool<FIFOLine<Int32>>

    // Work orders.
    var state: [OrderState]
    var remaining: [Int32]
    var hours: [Double]
    var acquired: [UInt8]
    var rework: [Bool]
    var heldOnce: [Bool]
    var attempts: [UInt8]
    /// When the order entered its current wait (crew, hold, budget or supervisor).
    var since: [Double]
    var acceptedAt: [Float]
    var accepted = 0
    var lastAcceptance = 0.0
    /// Crew wait of each order in each of its needs, hours: order `o`'s need
    /// `i` is slot `o · slotsPerOrder + i`. A blocked request subtracts its
    /// time and the grant adds its own, so no request time is stored.
    var slotWait: [Double]
    let slotsPerOrder: Int
    /// Last acceptance of each work type, hours (−∞ before the first).
    var typeLastAcceptance: [Double]

    // Buildings and communities.
    var released: [Bool]
    var buildingOpen: [Int32]
    var buildingFirstStart: [Double]
    var disruptionStart: [Double]
    var disruptionEnd: [Double]
    var communityOpen: [Int32]
    var communityFinish: [Double]
    var sites = 0
    var peakSites = 0

    // Budget.
    var spent: [Double]
    var budgetWaiting: [Int32] = []
    var newYearPending = false

    // Defects.
    /// Defects in flight, in reusable slots: nothing grows with the number
    /// of reports, so a long programme does not keep reallocating.
    var defectSlots: [DefectReport] = []
    var freeDefectSlots: [Int32] = []
    /// Reports and how many met each "54321" level, counted as they happen.
    var defectCounts = DefectOutcome()
    var householdsDuring = 0.0
    var householdsAfter = 0.0
    /// Buildings in their after-works period, by when it ends. The period is
    /// the same for every building, so ends come in completion order: one
    /// pending event for the head instead of one per building. A national
    /// programme has some 140,000 buildings in that period at once, and their
    /// events made the event heap big enough to miss the cache at every level
    /// (perf; the run took twice as long).
    var afterWorks: Deque<(end: Double, building: Int32)> = []
    var nextArrival: EventID?
    let arrivalStream: RandomStream
    let serviceStream: RandomStream
    var responderWait = Tally()

    // Streams re-keyed per order.
    let inspectionStream: RandomStream

    // Hot tables and defect parameters, copied out of the plan once so
    // that events read plain values.
    let table: TypeTable
    let defectsOn: Bool
    let duringRate: Double
    let afterRate: Double
    let afterDays: Double
    let complexShare: Double
    let registerMinutes: Distribution
    let travelMinutes: Distribution
    let smallFixHours: Distribution
    let assessmentHours: Distribution
    let planHours: Distribution
    let followUpDays: Distribution
    /// The five service levels in hours from the report: register, on site, small fix, complex plan, follow-up.
    let serviceLevelHours: [Double]

    // Metrics.
    var waits = WaitsByCause()
    var inspections = 0
    var failures = 0
    var reworkHours = 0.0
    var workedCrewHours: [Double]
    /// Trades × months, flat (see ``ReplicationResult/workedCrewHoursByMonth``).
    var workedCrewHoursByMonth: [Double]
    let monthStart: [Double]
    var completionsPerYear: [Int]

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
        self.calendars = calendars

        crews = plan.crews.map { ResourcePool(capacity: $0, line: PriorityLine<Int32>()) }
        supervisors = ResourcePool(capacity: plan.supervisors, line: FIFOLine<Int32>())
        responders = ResourcePool(capacity: plan.defectTeam, line: FIFOLine<Int32>())

        let n = plan.orderCount
        state = [OrderState](repeating: .waiting, count: n)
        acquired = [UInt8](repeating: 0, count: n)
        rework = [Bool](repeating: false, count: n)
        heldOnce = [Bool](repeating: false, count: n)
        attempts = [UInt8](repeating: 0, count: n)
        since = [Double](repeating: 0, count: n)
        acceptedAt = [Float](repeating: .nan, count: n)
        let slots = plan.types.reduce(1) { max($0, $1.needs.count) }
        slotsPerOrder = slots
        slotWait = [Double](repeating: 0, count: n * slots)
        typeLastAcceptance = [Double](repeating: -.infinity, count: plan.types.count)
        hours = Replication.drawContent(plan, key: key)
        remaining = Replication.predecessorCounts(plan)

        released = [Bool](repeating: false, count: plan.communities.count)
        buildingOpen = [Int32](repeating: Int32(plan.buildingTypeCount), count: plan.buildings.count)
        buildingFirstStart = [Double](repeating: .infinity, count: plan.buildings.count)
        disruptionStart = [Double](repeating: .infinity, count: plan.buildings.count)
        disruptionEnd = [Double](repeating: -.infinity, count: plan.buildings.count)
        communityOpen = plan.communities.map {
            Int32($0.buildings.count * plan.buildingTypeCount + plan.communityTypeCount)
        }
        communityFinish = [Double](repeating: .nan, count: plan.communities.count)
        spent = [Double](repeating: 0, count: plan.budgetPerYear.count)
        completionsPerYear = [Int](repeating: 0, count: plan.budgetPerYear.count)
        workedCrewHours = [Double](repeating: 0, count: plan.tradeNames.count)
        monthStart = plan.monthStartHours
        workedCrewHoursByMonth = [Double](repeating: 0, count: plan.tradeNames.count * max(0, monthStart.count - 1))

        arrivalStream = RandomStream(key: key.purpose(StreamPurpose.defectArrivals))
        serviceStream = RandomStream(key: key.purpose(StreamPurpose.defectService))
        inspectionStream = RandomStream(key: key.purpose(StreamPurpose.inspection))
        trace = tracing ? [] : nil
        table = plan.table
        let spec = plan.defects
        defectsOn = spec != nil && plan.defectTeam > 0
        duringRate = spec?.duringWorksRate ?? 0
        afterRate = spec?.afterWorksRate ?? 0
        afterDays = spec?.afterWorksDays ?? 0
        complexShare = spec?.complexShare ?? 0
        registerMinutes = spec?.registerMinutes ?? .constant(0)
        travelMinutes = spec?.travelMinutes ?? .constant(0)
        smallFixHours = spec?.smallFixHours ?? .constant(0)
        assessmentHours = spec?.assessmentHours ?? .constant(0)
        planHours = spec?.planHours ?? .constant(0)
        followUpDays = spec?.followUpDays ?? .constant(0)
        let levels = spec?.serviceLevels ?? ServiceLevelSpec()
        serviceLevelHours = [levels.registerMinutes / 60, levels.onSiteMinutes / 60, levels.smallFixHours,
                             levels.complexPlanDays * 24, levels.followUpDays * 24]
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

    /// How many accepted predecessors each order waits for.
    static func predecessorCounts(_ plan: CompiledPlan) -> [Int32] {
        var counts = [Int32](repeating: 0, count: plan.orderCount)
        for o in 0..<plan.orderCount {
            let type = plan.types[plan.typeIndex(of: o)]
            var count = 0
            for p in type.predecessors {
                let predecessor = plan.types[p]
                if type.level == .community && predecessor.level == .building {
                    count += plan.communities[plan.community(of: o)].buildings.count
                } else {
                    count += 1
                }
            }
            counts[o] = Int32(count)
        }
        return counts
    }

    /// A simulation of this replication with every release scheduled.
    ///
    /// One event per release time, not per community: a national programme
    /// released in yearly tranches would otherwise keep 220,000 release events
    /// waiting in the event heap for years, and every other event would pay
    /// for the heap's depth in cache misses. Events scheduled together at one
    /// time ran back to back anyway, so the order of everything is unchanged.
    public static func simulation(plan: CompiledPlan, seed: UInt64, replication: Int,
                                  trace: Bool = false) -> Simulation<Replication> {
        var sim = Simulation(model: Replication(plan: plan, seed: seed, replication: replication, trace: trace))
        let order = plan.releaseOrder
        for p in order.indices where p == 0 || plan.releaseTime[order[p]] != plan.releaseTime[order[p - 1]] {
            sim.calendar.schedule(.release(Int32(p)), at: plan.releaseTime[order[p]])
        }
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
            waits.shutdown += (now - since[Int(o)]) / 24
            enqueue(Int(o), now, &calendar)
        case .newYear: newYear(now, &calendar)
        case .defectArrival: defectArrival(now, &calendar)
        case .defectRegistered(let d): defectRegistered(Int(d), now, &calendar)
        case .defectOnSite(let d): defectOnSite(Int(d), now, &calendar)
        case .defectFixed(let d): defectFixed(Int(d), now, &calendar)
        case .afterWorksEnd:
            guard let (_, b) = afterWorks.popFirst() else { return }
            householdsAfter -= Double(plan.buildings.households[Int(b)])
            if let next = afterWorks.first { calendar.schedule(.afterWorksEnd, at: next.end) }
            defectRateChanged(now, &calendar)
        }
    }

    mutating func release(_ c: Int, _ now: Double, _ calendar: inout EventCalendar<Event>) {
        released[c] = true
        record(.released, now, community: c)
        let community = plan.communities[c]
        for b in community.buildings {
            for k in 0..<plan.buildingTypeCount {
                let o = plan.order(building: b, type: k)
                if remaining[o] == 0 { becomeReady(o, now, &calendar) }
                else { since[o] = now }
            }
        }
        for k in 0..<plan.communityTypeCount {
            let o = plan.order(community: c, type: k)
            if remaining[o] == 0 { becomeReady(o, now, &calendar) }
            else { since[o] = now }
        }
    }

    mutating func becomeReady(_ o: Int, _ now: Double, _ calendar: inout EventCalendar<Event>) {
        if table.hasPredecessors[plan.typeIndex(of: o)] {
            waits.predecessor += (now - since[o]) / 24
        }
        enqueue(o, now, &calendar)
    }

    /// Joins the crew queues from the first trade on.
    mutating func enqueue(_ o: Int, _ now: Double, _ calendar: inout EventCalendar<Event>) {
        state[o] = .queued
        acquired[o] = 0
        since[o] = now
        requestNextCrew(o, now, &calendar)
    }

    func priority(of o: Int, _ now: Double) -> Double {
        let base = plan.priority.isEmpty ? now : plan.priority[o]
        // Rework goes ahead of new work.
        return rework[o] ? base - 1e15 : base
    }

    mutating func requestNextCrew(_ o: Int, _ now: Double, _ calendar: inout EventCalendar<Event>) {
        let k = plan.typeIndex(of: o)
        let first = table.needStart[k], end = table.needStart[k + 1]
        while first + Int(acquired[o]) < end {
            let i = first + Int(acquired[o])
            let trade = table.needTrade[i]
            if crews[trade].request(Int32(o), units: table.needCrews[i], priority: priority(of: o, now), at: now) {
                acquired[o] += 1
            } else {
                slotWait[o * slotsPerOrder + Int(acquired[o])] -= now
                // It may have gone to the head of a line that has free crews.
                serve(trade: trade, now, &calendar)
                return
            }
        }
        allCrewsAcquired(o, now, &calendar)
    }

    /// Grants waiting requests of a trade while its crews suffice.
    ///
    /// A grant can release crews again (a job held for a shutdown or
    /// blocked by the budget), which would serve their lines in turn: done
    /// recursively, a winter's worth of held jobs overflows the stack. So
    /// a call made while serving only notes the trade, and the outermost
    /// call works through the notes.
    mutating func serve(trade t: Int, _ now: Double, _ calendar: inout EventCalendar<Event>) {
        tradesToServe.append(t)
        guard !serving else { return }
        serving = true
        var next = 0
        while next < tradesToServe.count {
            let trade = tradesToServe[next]
            next += 1
            while let (request, _) = crews[trade].nextGrant(at: now) {
                let o = Int(request)
                slotWait[o * slotsPerOrder + Int(acquired[o])] += now
                acquired[o] += 1
                requestNextCrew(o, now, &calendar)
            }
        }
        tradesToServe.removeAll(keepingCapacity: true)
        serving = false
    }

    mutating func releaseCrews(_ o: Int, count: Int, _ now: Double, _ calendar: inout EventCalendar<Event>) {
        let first = table.needStart[plan.typeIndex(of: o)]
        for i in first..<first + count { crews[table.needTrade[i]].release(units: table.needCrews[i], at: now) }
        acquired[o] = 0
        for i in first..<first + count { serve(trade: table.needTrade[i], now, &calendar) }
    }

    mutating func allCrewsAcquired(_ o: Int, _ now: Double, _ calendar: inout EventCalendar<Event>) {
        let k = plan.typeIndex(of: o)
        let cal = table.calendar[k]
        let needs = table.needCount(k)
        let work = rework[o] ? hours[o] * plan.reworkShare : hours[o]
        guard let begin = calendars[cal].nextWorkingTime(from: now),
              let end = calendars[cal].finishTime(start: begin, workHours: work) else {
            strand(o, now, &calendar)
            return
        }
        if !rework[o] {
            if table.hold[k], !heldOnce[o],
               let window = firstWindow(plan.shutdownWindows[cal], overlapping: begin, end) {
                waits.crew += (now - since[o]) / 24
                heldOnce[o] = true
                state[o] = .held
                since[o] = now
                releaseCrews(o, count: needs, now, &calendar)
                calendar.schedule(.requeue(Int32(o)), at: window.end)
                record(.held, now, order: o)
                return
            }
            let year = yearIndex(begin)
            let cost = work * table.crewCostPerHour[k] + table.materialCost[k] * plan.scale(of: o)
            if year >= spent.count || spent[year] + cost > plan.budgetPerYear[year] * (1 + 1e-12) {
                waits.crew += (now - since[o]) / 24
                state[o] = .budgetWait
                since[o] = now
                budgetWaiting.append(Int32(o))
                releaseCrews(o, count: needs, now, &calendar)
                scheduleNewYear(now, &calendar)
                record(.budgetBlocked, now, order: o)
                return
            }
            spent[year] += cost
        }
        waits.crew += (now - since[o]) / 24
        let base = plan.baseCalendar.workHours(from: begin, to: end)
        let dry = plan.calendars[cal].workHours(from: begin, to: end)
        waits.shutdown += max(0, base - dry) / plan.hoursPerDay
        waits.weather += max(0, dry - work) / plan.hoursPerDay
        for i in table.needStart[k]..<table.needStart[k + 1] {
            workedCrewHours[table.needTrade[i]] += work * Double(table.needCrews[i])
        }
        addMonthlyWork(type: k, calendar: cal, hours: work, from: begin, to: end)
        state[o] = .running
        if let b = plan.building(of: o) {
            if buildingFirstStart[b] == .infinity {
                buildingFirstStart[b] = now
                sites += 1
                if sites > peakSites { peakSites = sites }
                householdsDuring += Double(plan.buildings.households[b])
                defectRateChanged(now, &calendar)
            }
            if table.disruptive[k] { disruptionStart[b] = min(disruptionStart[b], begin) }
        }
        calendar.schedule(.workDone(Int32(o)), at: end)
        record(.started, begin, order: o, value: work)
    }

    /// Splits a job's crew-hours over the calendar months of [begin, end) in
    /// proportion to its calendar's working hours in each month.
    mutating func addMonthlyWork(type k: Int, calendar cal: Int, hours work: Double, from begin: Double, to end: Double) {
        let months = monthStart.count - 1
        guard months > 0, work > 0 else { return }
        // The month holding `begin`: the last boundary at or before it.
        var low = 0, high = months
        while low + 1 < high {
            let mid = (low + high) / 2
            if monthStart[mid] <= begin { low = mid } else { high = mid }
        }
        let total = calendars[cal].workHours(from: begin, to: end)
        var m = low
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

    mutating func strand(_ o: Int, _ now: Double, _ calendar: inout EventCalendar<Event>) {
        state[o] = .stranded
        releaseCrews(o, count: Int(acquired[o]), now, &calendar)
        record(.stranded, now, order: o)
    }

    mutating func workDone(_ o: Int, _ now: Double, _ calendar: inout EventCalendar<Event>) {
        record(.workDone, now, order: o)
        releaseCrews(o, count: table.needCount(plan.typeIndex(of: o)), now, &calendar)
        guard plan.supervisors > 0 else {
            accept(o, now, &calendar)
            return
        }
        state[o] = .inspection
        since[o] = now
        if supervisors.request(Int32(o), at: now) { startInspection(o, now, &calendar) }
    }

    mutating func startInspection(_ o: Int, _ now: Double, _ calendar: inout EventCalendar<Event>) {
        waits.supervisor += (now - since[o]) / 24
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
            reworkHours += hours[o] * plan.reworkShare
            record(.failed, now, order: o)
            enqueue(o, now, &calendar)
        } else {
            accept(o, now, &calendar)
        }
    }

    mutating func accept(_ o: Int, _ now: Double, _ calendar: inout EventCalendar<Event>) {
        state[o] = .accepted
        acceptedAt[o] = Float(now / 24)
        accepted += 1
        lastAcceptance = max(lastAcceptance, now)
        record(.accepted, now, order: o)
        let k = plan.typeIndex(of: o)
        typeLastAcceptance[k] = max(typeLastAcceptance[k], now)
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
            if table.disruptive[k] { disruptionEnd[b] = max(disruptionEnd[b], now) }
            buildingOpen[b] -= 1
            if buildingOpen[b] == 0 { buildingCompleted(b, now, &calendar) }
        }
        communityOpen[c] -= 1
        if communityOpen[c] == 0 { communityFinish[c] = now }
    }

    mutating func satisfy(_ o: Int, _ now: Double, _ calendar: inout EventCalendar<Event>) {
        remaining[o] -= 1
        if remaining[o] == 0, released[plan.community(of: o)] { becomeReady(o, now, &calendar) }
    }

    mutating func buildingCompleted(_ b: Int, _ now: Double, _ calendar: inout EventCalendar<Event>) {
        let year = yearIndex(now)
        if year < completionsPerYear.count { completionsPerYear[year] += 1 }
        if buildingFirstStart[b] != .infinity {
            sites -= 1
            let households = Double(plan.buildings.households[b])
            householdsDuring -= households
            if defectsOn, afterRate > 0, afterDays > 0 {
                householdsAfter += households
                afterWorks.append((now + afterDays * 24, Int32(b)))
                if afterWorks.count == 1 { calendar.schedule(.afterWorksEnd, at: now + afterDays * 24) }
            }
            defectRateChanged(now, &calendar)
        }
    }

    // MARK: - Budget

    func yearIndex(_ hours: Double) -> Int {
        plan.date(atHours: hours).year - plan.start.year
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
            waits.budget += (now - since[o]) / 24
            enqueue(o, now, &calendar)
        }
    }

    // MARK: - Defects

    /// Reports arrive as a Poisson process whose rate follows the households
    /// under works; on every change the next arrival is drawn afresh, which
    /// is exact because exponential gaps are memoryless.
    mutating func defectRateChanged(_ now: Double, _ calendar: inout EventCalendar<Event>) {
        guard defectsOn else { return }
        if let pending = nextArrival { calendar.cancel(pending) }
        nextArrival = nil
        let perHour = (householdsDuring * duringRate + householdsAfter * afterRate) / 8760
        guard perHour > 0 else { return }
        let gap = Distribution.exponential(mean: 1 / perHour).sample(arrivalStream)
        // None beyond the horizon: buildings stuck under works (a budget run dry)
        // would otherwise report defects for ever and the run would never end.
        guard now + gap < plan.baseCalendar.horizon else { return }
        nextArrival = calendar.schedule(.defectArrival, at: now + gap)
    }

    mutating func defectArrival(_ now: Double, _ calendar: inout EventCalendar<Event>) {
        nextArrival = nil
        let complex = serviceStream.uniform() < complexShare
        let report = DefectReport(reportedAt: now, complex: complex)
        let id: Int
        if let free = freeDefectSlots.popLast() {
            id = Int(free)
            defectSlots[id] = report
        } else {
            id = defectSlots.count
            defectSlots.append(report)
        }
        defectCounts.reported += 1
        if complex { defectCounts.complex += 1 }
        defectCounts.applicable[0] += 1
        defectCounts.applicable[1] += 1
        defectCounts.applicable[complex ? 3 : 2] += 1
        defectCounts.applicable[4] += 1
        calendar.schedule(.defectRegistered(Int32(id)), after: max(0, registerMinutes.sample(serviceStream)) / 60)
        defectRateChanged(now, &calendar)
    }

    mutating func defectRegistered(_ d: Int, _ now: Double, _ calendar: inout EventCalendar<Event>) {
        defectSlots[d].registeredAt = now
        meetsServiceLevel(0, d, now)
        if responders.request(Int32(d), at: now) { dispatchResponder(d, now, &calendar) }
    }

    mutating func dispatchResponder(_ d: Int, _ now: Double, _ calendar: inout EventCalendar<Event>) {
        responderWait.record(now - defectSlots[d].registeredAt)
        calendar.schedule(.defectOnSite(Int32(d)), after: max(0, travelMinutes.sample(serviceStream)) / 60)
    }

    mutating func defectOnSite(_ d: Int, _ now: Double, _ calendar: inout EventCalendar<Event>) {
        meetsServiceLevel(1, d, now)
        let work = defectSlots[d].complex ? assessmentHours.sample(serviceStream) : smallFixHours.sample(serviceStream)
        calendar.schedule(.defectFixed(Int32(d)), after: max(0, work))
    }

    /// The responder is done: a small defect is fixed; a complex one is
    /// assessed, and its plan is written in the office without a responder.
    /// Neither the plan nor the follow-up visit waits for a resource, so
    /// their times are computed here rather than scheduled as events.
    mutating func defectFixed(_ d: Int, _ now: Double, _ calendar: inout EventCalendar<Event>) {
        freeResponder(now, &calendar)
        let complex = defectSlots[d].complex
        let resolved = complex ? now + max(0, planHours.sample(serviceStream)) : now
        meetsServiceLevel(complex ? 3 : 2, d, resolved)
        meetsServiceLevel(4, d, resolved + max(0, followUpDays.sample(serviceStream)) * 24)
        freeDefectSlots.append(Int32(d))
    }

    mutating func freeResponder(_ now: Double, _ calendar: inout EventCalendar<Event>) {
        responders.release(at: now)
        while let (next, _) = responders.nextGrant(at: now) { dispatchResponder(Int(next), now, &calendar) }
    }

    /// Counts a service level as met when `time` is within it of the report.
    mutating func meetsServiceLevel(_ tier: Int, _ d: Int, _ time: Double) {
        if time - defectSlots[d].reportedAt <= serviceLevelHours[tier] + 1e-9 { defectCounts.met[tier] += 1 }
    }
}
