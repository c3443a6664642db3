import DiscreteEvent
import Stochastic

extension CompiledPlan {
    /// Compiles `scenario` for the plan named `plan` (the first plan when nil).
    public init(scenario: Scenario, plan planName: String? = nil) throws(ModelError) {
        guard let plan = planName.map({ name in scenario.plans.first { $0.name == name } })
            ?? scenario.plans.first else {
            let names = scenario.plans.map(\.name).joined(separator: ", ")
            throw ModelError("plans", "no plan named '\(planName ?? "")'; the scenario has: \(names)")
        }
        self.scenarioName = scenario.name
        self.planName = plan.name
        start = scenario.start
        deadline = plan.deadline ?? scenario.deadline
        guard deadline >= start else {
            throw ModelError("deadline", "deadline \(deadline) is before the start \(start)")
        }
        deadlineHours = Double(deadline.dayNumber - start.dayNumber + 1) * 24
        // The horizon follows the latest deadline of any plan, so that every
        // plan simulates the same days (and draws the same weather).
        let latest = scenario.plans.compactMap(\.deadline).reduce(scenario.deadline) { max($0, $1) }
        let deadlineYears = max(0, latest.dayNumber - start.dayNumber) / 365 + 1
        let years = min(100, max(1, scenario.horizonYears ?? deadlineYears + 10))
        horizonDays = start.adding(days: 0).yearsLater(years).dayNumber - start.dayNumber
        hoursPerDay = scenario.calendar.hoursPerDay
        dispatch = plan.dispatch

        // Trades, with the plan's crew overrides.
        let tradeNames = scenario.trades.keys
        self.tradeNames = tradeNames
        var crews = scenario.trades.entries.map(\.value.crews)
        for (name, count) in plan.crews.entries {
            guard let t = tradeNames.firstIndex(of: name) else {
                throw ModelError("plans.\(plan.name).crews.\(name)", "no trade named '\(name)'")
            }
            crews[t] = count
        }
        self.crews = crews
        let costPerHour = scenario.trades.entries.map(\.value.costPerHour)
        self.costPerHour = costPerHour

        // Communities and buildings.
        let (communities, buildings) = try CompiledPlan.structure(scenario)
        guard buildings.count > 0 else { throw ModelError("communities", "the programme has no buildings") }
        self.communities = communities
        self.buildings = buildings

        // Calendars.
        let base = CompiledPlan.baseCalendar(scenario.calendar, start: start, days: horizonDays)
        baseCalendar = base
        let tradeWindows = try CompiledPlan.shutdownDays(scenario.calendar.shutdowns, trades: tradeNames,
                                                  start: start, days: horizonDays)
        let rainStops = Set(scenario.weather?.stops ?? [])
        let startDate = start
        let months = scenario.weather?.rainProbability ?? []
        rainProbability = (0..<horizonDays).map { day in
            months.count == 12 ? months[startDate.adding(days: day).month - 1] : 0
        }

        // Work types: building ones first, then community ones.
        let specs = scenario.work.building.map { ($0, WorkLevel.building) }
            + scenario.work.community.map { ($0, WorkLevel.community) }
        guard !specs.isEmpty else { throw ModelError("work", "no work types are defined") }
        let names = specs.map(\.0.name)
        var calendarKeys: [[Int]] = []
        var calendars: [WorkingCalendar] = []
        var windows: [[ClosedWindow]] = []
        var sensitive: [Bool] = []
        var predecessors = [[Int]](repeating: [], count: specs.count)
        var successors = [[Int]](repeating: [], count: specs.count)
        for (i, (spec, _)) in specs.enumerated() {
            for name in spec.after {
                guard let p = names.firstIndex(of: name) else {
                    throw ModelError("work.\(spec.name).after", "no work type named '\(name)'")
                }
                predecessors[i].append(p)
                successors[p].append(i)
            }
        }
        if let cycle = CompiledPlan.findCycle(successors) {
            throw ModelError("work", "precedence cycle: " + (cycle + [cycle[0]]).map { names[$0] }.joined(separator: " → "))
        }
        var compiled: [WorkType] = []
        var local = [WorkLevel.building: 0, .community: 0]
        for (i, (spec, level)) in specs.enumerated() {
            var needs: [(trade: Int, crews: Int)] = []
            for (tradeName, count) in spec.trades.entries {
                guard let t = tradeNames.firstIndex(of: tradeName) else {
                    throw ModelError("work.\(spec.name).trades", "no trade named '\(tradeName)'")
                }
                guard count >= 1 else { throw ModelError("work.\(spec.name).trades.\(tradeName)", "needs at least 1 crew") }
                guard count <= crews[t] else {
                    throw ModelError("work.\(spec.name).trades.\(tradeName)",
                                     "needs \(count) crews of \(tradeName) at once, but plan '\(plan.name)' has \(crews[t])")
                }
                needs.append((t, count))
            }
            guard !needs.isEmpty else { throw ModelError("work.\(spec.name).trades", "needs at least one trade") }
            needs.sort { $0.trade < $1.trade }
            let key = needs.map(\.trade)
            let calendarIndex: Int
            if let existing = calendarKeys.firstIndex(of: key) {
                calendarIndex = existing
            } else {
                calendarIndex = calendars.count
                calendarKeys.append(key)
                var closed = [Range<Int>]()
                for t in key { closed += tradeWindows[t] }
                var calendar = base
                for range in closed { calendar.close(days: range) }
                calendars.append(calendar)
                windows.append(CompiledPlan.merge(closed).map { ClosedWindow(start: Double($0.lowerBound) * 24,
                                                                       end: Double($0.upperBound) * 24) })
                sensitive.append(key.contains { rainStops.contains(tradeNames[$0]) })
            }
            let failure = needs.map { scenario.supervisors?.failure(for: tradeNames[$0.trade]) ?? 0 }.max() ?? 0
            compiled.append(WorkType(
                name: spec.name, level: level, localIndex: local[level, default: 0], needs: needs, hours: spec.hours,
                per: spec.per, materialCost: spec.materialCost, shutdownRule: spec.shutdown, disruptive: spec.disruptive,
                failureProbability: failure, predecessors: predecessors[i], successors: successors[i],
                calendar: calendarIndex,
                crewCostPerHour: needs.reduce(0) { $0 + Double($1.crews) * costPerHour[$1.trade] },
                rainSensitive: sensitive[calendarIndex]))
            local[level, default: 0] += 1
        }
        self.types = compiled
        table = TypeTable(compiled)
        buildingTypeCount = scenario.work.building.count
        communityTypeCount = scenario.work.community.count
        self.calendars = calendars
        shutdownWindows = windows
        calendarRainSensitive = sensitive

        // Release.
        (releaseOrder, releaseTime) = try CompiledPlan.release(plan, communities: communities, start: start)

        // Inspections, defects, budget.
        supervisors = plan.supervisors ?? scenario.supervisors?.count ?? 0
        inspectionHours = scenario.supervisors?.inspectionHours ?? .constant(0)
        reworkShare = scenario.supervisors?.reworkShare ?? 0
        defects = scenario.defects
        defectTeam = plan.defectTeam ?? scenario.defects?.team ?? 0
        budgetPerYear = (0..<years + 1).map { offset in
            guard let budget = scenario.budget else { return .infinity }
            return budget.perYear[String(scenario.start.year + offset)] ?? budget.otherYears ?? 0
        }
        communityCorrelation = scenario.work.communityCorrelation
        priority = []
        priority = computePriorities()
    }

    /// Explicit communities, then generated ones.
    static func structure(_ scenario: Scenario) throws(ModelError) -> ([Community], Buildings) {
        var communities: [Community] = []
        var buildings = Buildings()
        func add(name: String, district: String, specs: [(name: String?, units: Int, households: Int, floors: Int)]) {
            let first = buildings.count
            var units = 0, households = 0, floors = 0
            for spec in specs {
                buildings.append(community: communities.count, units: spec.units, households: spec.households,
                                 floors: spec.floors, name: spec.name)
                units += spec.units
                households += spec.households
                floors += spec.floors
            }
            communities.append(Community(name: name, district: district, buildings: first..<buildings.count,
                                         units: units, households: households, floors: floors))
        }
        for (i, community) in (scenario.communities ?? []).enumerated() {
            var specs: [(name: String?, units: Int, households: Int, floors: Int)] = []
            if let list = community.buildings {
                specs = list.map { ($0.name, $0.units, $0.households ?? $0.units, $0.floors) }
            } else if let count = community.buildingCount, let template = community.building {
                guard count >= 0, count <= 1_000_000 else {
                    throw ModelError("communities[\(i)].building_count", "\(count) is out of range")
                }
                specs = (0..<count).map { _ in (nil, template.units, template.households ?? template.units, template.floors) }
            } else {
                throw ModelError("communities[\(i)]", "give either buildings, or building_count with building")
            }
            add(name: community.name, district: community.district ?? "", specs: specs)
        }
        for (g, generator) in (scenario.generate ?? []).enumerated() {
            let stream = RandomStream(key: StreamKey(seed: generator.seed, replication: 0, entity: UInt64(g),
                                                     purpose: StreamPurpose.structure))
            // Clamped to the validator's limits, so that an extreme draw from a
            // long tail can neither trap the conversion nor make a giant building.
            func whole(_ d: Distribution, atMost limit: Int) -> Int {
                let x = d.sample(stream)
                return x.isFinite ? Int(min(Double(limit), max(1, x.rounded()))) : 1
            }
            for i in 0..<generator.count {
                let n = whole(generator.buildings, atMost: ScenarioChecks.maximumBuildingsPerCommunity)
                // The validator bounds the mean; a long tail can still draw far more than it promised.
                guard buildings.count + n <= ScenarioChecks.maximumBuildings else {
                    let gib = ScenarioChecks.memoryEstimate(buildings: Double(buildings.count + n) * Double(generator.count) / Double(i + 1),
                                                            buildingWorkTypes: scenario.work.building.count)
                    throw ModelError("generate[\(g)].buildings",
                                     "the draws make more than \(ScenarioChecks.maximumBuildings) buildings by community "
                                        + "\(i + 1) of \(generator.count) (at that pace about \(gib) GiB of memory per "
                                        + "replication); expected a distribution whose draws stay near its mean")
                }
                let specs = (0..<n).map { _ -> (name: String?, units: Int, households: Int, floors: Int) in
                    let units = whole(generator.units, atMost: ScenarioChecks.maximumUnitsPerBuilding)
                    let households = min(units, max(0, Int((Double(units) * generator.occupancy).rounded())))
                    return (nil, units, households, whole(generator.floors, atMost: ScenarioChecks.maximumFloors))
                }
                let district = generator.districts.isEmpty ? "" : generator.districts[i % generator.districts.count]
                add(name: "\(generator.namePrefix)\(i + 1)", district: district, specs: specs)
            }
        }
        return (communities, buildings)
    }

    static func baseCalendar(_ spec: CalendarSpec, start: CivilDate, days: Int) -> WorkingCalendar {
        var calendar = WorkingCalendar(days: days, firstWeekday: start.weekday, workdays: Set(spec.workdays),
                                       shiftStart: spec.shiftStart, hoursPerDay: spec.hoursPerDay)
        for holiday in spec.holidays {
            calendar.close(days: (holiday.first.dayNumber - start.dayNumber)..<(holiday.last.dayNumber - start.dayNumber + 1))
        }
        return calendar
    }

    /// Closed day ranges per trade, for every year the horizon covers.
    static func shutdownDays(_ shutdowns: [ShutdownSpec], trades: [String], start: CivilDate,
                             days: Int) throws(ModelError) -> [[Range<Int>]] {
        var result = [[Range<Int>]](repeating: [], count: trades.count)
        let lastYear = start.adding(days: days).year
        for (i, shutdown) in shutdowns.enumerated() {
            let affected: [Int]
            if let names = shutdown.trades {
                affected = try names.map { name throws(ModelError) in
                    guard let t = trades.firstIndex(of: name) else {
                        throw ModelError("calendar.shutdowns[\(i)].trades", "no trade named '\(name)'")
                    }
                    return t
                }
            } else {
                affected = Array(trades.indices)
            }
            let wraps = (shutdown.to.month, shutdown.to.day) < (shutdown.from.month, shutdown.from.day)
            for year in (start.year - 1)...lastYear {
                guard let from = CivilDate.clamped(year: year, month: shutdown.from.month, day: shutdown.from.day),
                      let to = CivilDate.clamped(year: wraps ? year + 1 : year, month: shutdown.to.month, day: shutdown.to.day)
                else { continue }
                let lower = max(0, from.dayNumber - start.dayNumber)
                let upper = min(days, to.dayNumber - start.dayNumber + 1)
                guard lower < upper else { continue }
                for t in affected { result[t].append(lower..<upper) }
            }
        }
        return result
    }

    /// Sorted, non-overlapping union of day ranges.
    static func merge(_ ranges: [Range<Int>]) -> [Range<Int>] {
        var merged: [Range<Int>] = []
        for range in ranges.sorted(by: { $0.lowerBound < $1.lowerBound }) {
            if let last = merged.last, range.lowerBound <= last.upperBound {
                merged[merged.count - 1] = last.lowerBound..<max(last.upperBound, range.upperBound)
            } else {
                merged.append(range)
            }
        }
        return merged
    }

    /// A cycle in the precedence graph, as type indexes, or nil.
    static func findCycle(_ successors: [[Int]]) -> [Int]? {
        var state = [UInt8](repeating: 0, count: successors.count)   // 0 new, 1 on stack, 2 done
        var stack: [Int] = []
        func visit(_ node: Int) -> [Int]? {
            state[node] = 1
            stack.append(node)
            for next in successors[node] {
                if state[next] == 1, let at = stack.firstIndex(of: next) { return Array(stack[at...]) }
                if state[next] == 0, let cycle = visit(next) { return cycle }
            }
            stack.removeLast()
            state[node] = 2
            return nil
        }
        for node in successors.indices where state[node] == 0 {
            if let cycle = visit(node) { return cycle }
        }
        return nil
    }

    /// Release order and release times for a plan.
    static func release(_ plan: PlanSpec, communities: [Community],
                        start: CivilDate) throws(ModelError) -> ([Int], [Double]) {
        let n = communities.count
        switch plan.release {
        case .all:
            return (Array(0..<n), [Double](repeating: 0, count: n))
        case .evenly(let years):
            guard years >= 1 else { throw ModelError("plans.\(plan.name).release.years", "must be at least 1") }
            let times = (0..<n).map { i -> Double in
                let tranche = i * years / n
                return Double(start.yearsLater(tranche).dayNumber - start.dayNumber) * 24
            }
            return (Array(0..<n), times)
        case .phases(let phases):
            var times = [Double?](repeating: nil, count: n)
            for (p, phase) in phases.enumerated() {
                for name in phase.communities {
                    guard let c = communities.firstIndex(where: { $0.name == name }) else {
                        throw ModelError("plans.\(plan.name).release.phases[\(p)]", "no community named '\(name)'")
                    }
                    guard times[c] == nil else {
                        throw ModelError("plans.\(plan.name).release.phases[\(p)]", "'\(name)' is released twice")
                    }
                    times[c] = Double(max(0, phase.start.dayNumber - start.dayNumber)) * 24
                }
            }
            var result: [Double] = []
            for (c, time) in times.enumerated() {
                guard let time else {
                    throw ModelError("plans.\(plan.name).release", "community '\(communities[c].name)' is in no phase")
                }
                result.append(time)
            }
            let order = (0..<n).sorted { (result[$0], $0) < (result[$1], $1) }
            return (order, result)
        }
    }

    /// Dispatch priorities (lower first) for the plan's rule.
    func computePriorities() -> [Double] {
        switch dispatch {
        case .fifo:
            return []
        case .community:
            var rank = [Int](repeating: 0, count: communities.count)
            for (position, c) in releaseOrder.enumerated() { rank[c] = position }
            return (0..<orderCount).map { o in
                let c = community(of: o)
                let within = building(of: o).map { $0 - communities[c].buildings.lowerBound } ?? communities[c].buildings.count
                return Double(rank[c]) * 4_194_304 + Double(within)
            }
        case .shortest:
            return (0..<orderCount).map { types[typeIndex(of: $0)].hours.mean * scale(of: $0) }
        case .latestFinish:
            return tails().map { -$0 }
        }
    }

    /// Expected working hours of the longest chain starting with each order.
    func tails() -> [Double] {
        var tail = [Double](repeating: 0, count: orderCount)
        for typeIndex in topologicalTypeOrder().reversed() {
            let type = types[typeIndex]
            func longestAfter(building b: Int?, community c: Int) -> Double {
                var best = 0.0
                for s in type.successors {
                    let successor = types[s]
                    if successor.level == .community {
                        best = max(best, tail[order(community: c, type: successor.localIndex)])
                    } else if let b {
                        best = max(best, tail[order(building: b, type: successor.localIndex)])
                    } else {
                        for b in communities[c].buildings {
                            best = max(best, tail[order(building: b, type: successor.localIndex)])
                        }
                    }
                }
                return best
            }
            if type.level == .building {
                for b in 0..<buildings.count {
                    let o = order(building: b, type: type.localIndex)
                    tail[o] = type.hours.mean * scale(of: o)
                        + longestAfter(building: b, community: Int(buildings.community[b]))
                }
            } else {
                for c in communities.indices {
                    let o = order(community: c, type: type.localIndex)
                    tail[o] = type.hours.mean * scale(of: o) + longestAfter(building: nil, community: c)
                }
            }
        }
        return tail
    }

    /// Type indexes with every type after its predecessors.
    func topologicalTypeOrder() -> [Int] {
        var remaining = types.map(\.predecessors.count)
        var ready = types.indices.filter { remaining[$0] == 0 }
        var order: [Int] = []
        while let next = ready.popLast() {
            order.append(next)
            for s in types[next].successors {
                remaining[s] -= 1
                if remaining[s] == 0 { ready.append(s) }
            }
        }
        return order
    }
}
