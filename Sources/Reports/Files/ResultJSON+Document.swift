import Experiments
import Foundation

extension ResultJSON {
    /// A result document's bytes: the same as the generic ``encode(_:)``
    /// gives, with its per-replication records written directly. Foundation's
    /// encoder boxed every number of every record: 90 µs a record, a quarter
    /// of a short run with `--out`. The rest of the document (bounded)
    /// still goes through the encoder; the records are spliced into the
    /// place it leaves for them. A test holds the two paths to the same bytes.
    public static func encode(_ document: ResultDocument) throws -> Data {
        var head = document
        head.perReplication = []
        let data = try encodeGeneric(head)
        guard !document.perReplication.isEmpty else { return data }
        // Where the encoder wrote the empty list, at the top level (two spaces in).
        let empty = Data("\n  \"per_replication\" : [\n\n  ]".utf8)
        guard let range = data.range(of: empty) else { return try encodeGeneric(document) }
        var records: [UInt8] = []
        records.reserveCapacity(document.perReplication.count * 2048)
        records.append(contentsOf: "\n  \"per_replication\" : [\n".utf8)
        for (i, record) in document.perReplication.enumerated() {
            if i > 0 { records.append(contentsOf: ",\n".utf8) }
            try write(record, into: &records)
        }
        records.append(contentsOf: "\n  ]".utf8)
        var out = Data(capacity: data.count + records.count)
        out.append(data[..<range.lowerBound])
        out.append(contentsOf: records)
        out.append(data[range.upperBound...])
        return out
    }

    /// One record as the encoder pretty-prints it four spaces in: keys
    /// sorted, `"key" : value`, a list one value a line, an empty list as
    /// `[`, a blank line and `]`, non-finite numbers as null.
    static func write(_ record: ReplicationRecord, into out: inout [UInt8]) throws {
        var fields: [(key: String, text: [UInt8])] = [("replication", Array(String(record.replication).utf8))]
        if let stall = record.stall {
            // Rare (a stalled replication): the encoder escapes the text.
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.withoutEscapingSlashes]
            fields.append(("stall", Array(try encoder.encode(stall))))
        }
        for metric in Metric.all {
            guard let values = record.values[metric.name] else { continue }
            if metric.dimension == nil, let value = values.first {
                fields.append((metric.name, number(value, metric.representation)))
            } else if values.isEmpty {
                fields.append((metric.name, Array("[\n\n      ]".utf8)))
            } else {
                var text = Array("[\n".utf8)
                for (i, value) in values.enumerated() {
                    text.append(contentsOf: i > 0 ? ",\n        ".utf8 : "        ".utf8)
                    text += number(value, metric.representation)
                }
                text.append(contentsOf: "\n      ]".utf8)
                fields.append((metric.name, text))
            }
        }
        fields.sort { $0.key < $1.key }
        out.append(contentsOf: "    {\n".utf8)
        for (i, field) in fields.enumerated() {
            out.append(contentsOf: i > 0 ? ",\n      \"".utf8 : "      \"".utf8)
            out.append(contentsOf: field.key.utf8)
            out.append(contentsOf: "\" : ".utf8)
            out += field.text
        }
        out.append(contentsOf: "\n    }".utf8)
    }

    /// A number as the encoder writes it: the shortest form that reads back
    /// exactly, without a trailing `.0`; an integer or a flag as such; null
    /// when not finite.
    static func number(_ value: Double, _ representation: Metric.Representation) -> [UInt8] {
        switch representation {
        case .boolean:
            return Array((value != 0 ? "true" : "false").utf8)
        case .integer where value.isFinite:
            return Array(String(Int(value)).utf8)
        case .number, .integer:
            guard value.isFinite else { return Array("null".utf8) }
            var text = value.description
            if text.hasSuffix(".0") { text.removeLast(2) }
            return Array(text.utf8)
        }
    }
}
