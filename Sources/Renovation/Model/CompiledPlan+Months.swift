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

    /// The calendar a trade's crews work to: that of the first work type the
    /// trade does alone, else nil (the base calendar).
    public func tradeCalendarIndex(_ trade: Int) -> Int? {
        types.first { $0.needs.count == 1 && $0.needs[0].trade == trade }?.calendar
    }
}
