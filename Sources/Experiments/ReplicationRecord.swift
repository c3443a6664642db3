import Renovation

/// The results of one replication as a result document stores them: every
/// bounded metric of the registry (``Metric/all``) under its name, one
/// value for a scalar and an array parallel to the document's name list
/// for an indexed metric (`utilisation[i]` is trade `names.trades[i]`).
/// Per-community metrics and per-order finish times are left to the files
/// made for volume.
///
/// Non-finite numbers (an attainment with no reports is NaN) are written
/// as JSON null and read back as NaN. Schema-1 files used other keys for
/// some metrics (``legacyKeys``); they are read under the registry's names.
public struct ReplicationRecord: Codable, Sendable, Equatable {
    public var replication: Int
    /// What was stuck, when the replication stalled.
    public var stall: String?
    /// By metric name: the values ``Metric/read(_:)`` gives.
    public var values: [String: [Double]]

    public init(_ r: ReplicationResult, plan: CompiledPlan) {
        replication = r.replication
        stall = r.stall
        values = [:]
        for metric in Metric.all where metric.isBounded { values[metric.name] = metric.read(r, plan: plan) }
    }

    /// The metric's values; empty when the record does not have it.
    public subscript(metric: Metric) -> [Double] {
        get { values[metric.name] ?? [] }
        set { values[metric.name] = newValue }
    }

    /// A scalar metric's value, NaN when absent.
    public subscript(scalar metric: Metric) -> Double {
        get { values[metric.name]?.first ?? .nan }
        set { values[metric.name] = [newValue] }
    }

    /// Schema 1's keys for metrics the registry names otherwise.
    /// Schema 1's `crew_utilisation` is left out: it counted rain days as
    /// unavailable to trades rain stops, so it is another quantity than
    /// `utilisation` and is not compared with it.
    static let legacyKeys = [
        "service_level_attainment": "attainment",
        "mean_responder_wait_hours": "responder_wait_hours", "completions_per_year": "completions",
        "cost_per_year": "cost",
    ]

    struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ string: String) { stringValue = string }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        try c.encode(replication, forKey: Key("replication"))
        try c.encodeIfPresent(stall, forKey: Key("stall"))
        for metric in Metric.all {
            guard let values = values[metric.name] else { continue }
            let key = Key(metric.name)
            if metric.dimension == nil, let value = values.first {
                try Self.encode(value, as: metric.representation, into: &c, forKey: key)
            } else {
                var array = c.nestedUnkeyedContainer(forKey: key)
                for value in values {
                    switch metric.representation {
                    case .number: try array.encode(value)
                    case .integer: value.isFinite ? try array.encode(Int(value)) : try array.encode(value)
                    case .boolean: try array.encode(value != 0)
                    }
                }
            }
        }
    }

    static func encode(_ value: Double, as representation: Metric.Representation,
                       into c: inout KeyedEncodingContainer<Key>, forKey key: Key) throws {
        switch representation {
        case .number: try c.encode(value, forKey: key)
        case .integer: value.isFinite ? try c.encode(Int(value), forKey: key) : try c.encode(value, forKey: key)
        case .boolean: try c.encode(value != 0, forKey: key)
        }
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Key.self)
        values = [:]
        replication = 0
        var sawReplication = false
        for key in c.allKeys {
            // Result files are read with snake_case keys converted to camelCase: undo it.
            let name = Self.snake(key.stringValue)
            switch name {
            case "replication":
                replication = try c.decode(Int.self, forKey: key)
                sawReplication = true
            case "stall":
                stall = try c.decodeIfPresent(String.self, forKey: key)
            default:
                guard let metric = Metric.named(Self.legacyKeys[name] ?? name), metric.isBounded || metric.dimension == .community
                else { continue }
                if metric.dimension == nil {
                    values[metric.name] = [try Self.decodeValue(c, key)]
                } else if let flags = try? c.decode([Bool].self, forKey: key) {
                    values[metric.name] = flags.map { $0 ? 1 : 0 }
                } else {
                    values[metric.name] = try c.decode([Double].self, forKey: key)
                }
            }
        }
        guard sawReplication else {
            throw DecodingError.keyNotFound(Key("replication"), .init(codingPath: c.codingPath, debugDescription: "missing"))
        }
    }

    static func decodeValue(_ c: KeyedDecodingContainer<Key>, _ key: Key) throws -> Double {
        if let flag = try? c.decode(Bool.self, forKey: key) { return flag ? 1 : 0 }
        return try c.decode(Double.self, forKey: key)
    }

    /// `finishDays` → `finish_days`.
    static func snake(_ key: String) -> String {
        var out = ""
        for c in key {
            if c.isUppercase { out += "_" + c.lowercased() } else { out.append(c) }
        }
        return out
    }
}
