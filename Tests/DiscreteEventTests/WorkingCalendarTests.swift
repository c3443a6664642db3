import Foundation
import Testing
@testable import DiscreteEvent

@Suite("Working calendars and dates")
struct WorkingCalendarTests {
    let weekdays: Set<Weekday> = [.monday, .tuesday, .wednesday, .thursday, .friday]

    func officeWeeks(_ days: Int = 60) -> WorkingCalendar {
        // Day 0 is a Monday; shifts 08:00–16:00.
        WorkingCalendar(days: days, firstWeekday: .monday, workdays: weekdays, shiftStart: 8, hoursPerDay: 8)
    }

    @Test("work hours turn into calendar time across nights and weekends")
    func finishTimes() {
        let cal = officeWeeks()
        #expect(cal.finishTime(start: 8, workHours: 8) == Double(16))            // Monday's shift
        #expect(cal.finishTime(start: 8, workHours: 20) == Double(2 * 24 + 12))  // Wednesday noon
        #expect(cal.finishTime(start: 0, workHours: 1) == Double(9))             // waits for the shift
        // 40 hours from Friday 12:00: 4 h Friday, weekend off, 4 more days, 4 h on Friday.
        #expect(cal.finishTime(start: 4 * 24 + 12, workHours: 40) == Double(11 * 24 + 12))
        #expect(cal.finishTime(start: 5 * 24, workHours: 0) == Double(5 * 24))   // zero work is immediate
    }

    @Test("a job that meets a shutdown pauses and resumes after it")
    func shutdown() {
        var cal = officeWeeks()
        cal.close(days: 7..<14)                       // the whole second week
        // Start Thursday of week 1 at 08:00 with 24 hours: Thu, Fri, then Monday of week 3.
        #expect(cal.finishTime(start: 3 * 24 + 8, workHours: 24) == Double(14 * 24 + 16))
        #expect(!cal.isWorking(at: 8 * 24 + 10))
        #expect(cal.nextWorkingTime(from: 8 * 24 + 10) == Double(14 * 24 + 8))
        #expect(cal.workHours(from: 0, to: 21 * 24) == 80)
    }

    @Test("working time queries agree with the day table")
    func queries() {
        let cal = officeWeeks()
        #expect(cal.isWorking(at: 8) && cal.isWorking(at: 15.99) && !cal.isWorking(at: 16))
        #expect(!cal.isWorking(at: 5 * 24 + 10))           // Saturday
        #expect(cal.nextWorkingTime(from: 16) == Double(24 + 8))
        #expect(cal.nextWorkingTime(from: 12) == Double(12))
        #expect(cal.workHours(before: 24 + 12) == 12)
        #expect(cal.totalHours == Double(60 / 7 * 5 * 8 + 4 * 8))
    }

    @Test("work that does not fit before the calendar ends has no finish time")
    func horizon() {
        let cal = officeWeeks(7)
        #expect(cal.finishTime(start: 0, workHours: 40) == Double(4 * 24 + 16))
        #expect(cal.finishTime(start: 0, workHours: 40.5) == nil)
        #expect(cal.nextWorkingTime(from: 5 * 24) == nil)
    }

    @Test("finish time is consistent with work hours for many random starts")
    func roundTrip() {
        var cal = officeWeeks(400)
        cal.close(days: 100..<190)
        var x: UInt64 = 12345
        for _ in 0..<2000 {
            x = x &* 6364136223846793005 &+ 1442695040888963407
            let start = Double(x >> 40) / Double(1 << 24) * 300 * 24
            let work = Double((x >> 8) & 0xFFFF) / 65536 * 300
            guard let end = cal.finishTime(start: start, workHours: work) else { continue }
            #expect(abs(cal.workHours(from: start, to: end) - work) < 1e-6)
            #expect(end >= start)
            if work > 0 { #expect(cal.isWorking(at: end - 1e-6)) }
        }
    }

    @Test("finish and next working times equal a day-by-day scan, on irregular calendars, short and long jobs")
    func searchMatchesScan() {
        var x: UInt64 = 99
        func next() -> UInt64 {
            x = x &* 6364136223846793005 &+ 1442695040888963407
            return x >> 11
        }
        for trial in 0..<40 {
            // Irregular days: closed, short and full shifts; some calendars end in closed days.
            let days = 1 + Int(next() % 400)
            let hours = (0..<days).map { _ in [0, 0, 3.5, 8, 8, 10][Int(next() % 6)] }
            let cal = WorkingCalendar(hours: hours, shiftStart: 7)
            for _ in 0..<200 {
                let start = Double(next() % UInt64(days * 24 + 48)) - 24 + Double(next() % 4) / 4
                let work = trial % 2 == 0 ? Double(next() % 40) : Double(next() % UInt64(max(1, cal.totalHours) + 5))
                // The scan: the first day whose shift reaches the target, walking from day 0.
                let target = cal.workHours(before: start) + work
                var expected: Double?
                if target <= cal.totalHours {
                    if work == 0 || target <= cal.workHours(before: start) {
                        expected = max(0, start)
                    } else {
                        var sum = 0.0
                        for (d, h) in hours.enumerated() {
                            if sum + h >= target, h > 0 { expected = Double(d) * 24 + 7 + (target - sum); break }
                            sum += h
                        }
                    }
                }
                #expect(cal.finishTime(start: start, workHours: work) == expected, "start \(start), work \(work)")
                var open: Double?
                if cal.isWorking(at: start) {
                    open = start
                } else {
                    let done = cal.workHours(before: start)
                    var sum = 0.0
                    for (d, h) in hours.enumerated() {
                        if sum + h > done, h > 0 { open = Double(d) * 24 + 7; break }
                        sum += h
                    }
                }
                #expect(cal.nextWorkingTime(from: start) == open, "from \(start)")
            }
        }
    }

    @Test("intersection is open only when both calendars are")
    func intersection() {
        var winter = officeWeeks()
        winter.close(days: 10..<20)
        let both = officeWeeks().intersection(winter)
        #expect(both.workHours(from: 0, to: 60 * 24) == winter.totalHours)
    }

    @Test("civil dates round-trip through day numbers and know their weekday")
    func dates() {
        #expect(CivilDate(year: 1970, month: 1, day: 1)?.dayNumber == 0)
        #expect(CivilDate(year: 2018, month: 6, day: 1)?.dayNumber == 17683)
        #expect(CivilDate(year: 2018, month: 6, day: 1)?.weekday == .friday)
        #expect(CivilDate(year: 2022, month: 4, day: 24)?.weekday == .sunday)
        #expect(CivilDate(year: 2019, month: 2, day: 29) == nil)
        #expect(CivilDate(year: 2020, month: 2, day: 29) != nil)
        #expect(CivilDate(iso: "2019-12-31")?.adding(days: 1) == CivilDate(year: 2020, month: 1, day: 1))
        #expect(CivilDate(iso: "2019-13-01") == nil && CivilDate(iso: "19-1-1") == nil)
        for n in stride(from: -800_000, to: 800_000, by: 997) {
            #expect(CivilDate(dayNumber: n).dayNumber == n)
        }
        #expect(CivilDate(year: 2024, month: 3, day: 5)?.description == "2024-03-05")
        // Written in place for years 0–9999: the same text as formatting the fields, and ISO round trips.
        for n in stride(from: -719_528, to: 2_932_897, by: 331) {
            let date = CivilDate(dayNumber: n)
            #expect(date.description == String(format: "%04d-%02d-%02d", date.year, date.month, date.day))
            #expect(CivilDate(iso: date.description) == date)
        }
        #expect(CivilDate(dayNumber: -719_529).description.hasSuffix("-12-31"))
    }
}
