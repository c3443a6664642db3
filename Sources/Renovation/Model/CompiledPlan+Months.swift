import DiscreteEvent

extension CompiledPlan {
    /// ``monthStartHours``, computed once when the plan is compiled.
    func computeMonthStartHours() -> [Double] {
        let horizon = baseCalendar.horizon
        var bounds = [0.0]
        var year = start.year, month = start.month
        while true {
            month += 1
            if month > 12 { month = 1; year += 1 }
            guard let first = CivilDate(year: year, month: month, day: 1) else { break }
            let at = hours(at: first)
            guard at < horizon else { break }
            bounds.append(at)
        }
        if horizon > 0 { bounds.append(horizon) }
        return bounds
    }

    /// ``monthOfDay``: month boundaries fall at midnight, so a day lies in one month.
    func computeMonthOfDay() -> [Int32] {
        let days = baseCalendar.days
        var months = [Int32](repeating: 0, count: days)
        var m = 0
        for day in 0..<days {
            while m + 2 < monthStartHours.count, monthStartHours[m + 1] <= Double(day) * hoursPerCalendarDay { m += 1 }
            months[day] = Int32(m)
        }
        return months
    }

    /// The calendar a trade's crews work to: that of the first work type the
    /// trade does alone, else nil (the base calendar).
    public func tradeCalendarIndex(_ trade: Int) -> Int? {
        types.first { $0.needs.count == 1 && $0.needs[0].trade == trade }?.calendar
    }

    /// ``yearStartDays``, computed once when the plan is compiled.
    func computeYearStartDays() -> [Int] {
        var days: [Int] = []
        var year = start.year + 1
        while let first = CivilDate(year: year, month: 1, day: 1) {
            days.append(first.dayNumber - start.dayNumber)
            if Double(days.last!) * hoursPerCalendarDay >= baseCalendar.horizon { break }
            year += 1
        }
        return days
    }
}
