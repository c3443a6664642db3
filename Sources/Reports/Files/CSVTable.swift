/// A CSV table (RFC 4180: comma-separated, fields with commas, quotes or
/// line breaks quoted, quotes doubled). Written by hand because quoting is
/// all it needs and the one writing package in the mirror would be a
/// dependency for ten lines.
public struct CSVTable: Sendable {
    public var header: [String]
    public var rows: [[String]] = []

    public init(header: [String]) { self.header = header }

    public mutating func append(_ row: [String]) { rows.append(row) }

    public var text: String {
        var out = Self.line(header)
        for row in rows { out += Self.line(row) }
        return out
    }

    static func line(_ fields: [String]) -> String {
        fields.map(Self.quote).joined(separator: ",") + "\n"
    }

    static func quote(_ field: String) -> String {
        guard needsQuotes(field) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Fields quoted and joined by commas, as bytes, with no line end: a
    /// piece of a row that large tables quote once and repeat.
    static func bytes(_ fields: [String]) -> [UInt8] {
        var out: [UInt8] = []
        appendFields(fields, to: &out)
        return out
    }

    /// Appends `fields` quoted and joined by commas, with no line end.
    static func appendFields(_ fields: [String], to bytes: inout [UInt8]) {
        for (i, field) in fields.enumerated() {
            if i > 0 { bytes.append(0x2C) }
            appendQuoted(field, to: &bytes)
        }
    }

    /// Appends `field` as ``quote(_:)`` writes it, scanning its bytes in
    /// place: a table of millions of rows quotes-checks every field.
    static func appendQuoted(_ field: String, to bytes: inout [UInt8]) {
        var field = field
        field.withUTF8 { raw in
            guard raw.contains(where: isSpecial) else {
                bytes.append(contentsOf: raw)
                return
            }
            bytes.append(0x22)
            for byte in raw {
                if byte == 0x22 { bytes.append(0x22) }
                bytes.append(byte)
            }
            bytes.append(0x22)
        }
    }

    /// Whether a field holds a comma, a quote or a line break.
    static func needsQuotes(_ field: String) -> Bool {
        // Bytes, not Characters: a national run quotes-checks 35 million fields.
        field.utf8.contains(where: isSpecial)
    }

    /// A comma, a quote or a line break: a byte that makes its field quoted.
    static func isSpecial(_ byte: UInt8) -> Bool {
        byte == 0x2C || byte == 0x22 || byte == 0x0A || byte == 0x0D
    }
}

/// Numbers as text the same way on every machine: shortest round-trip form
/// for doubles, empty for NaN.
public func csvNumber(_ value: Double) -> String {
    value.isNaN ? "" : (value.isInfinite ? (value > 0 ? "inf" : "-inf") : "\(value)")
}

import Foundation

extension CSVTable {
    /// The rows of RFC 4180 text, as ``text`` writes it.
    static func parse(_ text: String) -> [[String]] {
        var rows: [[String]] = [], row: [String] = [], field = ""
        var quoted = false, wasQuote = false
        for c in text {
            if quoted {
                if c == "\"" { quoted = false; wasQuote = true } else { field.append(c) }
                continue
            }
            switch c {
            case "\"":
                if wasQuote { field.append("\"") }
                quoted = true
            case ",":
                row.append(field)
                field = ""
            case "\n", "\r\n":
                row.append(field)
                rows.append(row)
                row = []
                field = ""
            default:
                field.append(c)
            }
            wasQuote = false
        }
        if !field.isEmpty || !row.isEmpty { rows.append(row + [field]) }
        return rows
    }
}
