/// A proleptic Gregorian calendar date, with conversion to and from a day
/// count (days since 1970-01-01), independent of time zones and locales.
///
///     let start = CivilDate(year: 2018, month: 6, day: 1)!
///     start.dayNumber           // 17683
///     start.adding(days: 30)    // 2018-07-01
///     start.weekday             // .friday
public struct CivilDate: Hashable, Comparable, Sendable, CustomStringConvertible, Codable {
    public let year: Int
    public let month: Int
    public let day: Int

    /// Nil when the date does not exist (2019-02-30, month 13).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), (1...CivilDate.daysIn(month: month, year: year)).contains(day),
              (-100_000...100_000).contains(year) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY-MM-DD`.
    public init?(iso text: Substring) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    public init?(iso text: String) { self.init(iso: Substring(text)) }

    /// The date `dayNumber` days after 1970-01-01 (Howard Hinnant's algorithm).
    public init(dayNumber: Int) {
        let z = dayNumber + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        day = doy - (153 * mp + 2) / 5 + 1
        month = mp < 10 ? mp + 3 : mp - 9
        year = yoe + era * 400 + (month <= 2 ? 1 : 0)
    }

    /// Days since 1970-01-01.
    public var dayNumber: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    public var weekday: Weekday {
        // 1970-01-01 was a Thursday.
        let index = ((dayNumber % 7) + 7 + 3) % 7   // 0 = Monday
        return Weekday.allCases[index]
    }

    public func adding(days: Int) -> CivilDate { CivilDate(dayNumber: dayNumber + days) }

    /// The date `days` later, for a count computed or read from a file:
    /// rounded down and clamped to ±1,000,000 days (NaN as 0), so that a
    /// corrupt number gives a strange date rather than a trap in `Int(_:)`.
    public func adding(fractionalDays days: Double) -> CivilDate {
        adding(days: Int(days.isNaN ? 0 : min(1_000_000, max(-1_000_000, days.rounded(.down)))))
    }

    /// The same day `years` later (28 February for 29 February in a common
    /// year); the date itself when that year is out of range.
    public func yearsLater(_ years: Int) -> CivilDate {
        CivilDate.clamped(year: year + years, month: month, day: day) ?? self
    }

    /// The date, with the day lowered to the month's last day if needed.
    public static func clamped(year: Int, month: Int, day: Int) -> CivilDate? {
        CivilDate(year: year, month: month, day: min(day, CivilDate.daysIn(month: month, year: year)))
    }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    public static func < (lhs: CivilDate, rhs: CivilDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    /// `YYYY-MM-DD`. Result tables format millions of dates: for years
    /// 0–9999 the ten bytes are written in place, into a string short enough
    /// to be stored inline (no allocation).
    public var description: String {
        guard (0...9999).contains(year) else {
            let y = String(year), m = month < 10 ? "0\(month)" : "\(month)", d = day < 10 ? "0\(day)" : "\(day)"
            return "\(String(repeating: "0", count: max(0, 4 - y.count)))\(y)-\(m)-\(d)"
        }
        return String(unsafeUninitializedCapacity: 10) { bytes in
            func digits(_ value: Int, at start: Int, count: Int) {
                var value = value
                for i in stride(from: start + count - 1, through: start, by: -1) {
                    bytes[i] = UInt8(truncatingIfNeeded: 0x30 + value % 10)
                    value /= 10
                }
            }
            digits(year, at: 0, count: 4)
            bytes[4] = 0x2D
            digits(month, at: 5, count: 2)
            bytes[7] = 0x2D
            digits(day, at: 8, count: 2)
            return 10
        }
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let date = CivilDate(iso: text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "'\(text)' is not a date; expected YYYY-MM-DD, e.g. 2022-03-01")
        }
        self = date
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

public enum Weekday: String, CaseIterable, Codable, Sendable {
    case monday, tuesday, wednesday, thursday, friday, saturday, sunday

    /// 0 for Monday … 6 for Sunday.
    public var index: Int { Weekday.allCases.firstIndex(of: self) ?? 0 }
}
