import Experiments
import Foundation

/// A table for the terminal: columns padded to their widest cell, text
/// left-aligned and numbers right-aligned, two spaces between columns.
/// Wide (CJK) characters count as two columns, as terminals draw them.
///
///     var table = TextTable(header: ["plan", "P50"], rightAligned: [false, true])
///     table.append(["three-year", "2024-11-02"])
///     table.render(indent: 2)
public struct TextTable {
    public var header: [String]
    public var rightAligned: [Bool]
    public var rows: [[String]] = []

    public init(header: [String], rightAligned: [Bool]) {
        self.header = header
        self.rightAligned = rightAligned
    }

    public mutating func append(_ row: [String]) { rows.append(row) }

    public func render(indent: Int = 0) -> String {
        let all = [header] + rows
        var widths = [Int](repeating: 0, count: header.count)
        for row in all { for (i, cell) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], Self.width(cell)) } }
        var out = ""
        for row in all {
            var line = String(repeating: " ", count: indent)
            for (i, cell) in row.enumerated() where i < widths.count {
                let fill = String(repeating: " ", count: widths[i] - Self.width(cell))
                let right = i < rightAligned.count && rightAligned[i]
                line += (i > 0 ? "  " : "") + (right ? fill + cell : cell + fill)
            }
            while line.hasSuffix(" ") { line.removeLast() }
            out += line + "\n"
        }
        return out
    }

    /// Columns a terminal gives `text`.
    static func width(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { sum, scalar in
            let v = scalar.value
            let wide = (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
                || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v) || (0xFF00...0xFF60).contains(v)
                || (0xFFE0...0xFFE6).contains(v)
            return sum + (wide ? 2 : 1)
        }
    }
}

/// Number formats shared by the comparison and sensitivity texts.
enum TextNumber {
    /// Fewer decimals the larger the number: 123456, 12.3, 1.23, 0.123, 0.000412.
    static func compact(_ x: Double) -> String {
        guard x.isFinite else { return x.isNaN ? "—" : (x > 0 ? "∞" : "-∞") }
        // An exact zero (also −0) prints without a sign.
        if x == 0 { return "0" }
        if abs(x) < 1 { return String(format: "%.3g", x) }
        return grouped(x, digits: abs(x) >= 1000 ? 0 : abs(x) >= 10 ? 1 : 2)
    }

    /// Thousands separated, `digits` decimals: 109,291,447 or 1,234.5.
    static func grouped(_ x: Double, digits: Int = 0) -> String {
        guard x.isFinite else { return x.isNaN ? "—" : (x > 0 ? "∞" : "-∞") }
        let text = String(format: "%.\(digits)f", abs(x))
        let parts = text.split(separator: ".", maxSplits: 1)
        var whole = ""
        for (i, c) in parts[0].reversed().enumerated() {
            if i > 0 && i % 3 == 0 { whole.insert(",", at: whole.startIndex) }
            whole.insert(c, at: whole.startIndex)
        }
        let sign = x < 0 && text.contains(where: { $0 != "0" && $0 != "." }) ? "-" : ""
        return sign + whole + (parts.count > 1 ? "." + parts[1] : "")
    }

    /// A value as a reader wants it for its unit: money and household-days
    /// whole, days and hours to a tenth, shares as percentages.
    static func value(_ x: Double, _ unit: MetricUnit) -> String {
        switch unit {
        case .share: percent(x)
        case .money, .householdDays: grouped(x)
        case .days, .hours, .count: grouped(x, digits: 1)
        }
    }

    /// A multiplier: "×0.79".
    static func factor(_ x: Double) -> String { String(format: "×%.2f", x) }

    static func percent(_ x: Double) -> String { x.isNaN ? "—" : String(format: "%.1f %%", x * 100) }

    /// A Wilson interval as "[l %, u %]".
    static func interval(_ lower: Double, _ upper: Double) -> String { "[\(percent(lower)), \(percent(upper))]" }
}
