import Foundation
import Renovation

/// Replication results in files that only renosim reads back (checkpoint
/// chunks, shard files). The two long arrays — finish day per work order
/// and crew-hours per trade and month, thousands of numbers per
/// replication — go as base64 of their little-endian bits instead of JSON
/// numbers: a fraction of the size, bit-exact, and no decimal formatting
/// or parsing. Encoding them as numbers was most of a small run's time
/// with `--out` (the checkpoint's JSON, 57 % in a profile).
public struct PackedResults: Codable, Sendable {
    public var results: [ReplicationResult]

    public init(_ results: [ReplicationResult]) { self.results = results }

    enum CodingKeys: String, CodingKey { case results, orderFinishDays, orderStartDays, workedCrewHoursByMonth }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        results = try container.decode([ReplicationResult].self, forKey: .results)
        let finish = try container.decode([Data].self, forKey: .orderFinishDays)
        let months = try container.decode([Data].self, forKey: .workedCrewHoursByMonth)
        // Absent from files written before start days were recorded.
        let starts = try container.decodeIfPresent([Data].self, forKey: .orderStartDays)
        guard finish.count == results.count, months.count == results.count, (starts?.count ?? results.count) == results.count else {
            throw DecodingError.dataCorruptedError(forKey: .results, in: container,
                                                   debugDescription: "one packed array per replication expected")
        }
        for i in results.indices {
            guard let days = Self.unpack(finish[i], as: UInt32.self),
                  let hours = Self.unpackSparse(months[i]) else {
                throw DecodingError.dataCorruptedError(forKey: .orderFinishDays, in: container,
                                                       debugDescription: "packed numbers of the wrong length")
            }
            results[i].orderFinishDays = days.map(Float.init(bitPattern:))
            if let starts {
                guard let begun = Self.unpack(starts[i], as: UInt32.self) else {
                    throw DecodingError.dataCorruptedError(forKey: .orderStartDays, in: container,
                                                           debugDescription: "packed numbers of the wrong length")
                }
                results[i].orderStartDays = begun.map(Float.init(bitPattern:))
            }
            results[i].workedCrewHoursByMonth = hours
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        var stripped = results
        for i in stripped.indices {
            stripped[i].orderFinishDays = []
            stripped[i].orderStartDays = nil
            stripped[i].workedCrewHoursByMonth = []
        }
        try container.encode(stripped, forKey: .results)
        try container.encode(results.map { Self.pack($0.orderFinishDays.map(\.bitPattern)) }, forKey: .orderFinishDays)
        if results.allSatisfy({ $0.orderStartDays != nil }) {
            try container.encode(results.map { Self.pack(($0.orderStartDays ?? []).map(\.bitPattern)) }, forKey: .orderStartDays)
        }
        try container.encode(results.map { Self.packSparse($0.workedCrewHoursByMonth) }, forKey: .workedCrewHoursByMonth)
    }

    /// The values' bytes, little-endian.
    public static func pack<T: FixedWidthInteger>(_ values: [T]) -> Data {
        var data = Data(capacity: values.count * MemoryLayout<T>.size)
        for value in values { withUnsafeBytes(of: value.littleEndian) { data.append(contentsOf: $0) } }
        return data
    }

    /// Mostly-zero numbers (crew-hours per trade and month: most months of
    /// the horizon see no work): the count, then (index, bits) of each
    /// number that is not +0.
    static func packSparse(_ values: [Double]) -> Data {
        var words: [UInt64] = [UInt64(values.count)]
        for (i, value) in values.enumerated() where value.bitPattern != 0 {
            words.append(UInt64(i))
            words.append(value.bitPattern)
        }
        return pack(words)
    }

    static func unpackSparse(_ data: Data) -> [Double]? {
        guard let words = unpack(data, as: UInt64.self), let count = words.first, words.count % 2 == 1,
              count <= UInt64(Int32.max) else { return nil }
        var values = [Double](repeating: 0, count: Int(count))
        var k = 1
        while k < words.count {
            guard words[k] < count else { return nil }
            values[Int(words[k])] = Double(bitPattern: words[k + 1])
            k += 2
        }
        return values
    }

    /// The values packed by ``pack(_:)``; nil when the bytes are not a whole number of them.
    public static func unpack<T: FixedWidthInteger>(_ data: Data, as type: T.Type) -> [T]? {
        let size = MemoryLayout<T>.size
        guard data.count % size == 0 else { return nil }
        return data.withUnsafeBytes { raw in
            (0..<raw.count / size).map { T(littleEndian: raw.loadUnaligned(fromByteOffset: size * $0, as: T.self)) }
        }
    }
}
