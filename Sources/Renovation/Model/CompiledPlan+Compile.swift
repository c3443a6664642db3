import DiscreteEvent
import Stochastic

extension CompiledPlan {
    /// Compiles the plan named `plan` (the first plan when nil) of a
    /// validated scenario. Every rule has been checked by then, so this
    /// only resolves names to indexes; the one error left is a plan name
    /// the scenario does not have.
    public init(scenario valid: ValidScenario, plan planName: String? = nil) throws(ScenarioError) {
        let scenario = valid.scenario
        let plan = try valid.plan(named: planName)
        self.scenarioName = scenario.name
        self.planName = plan.name
        start = scenario.start
        deadline = plan.deadline ?? scenario.deadline
        deadlineHours = Double(deadline.dayNumber - start.dayNumber + 1) * 24
        let years = scenario.simulatedYears
        horizonDays = start.adding(days: 0).yearsLater(years).dayNumber - start.dayNumber
        hoursPerDay = scenario.calendar.hoursPerDay
        dispatch = plan.dispatch

        // Trades, with the plan's crew overrides.
        let tradeNames = scenario.trades.keys
        let tradeIndex = Self.indexes(tradeNames)
        self.tradeNames = tradeNames
        var crews = scenario.trades.entries.map(\.value.crews)
        for (name, count) in plan.crews.entries {
            if let t = tradeIndex[name] { crews[t] = count }
        }
        self.crews = crews
        let costPerHour = scenario.trades.entries.map(\.value.costPerHour)
        self.costPerHour = costPerHour

        // Communities and buildings, made when the scenario was validated.
        self.communities = valid.communities
        self.buildings = valid.buildings

        // Calendars.
        let base = CompiledPlan.baseCalendar(scenario.calendar, start: start, days: horizonDays)
        baseCalendar = base
        let tradeWindows = CompiledPlan.shutdownDays(scenario.calendar.shutdowns, trades: tradeIndex,
                                                     tradeCount: tradeNames.count, start: start, days: horizonDays)
        let rainStops = Set(scenario.weather?.stops ?? [])
        let startDate = start
        let months = scenario.weather?.rainProbability ?? []
        rainProbability = (0..<horizonDays).map { day in
            months.count == 12 ? months[startDate.adding(days: day).month - 1] : 0
        }

        // Work types: building ones first, then community ones.
        let specs = scenario.work.building.map { ($0, WorkLevel.building) }
            + scenario.work.community.map { ($0, WorkLevel.community) }
        let typeIndex = Self.indexes(specs.map(\.0.name))
        var calendarKeys: [[Int]] = []
        var calendars: [WorkingCalendar] = []
        var windows: [[ClosedWindow]] = []
        var sensitive: [Bool] = []
        var predecessors = [[Int]](repeating: [], count: specs.count)
        var successors = [[Int]](repeating: [], count: specs.count)
        for (i, (spec, _)) in specs.enumerated() {
            for p in spec.after.compactMap({ typeIndex[$0] }) {
                predecessors[i].append(p)
                successors[p].append(i)
            }
        }
        var compiled: [WorkType] = []
        let quantityNames = scenario.inventory?.table?.quantityNames ?? []
        var local = [WorkLevel.building: 0, .community: 0]
        for (i, (spec, level)) in specs.enumerated() {
            var needs = spec.trades.entries.compactMap { name, count in tradeIndex[name].map { (trade: $0, crews: count) } }
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
                per: spec.per, quantity: spec.quantity.flatMap { quantityNames.firstIndex(of: $0) } ?? -1,
                materialCost: spec.materialCost, shutdownRule: spec.shutdown, disruptive: spec.disruptive,
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
        (releaseOrder, releaseTime) = CompiledPlan.release(plan, communities: communities, start: start)

        // Inspections, defects, budget.
        supervisors = plan.supervisors ?? scenario.supervisors?.count ?? 0
        inspectionHours = scenario.supervisors?.inspectionHours ?? .constant(0)
        reworkShare = scenario.supervisors?.reworkShare ?? 0
        defects = scenario.defects
        defectTeam = plan.defectTeam ?? scenario.defects?.team ?? 0
        defectModel = DefectModel(scenario.defects, team: defectTeam)
        budgetPerYear = (0..<years + 1).map { offset in
            guard let budget = scenario.budget else { return .infinity }
            return budget.perYear[String(scenario.start.year + offset)] ?? budget.otherYears ?? 0
        }
        funding = FundingModel(scenario.funding, start: start)
        communityCorrelation = scenario.work.communityCorrelation
        preparation = PreparationModel(scenario, plan: plan, communities: communities, types: compiled, start: start)
        milestones = Milestone.compile(scenario, plan: plan, communities: communities, start: start)
        risks = RiskModel(scenario.risks, types: compiled, tradeNames: tradeNames, start: start)
        starvationGuardHours = plan.starvationGuard.hours
        let notBefore = Dictionary(plan.notBefore.entries.map { ($0.key, $0.value) }, uniquingKeysWith: { $1 })
        notBeforeHours = notBefore.isEmpty ? [] : compiled.map { (notBefore[$0.name] ?? 0) * hoursPerCalendarDay }
        priority = []
        initialWaitCounts = []
        priority = computePriorities()
        if !plan.priority.isEmpty {
            let listed = Self.indexes(plan.priority)
            priority = breakingTies(priority, typeRank: compiled.map { listed[$0.name] ?? plan.priority.count })
        }
        initialWaitCounts = predecessorCounts()
        monthStartHours = computeMonthStartHours()
        monthOfDay = computeMonthOfDay()
        yearStartDays = computeYearStartDays()
    }

    /// Each name's index (the first, were one repeated). Every name a valid
    /// scenario refers to is in its table, so a lookup that finds nothing
    /// cannot happen; the callers skip it rather than trap.
    static func indexes(_ names: [String]) -> [String: Int] {
        Dictionary(names.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
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
    static func shutdownDays(_ shutdowns: [ShutdownSpec], trades: [String: Int], tradeCount: Int, start: CivilDate,
                             days: Int) -> [[Range<Int>]] {
        var result = [[Range<Int>]](repeating: [], count: tradeCount)
        let lastYear = start.adding(days: days).year
        for shutdown in shutdowns {
            let affected = shutdown.trades.map { $0.compactMap { trades[$0] } } ?? Array(0..<tradeCount)
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

    /// Release order and release times for a plan (validated: `evenly`
    /// over at least a year; phases that release each community once).
    static func release(_ plan: PlanSpec, communities: [Community], start: CivilDate) -> ([Int], [Double]) {
        let n = communities.count
        switch plan.release {
        case .all:
            return (Array(0..<n), [Double](repeating: 0, count: n))
        case .evenly(let years):
            let times = (0..<n).map { i -> Double in
                let tranche = i * years / n
                return Double(start.yearsLater(tranche).dayNumber - start.dayNumber) * 24
            }
            return (Array(0..<n), times)
        case .phases(let phases):
            let index = indexes(communities.map(\.name))
            var times = [Double](repeating: 0, count: n)
            // Release order: by release time, then as listed (phase by phase, each in its list's order).
            var listed = [Int](repeating: 0, count: n)
            var position = 0
            for phase in phases {
                for c in phase.communities.compactMap({ index[$0] }) {
                    times[c] = Double(max(0, phase.start.dayNumber - start.dayNumber)) * 24
                    listed[c] = position
                    position += 1
                }
            }
            let order = (0..<n).sorted { (times[$0], listed[$0], $0) < (times[$1], listed[$1], $1) }
            return (order, times)
        }
    }
}
