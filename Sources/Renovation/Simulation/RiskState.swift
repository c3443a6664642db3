import DiscreteEvent
import Stochastic

/// One occurrence's effect on one work order, while the order becomes
/// ready inside [from, to) hours.
struct RiskHit {
    let risk: Int32
    let from: Double
    let to: Double
    let delayHours: Double
    let extraHours: Double
    let cost: Double
}

/// The risk register in one replication: every occurrence drawn when the
/// replication is set up (stops close its calendars then), the hits on work
/// orders applied as each order becomes ready, and what each risk cost.
///
/// Without a register every array is empty and nothing is drawn, so a
/// scenario without `risks:` runs exactly as before. A risk with
/// probability 0 draws nothing either.
struct RiskState {
    var occurrences: [Int] = []
    /// Calendar days of delay, plus extra working hours ÷ hours per day (closures are added by ``outcome(until:)``).
    var daysLost: [Double] = []
    /// Days each stop closed, by risk, to count those before the finish.
    var stops: [(risk: Int, days: Range<Int>)] = []
    var cost: [Double] = []
    /// Hits of order `o` are `hits[hitStart[o]..<hitStart[o + 1]]`; both empty when nothing hits an order.
    let hitStart: [Int32]
    let hits: [RiskHit]
    /// Working hours and money added to each order's first run by the hits it took.
    var extraHours: [Double]
    var extraCost: [Double]

    /// Draws every risk of `plan` for the replication of `key`, closing
    /// `calendars` for stops.
    init(plan: CompiledPlan, key: StreamKey, calendars: inout [WorkingCalendar]) {
        let register = plan.risks.risks
        guard !register.isEmpty else {
            hitStart = []
            hits = []
            extraHours = []
            extraCost = []
            return
        }
        occurrences = [Int](repeating: 0, count: register.count)
        daysLost = [Double](repeating: 0, count: register.count)
        cost = [Double](repeating: 0, count: register.count)
        var found: [(order: Int, hit: RiskHit)] = []
        let stream = RandomStream(key: key)
        for (r, risk) in register.enumerated() where risk.probability > 0 {
            for unit in Self.units(risk, plan) {
                stream.rekey(key.entity(UInt64(unit)).purpose(risk.occurrencePurpose))
                guard stream.uniform() < risk.probability else { continue }
                occurrences[r] += 1
                stream.rekey(key.entity(UInt64(unit)).purpose(risk.impactPurpose))
                let window = plan.riskWindow(r, unit: risk.scope == .order ? 0 : unit)
                if let stop = risk.stopDays {
                    let days = Int(min(Double(plan.horizonDays), max(0, stop.sample(stream)).rounded(.up)))
                    let first = Int(window.start / hoursPerCalendarDay)
                    let last = Int((window.end / hoursPerCalendarDay).rounded(.up))
                    let u = stream.uniform()
                    if last > first, days > 0 {
                        let day = first + min(last - first - 1, Int(u * Double(last - first)))
                        let closed = day..<min(plan.horizonDays, day + days)
                        for c in risk.closes { calendars[c].close(days: closed) }
                        stops.append((risk: r, days: closed))
                    }
                }
                guard risk.hitsOrders else { continue }
                let hit = RiskHit(
                    risk: Int32(r), from: window.start, to: window.end,
                    delayHours: risk.startDelayDays.map { max(0, $0.sample(stream)) * hoursPerCalendarDay } ?? 0,
                    extraHours: risk.extraHours.map { max(0, $0.sample(stream)) } ?? 0,
                    cost: risk.cost.map { max(0, $0.sample(stream)) } ?? 0)
                Self.forEachOrder(of: risk, unit: unit, plan) { found.append((order: $0, hit: hit)) }
            }
        }
        // Grouped by order (a counting sort, stable), so that an order reads its hits in one slice.
        var start = [Int32](repeating: 0, count: found.isEmpty ? 0 : plan.orderCount + 1)
        for (o, _) in found { start[o + 1] += 1 }
        for o in start.indices.dropFirst() { start[o] += start[o - 1] }
        var next = start
        var grouped = [RiskHit?](repeating: nil, count: found.count)
        for (o, hit) in found {
            grouped[Int(next[o])] = hit
            next[o] += 1
        }
        hitStart = start
        hits = grouped.compactMap { $0 }
        extraHours = [Double](repeating: 0, count: found.isEmpty ? 0 : plan.orderCount)
        extraCost = extraHours
    }

    /// The entity numbers risk `risk` draws for: orders by their number, else 0..<units.
    static func units(_ risk: RiskModel.Risk, _ plan: CompiledPlan) -> [Int] {
        switch risk.scope {
        case .programme: [0]
        case .year: Array(plan.budgetPerYear.indices)
        case .community: Array(plan.communities.indices)
        case .building: Array(0..<plan.buildings.count)
        case .order: (0..<plan.orderCount).filter { risk.linked[plan.typeIndex(of: $0)] }
        }
    }

    /// Calls `body` with each linked work order of one unit.
    static func forEachOrder(of risk: RiskModel.Risk, unit: Int, _ plan: CompiledPlan, _ body: (Int) -> Void) {
        func building(_ b: Int) {
            for k in 0..<plan.buildingTypeCount where risk.linked[k] { body(plan.order(building: b, type: k)) }
        }
        func community(_ c: Int) {
            for k in 0..<plan.communityTypeCount where risk.linked[plan.buildingTypeCount + k] {
                body(plan.order(community: c, type: k))
            }
        }
        switch risk.scope {
        case .programme, .year:
            for o in 0..<plan.orderCount where risk.linked[plan.typeIndex(of: o)] { body(o) }
        case .community:
            for b in plan.communities[unit].buildings { building(b) }
            community(unit)
        case .building: building(unit)
        case .order: body(unit)
        }
    }

    /// Order `o` becomes ready at `now`: takes the hits whose window holds
    /// `now`, and returns the delay in hours before it may take crews.
    mutating func ready(_ o: Int, at now: Double, hoursPerDay: Double) -> Double {
        guard !hitStart.isEmpty else { return 0 }
        var delay = 0.0
        for i in Int(hitStart[o])..<Int(hitStart[o + 1]) {
            let hit = hits[i]
            guard now >= hit.from, now < hit.to else { continue }
            delay += hit.delayHours
            extraHours[o] += hit.extraHours
            extraCost[o] += hit.cost
            let r = Int(hit.risk)
            daysLost[r] += hit.delayHours / hoursPerCalendarDay + (hoursPerDay > 0 ? hit.extraHours / hoursPerDay : 0)
            cost[r] += hit.cost
        }
        return delay
    }

    /// Order `o`'s first-run working hours, `base` plus what risks added.
    @inline(__always) func work(_ o: Int, base: Double) -> Double {
        extraHours.isEmpty ? base : base + extraHours[o]
    }

    /// What the replication reports, closed days counted up to `finish`
    /// hours (a stop after the last acceptance costs nothing); nil without a register.
    func outcome(until finish: Double) -> RiskOutcome? {
        guard !occurrences.isEmpty else { return nil }
        var lost = daysLost
        let lastDay = Int((finish / hoursPerCalendarDay).rounded(.up))
        for stop in stops { lost[stop.risk] += Double(max(0, min(stop.days.upperBound, lastDay) - stop.days.lowerBound)) }
        return RiskOutcome(occurrences: occurrences, daysLost: lost, cost: cost)
    }
}
