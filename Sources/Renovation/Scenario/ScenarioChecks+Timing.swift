import DiscreteEvent

/// Dates, the working calendar and the weather.
extension ScenarioChecks {
    mutating func checkDates() {
        let s = scenario
        requireName(s.name, ScenarioKeyPath() + "name", "scenario name")
        requireDeadline(s.deadline, ScenarioKeyPath() + "deadline")
        if let horizon = s.horizonYears {
            require(horizon, ScenarioKeyPath() + "horizon_years", "a whole number of years", from: 1, to: Self.maximumYears)
        }
    }

    /// A deadline on or after the start and within the longest horizon.
    mutating func requireDeadline(_ deadline: CivilDate, _ path: ScenarioKeyPath) {
        let start = scenario.start
        if deadline < start {
            error(path, "deadline \(deadline) is before the start \(start)", expected: "a date on or after \(start)")
        } else if deadline.year - start.year > Self.maximumYears {
            error(path, "deadline \(deadline) is more than \(Self.maximumYears) years after the start \(start)",
                  expected: "a deadline within \(Self.maximumYears) years")
        }
    }

    mutating func checkCalendar() {
        let calendar = scenario.calendar
        let path = ScenarioKeyPath() + "calendar"
        if calendar.workdays.isEmpty {
            error(path + "workdays", "no working days", expected: "at least one weekday, e.g. [monday, tuesday, …]")
        }
        var seen = Set<Weekday>()
        for (i, day) in calendar.workdays.enumerated() where !seen.insert(day).inserted {
            error(path + "workdays" + i, "\(day.rawValue) is listed twice", expected: "each weekday at most once")
        }
        require(calendar.shiftStart, path + "shift_start", "an hour of the day", from: .closed(0), to: .open(24))
        if calendar.shiftStart.isFinite, (0..<24).contains(calendar.shiftStart) {
            require(calendar.hoursPerDay, path + "hours_per_day", "hours per day", from: .open(0),
                    to: .closed(24 - calendar.shiftStart))
        } else {
            require(calendar.hoursPerDay, path + "hours_per_day", "hours per day", from: .open(0), to: .closed(24))
        }
        for (i, range) in calendar.holidays.enumerated() {
            let itemPath = path + "holidays" + i
            if range.last < range.first {
                error(itemPath, "holiday \(range.first)..\(range.last) ends before it begins",
                      expected: "first..last with first ≤ last")
            } else if range.last.dayNumber - range.first.dayNumber >= 366 {
                error(itemPath, "holiday \(range.first)..\(range.last) is longer than a year",
                      expected: "a range of at most 366 days (use a shutdown for a window closed every year)")
            }
        }
        for (i, shutdown) in calendar.shutdowns.enumerated() {
            let itemPath = path + "shutdowns" + i
            requireName(shutdown.name, itemPath + "name", "shutdown name")
            for (j, trade) in (shutdown.trades ?? []).enumerated() {
                requireTrade(trade, itemPath + "trades" + j)
            }
            if Self.daysClosed(from: shutdown.from, to: shutdown.to) >= 365 {
                error(itemPath, "shutdown '\(shutdown.name)' from \(shutdown.from) to \(shutdown.to) closes the whole year",
                      expected: "a window that leaves working days")
            }
        }
        checkShutdownUnion()
    }

    /// Windows that each leave open days may still close the whole year
    /// together, for the trades they all stop.
    private mutating func checkShutdownUnion() {
        let shutdowns = scenario.calendar.shutdowns
        guard shutdowns.count > 1,
              !shutdowns.contains(where: { Self.daysClosed(from: $0.from, to: $0.to) >= 365 }) else { return }
        for trade in scenario.trades.keys {
            let stopping = shutdowns.indices.filter { shutdowns[$0].trades?.contains(trade) ?? true }
            // A leap year and a common year: 02-29 may be the only open day.
            guard let year = [2001, 2000].first(where: { Self.closedDays(stopping.map { shutdowns[$0] }, in: $0).allSatisfy { $0 } })
            else { continue }
            let names = stopping.map { "'\(shutdowns[$0].name)' (\(shutdowns[$0].from)..\(shutdowns[$0].to))" }
            error(ScenarioKeyPath() + "calendar" + "shutdowns",
                  "shutdowns \(names.joined(separator: ", ")) together close every day of a \(year % 4 == 0 ? "leap" : "common") year "
                      + "for trade '\(trade)', so its work can never be done",
                  expected: "windows that leave at least one open day a year for every trade")
        }
    }

    /// Day by day through `year`, whether one of `shutdowns` closes it
    /// (a window from the year before may reach into it).
    static func closedDays(_ shutdowns: [ShutdownSpec], in year: Int) -> [Bool] {
        guard let newYear = CivilDate(year: year, month: 1, day: 1) else { return [] }
        let length = CivilDate(year: year, month: 12, day: 31).map { $0.dayNumber - newYear.dayNumber + 1 } ?? 365
        var closed = [Bool](repeating: false, count: length)
        for shutdown in shutdowns {
            let wraps = (shutdown.to.month, shutdown.to.day) < (shutdown.from.month, shutdown.from.day)
            for first in [year - 1, year] {
                guard let from = CivilDate.clamped(year: first, month: shutdown.from.month, day: shutdown.from.day),
                      let to = CivilDate.clamped(year: wraps ? first + 1 : first, month: shutdown.to.month, day: shutdown.to.day)
                else { continue }
                let lower = max(0, from.dayNumber - newYear.dayNumber), upper = min(length - 1, to.dayNumber - newYear.dayNumber)
                if lower <= upper { for d in lower...upper { closed[d] = true } }
            }
        }
        return closed
    }

    /// Length of a yearly window in a leap year (`to` may be in the next year).
    static func daysClosed(from: MonthDay, to: MonthDay) -> Int {
        func dayOfYear(_ d: MonthDay) -> Int {
            guard let date = CivilDate(year: 2000, month: d.month, day: d.day),
                  let newYear = CivilDate(year: 2000, month: 1, day: 1) else { return 0 }
            return date.dayNumber - newYear.dayNumber
        }
        let first = dayOfYear(from), last = dayOfYear(to)
        return last >= first ? last - first + 1 : 366 - first + last + 1
    }

    mutating func checkWeather() {
        guard let weather = scenario.weather else { return }
        let path = ScenarioKeyPath() + "weather"
        if weather.rainProbability.count != 12 {
            error(path + "rain_probability", "\(weather.rainProbability.count) probabilities",
                  expected: "12, one per month from January to December")
        }
        for (i, p) in weather.rainProbability.enumerated() {
            requireProbability(p, path + "rain_probability" + i, "a probability of a rain day")
        }
        for (i, trade) in weather.stops.enumerated() {
            requireTrade(trade, path + "stops" + i)
        }
    }

    // MARK: - Warnings

    mutating func warnAboutTiming() {
        let s = scenario
        let end = horizonEnd
        if let horizon = s.horizonYears, let end, end < s.deadline {
            warn(ScenarioKeyPath() + "horizon_years",
                 "the horizon of \(horizon) years ends on \(end), before the deadline \(s.deadline)",
                 expected: "a horizon that covers the deadline, or work past it is reported unfinished")
        }
        for (i, range) in s.calendar.holidays.enumerated() where range.last < s.start || end.map({ range.first > $0 }) == true {
            warn(ScenarioKeyPath() + "calendar" + "holidays" + i,
                 "holiday \(range.first)..\(range.last) lies outside the simulated period and has no effect")
        }
        for (i, shutdown) in s.calendar.shutdowns.enumerated() where shutdown.trades?.isEmpty == true {
            warn(ScenarioKeyPath() + "calendar" + "shutdowns" + i + "trades",
                 "shutdown '\(shutdown.name)' stops no trade (an empty list); leave out `trades` to stop every trade")
        }
        warnAboutYearsWithoutWork()
        if let weather = s.weather {
            if weather.stops.isEmpty {
                warn(ScenarioKeyPath() + "weather" + "stops", "rain stops no trade, so the weather has no effect")
            } else if weather.rainProbability.allSatisfy({ $0 == 0 }) {
                warn(ScenarioKeyPath() + "weather" + "rain_probability", "every month has no rain, so the weather has no effect")
            }
            warnAboutRepeats(weather.stops, { ScenarioKeyPath() + "weather" + "stops" + $0 }, "trade")
        }
    }

    /// Holidays, weekdays and shutdowns together may leave a trade a whole
    /// year of the horizon without a working day: its work waits a year.
    private mutating func warnAboutYearsWithoutWork() {
        let s = scenario
        let workdays = Set(s.calendar.workdays)
        guard !workdays.isEmpty else { return }
        let first = s.start.dayNumber, end = simulatedEnd.dayNumber
        guard end >= first else { return }
        var open = [Bool](repeating: true, count: end - first + 1)
        for d in open.indices where !workdays.contains(CivilDate(dayNumber: first + d).weekday) { open[d] = false }
        for range in s.calendar.holidays where range.first <= range.last {
            let lower = max(first, range.first.dayNumber), upper = min(end, range.last.dayNumber)
            if lower <= upper { for d in lower...upper { open[d - first] = false } }
        }
        let shutdowns = s.calendar.shutdowns
        for trade in s.trades.keys {
            let stopping = shutdowns.indices.filter { shutdowns[$0].trades?.contains(trade) ?? true }
            var tradeOpen = open
            var closedByYear: [Int: [Bool]] = [:]
            for d in tradeOpen.indices where tradeOpen[d] {
                let date = CivilDate(dayNumber: first + d)
                let closed = closedByYear[date.year] ?? Self.closedDays(stopping.map { shutdowns[$0] }, in: date.year)
                closedByYear[date.year] = closed
                let index = date.dayNumber - (CivilDate(year: date.year, month: 1, day: 1)?.dayNumber ?? date.dayNumber)
                if index < closed.count, closed[index] { tradeOpen[d] = false }
            }
            var idle: [CivilDate] = []
            for k in 0..<simulatedYears {
                let lower = s.start.yearsLater(k).dayNumber - first, upper = s.start.yearsLater(k + 1).dayNumber - first
                if lower < upper, upper <= tradeOpen.count, !tradeOpen[lower..<upper].contains(true) {
                    idle.append(s.start.yearsLater(k))
                }
            }
            guard let year = idle.first else { continue }
            warn(ScenarioKeyPath() + "calendar" + (s.calendar.holidays.isEmpty ? "shutdowns" : "holidays"),
                 "trade '\(trade)' has no working day in \(Self.count(idle.count, "whole year")) of the horizon, "
                     + "the first from \(year) (holidays, workdays and shutdowns together)",
                 expected: "at least one working day a year, or work of '\(trade)' waits a year or more")
        }
    }

    /// The last day simulated when `horizon_years` is given.
    var horizonEnd: CivilDate? {
        scenario.horizonYears.map { Self.anniversary(of: scenario.start, years: $0).adding(days: -1) }
    }

    var simulatedYears: Int { scenario.simulatedYears }

    /// The last day simulated.
    var simulatedEnd: CivilDate {
        scenario.start.yearsLater(simulatedYears).adding(days: -1)
    }

    /// The same day `years` later; 29 February becomes 28 February in a common year.
    static func anniversary(of date: CivilDate, years: Int) -> CivilDate {
        // Clamped: `warnings(_:)` may be called on a scenario whose horizon was never validated.
        date.yearsLater(min(max(years, -10_000), 10_000))
    }

    mutating func warnAboutRepeats(_ names: [String], _ path: (Int) -> ScenarioKeyPath, _ what: String) {
        var seen = Set<String>()
        for (i, name) in names.enumerated() where !seen.insert(name).inserted {
            warn(path(i), "\(what) '\(name)' is listed twice")
        }
    }
}

extension Scenario {
    /// Years simulated: `horizon_years`, or the latest deadline of any plan
    /// plus ten years (1 to 100). Every plan simulates the same days, so
    /// they all draw the same weather.
    var simulatedYears: Int {
        let latest = plans.compactMap(\.deadline).reduce(deadline) { max($0, $1) }
        let deadlineYears = max(0, latest.dayNumber - start.dayNumber) / 365 + 1
        return min(ScenarioChecks.maximumYears, max(1, horizonYears ?? deadlineYears + 10))
    }
}
