/// When work can happen, and how work hours turn into calendar time.
///
/// Time is measured in hours from midnight of day 0. Each day has one
/// shift starting at `shiftStart` and lasting that day's working hours (0 on
/// rest days, holidays, shutdown windows and days closed by weather). Work
/// stops at the end of a shift and resumes at the next: a job that meets a
/// shutdown pauses through it and carries on afterwards.
///
///     var cal = WorkingCalendar(days: 30, firstWeekday: .monday,
///                               workdays: [.monday, .tuesday, .wednesday, .thursday, .friday],
///                               shiftStart: 8, hoursPerDay: 8)
///     cal.finishTime(start: 8, workHours: 20)     // Wednesday 12:00 → 2·24 + 12 = 60
///
/// - Complexity: building is O(days); `workHours` is O(1); `finishTime` and
///   `nextWorkingTime` are O(log d) for a span of d days, by a galloping
///   search over cumulative hours from the start.
public struct WorkingCalendar: Sendable, Equatable {
    public let shiftStart: Double
    /// Working hours on each day.
    public private(set) var hours: [Double]
    /// Work hours available before the start of each day; one entry more than `hours`.
    @usableFromInline private(set) var cumulative: [Double]

    /// A calendar of `days` days where the listed weekdays have
    /// `hoursPerDay` hours and all other days none.
    public init(days: Int, firstWeekday: Weekday, workdays: Set<Weekday>, shiftStart: Double, hoursPerDay: Double) {
        let count = max(0, days)
        let open = Weekday.allCases.map { workdays.contains($0) }
        let first = firstWeekday.index
        var hours = [Double](repeating: 0, count: count)
        for day in 0..<count where open[(first + day) % 7] {
            hours[day] = hoursPerDay
        }
        self.init(hours: hours, shiftStart: shiftStart)
    }

    /// A calendar with the given working hours per day.
    public init(hours: [Double], shiftStart: Double) {
        self.shiftStart = shiftStart
        self.hours = hours.map { $0.isFinite ? min(max(0, $0), 24 - shiftStart) : 0 }
        cumulative = []
        rebuild()
    }

    public var days: Int { hours.count }

    /// Closes days `range` (holiday, shutdown window, weather).
    public mutating func close(days range: Range<Int>) {
        let clamped = range.clamped(to: 0..<hours.count)
        guard !clamped.isEmpty else { return }
        for day in clamped { hours[day] = 0 }
        rebuild()
    }

    /// Closes every day whose flag is set, in one pass.
    public mutating func close(where closed: [Bool]) {
        var changed = false
        for day in 0..<min(closed.count, hours.count) where closed[day] && hours[day] > 0 {
            hours[day] = 0
            changed = true
        }
        if changed { rebuild() }
    }

    /// A calendar open only when both are open (a trade's calendar under the
    /// programme's): the shorter of the two shifts each day.
    public func intersection(_ other: WorkingCalendar) -> WorkingCalendar {
        let n = min(hours.count, other.hours.count)
        return WorkingCalendar(hours: (0..<n).map { min(hours[$0], other.hours[$0]) }, shiftStart: shiftStart)
    }

    private mutating func rebuild() {
        var sums = [Double](repeating: 0, count: hours.count + 1)
        var total = 0.0
        for (day, h) in hours.enumerated() {
            sums[day] = total
            total += h
        }
        sums[hours.count] = total
        cumulative = sums
    }

    /// Total work hours the calendar holds.
    @inlinable public var totalHours: Double { cumulative.last ?? 0 }

    /// The instant beyond the last day: work that needs more time than the
    /// calendar holds cannot be placed.
    @inlinable public var horizon: Double { Double(hours.count) * 24 }

    /// Work hours available in [0, t).
    @inlinable
    public func workHours(before t: Double) -> Double {
        guard t > 0 else { return 0 }
        // Before the conversion: Int(t / 24) traps on infinity.
        guard t < horizon else { return totalHours }
        let day = Int(t / 24)
        guard day < hours.count else { return totalHours }
        let intoShift = t - (Double(day) * 24 + shiftStart)
        return cumulative[day] + min(max(0, intoShift), hours[day])
    }

    /// Work hours available in [a, b).
    @inlinable
    public func workHours(from a: Double, to b: Double) -> Double {
        b > a ? workHours(before: b) - workHours(before: a) : 0
    }

    /// Whether work is going on at instant `t`.
    @inlinable
    public func isWorking(at t: Double) -> Bool {
        guard t >= 0, t < horizon else { return false }
        let day = Int(t / 24)
        guard day < hours.count else { return false }
        let intoShift = t - (Double(day) * 24 + shiftStart)
        return intoShift >= 0 && intoShift < hours[day]
    }

    /// The calendar time at which `workHours` of work started at `start`
    /// are done. Nil when the calendar ends first.
    @inlinable
    public func finishTime(start: Double, workHours: Double) -> Double? {
        time(atCumulative: self.workHours(before: start) + max(0, workHours), notBefore: start)
    }

    /// The first instant at or after `t` when work is going on. Nil when
    /// the calendar holds no more work.
    @inlinable
    public func nextWorkingTime(from t: Double) -> Double? {
        if isWorking(at: t) { return t }
        let done = workHours(before: t)
        guard done < totalHours else { return nil }
        // The first day whose shift holds work beyond `done`: no earlier than t's day.
        let day = firstDay(from: Self.day(of: t)) { $0 > done }
        return Double(day) * 24 + shiftStart
    }

    @inlinable
    func time(atCumulative target: Double, notBefore start: Double) -> Double? {
        guard target <= totalHours else { return nil }
        if target <= workHours(before: start) { return max(0, start) }
        // The first day d with cumulative[d] + hours[d] ≥ target and hours[d] > 0: after
        // start's day, as the work before start's day is less than target.
        let day = firstDay(from: Self.day(of: start)) { $0 >= target }
        return Double(day) * 24 + shiftStart + (target - cumulative[day])
    }

    /// The day holding instant t, 0 before the first (t is below the horizon here).
    @inlinable
    static func day(of t: Double) -> Int { t > 0 ? Int(t / 24) : 0 }

    /// Smallest d ≥ `first` with `reaches(cumulative[d + 1])`, for a
    /// predicate that holds from some day on and holds on the last day.
    /// A galloping search from `first`: a job ends a few days after it
    /// starts, so this takes O(log length) steps, not O(log days).
    @inlinable
    func firstDay(from first: Int, where reaches: (Double) -> Bool) -> Int {
        let last = hours.count - 1
        var low = max(0, min(first, last))
        if low >= last || reaches(cumulative[low + 1]) { return low }
        // Gallop with doubling steps while day `low` falls short; the answer is in (low, last].
        var step = 1
        while true {
            let probe = min(low + step, last)
            if probe == last || reaches(cumulative[probe + 1]) {
                // The answer is in (low, probe]: halve.
                var high = probe
                low += 1
                while low < high {
                    let mid = (low + high) / 2
                    if reaches(cumulative[mid + 1]) { high = mid } else { low = mid + 1 }
                }
                return low
            }
            low = probe
            step *= 2
        }
    }
}
