/// The simulation clock counts hours; dates, durations in results and the
/// scenario's day-valued keys speak in calendar days of 24 hours (not the
/// working day of a calendar's shift).
public let hoursPerCalendarDay = 24.0
