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
        var out = line(header)
        for row in rows { out += line(row) }
        return out
    }

    func line(_ fields: [String]) -> String {
        fields.map(Self.quote).joined(separator: ",") + "\n"
    }

    static func quote(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

/// Numbers as text the same way on every machine: shortest round-trip form
/// for doubles, empty for NaN.
public func csvNumber(_ value: Double) -> String {
    value.isNaN ? "" : (value.isInfinite ? (value > 0 ? "inf" : "-inf") : "\(value)")
}

import Foundation
