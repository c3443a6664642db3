/// Strict decoding for scenario files: a key the type does not know is an
/// error (a typo must never fall back to a default silently), with the
/// closest known key as a suggestion.
struct AnyKey: CodingKey {
    let stringValue: String
    let intValue: Int?
    init(stringValue: String) { self.stringValue = stringValue; intValue = nil }
    init?(intValue: Int) { stringValue = String(intValue); self.intValue = intValue }
}

extension Decoder {
    /// The keyed container for `Key`, after checking that every key present
    /// is one of `Key.allCases`.
    func strictContainer<Key: CodingKey & CaseIterable>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        let any = try container(keyedBy: AnyKey.self)
        let known = Key.allCases.map(\.stringValue)
        for key in any.allKeys where !known.contains(key.stringValue) {
            throw DecodingError.dataCorrupted(.init(
                codingPath: codingPath + [key],
                debugDescription: unknownKeyMessage(key.stringValue, known: known)))
        }
        return try container(keyedBy: Key.self)
    }
}

func unknownKeyMessage(_ key: String, known: [String]) -> String {
    var message = "unknown key '\(key)'"
    if let near = closest(to: key, in: known) { message += " — did you mean '\(near)'?" }
    return message + " Expected one of: \(known.joined(separator: ", "))."
}

/// The candidate within edit distance 2 (or a third of the word) of `word`.
public func closest(to word: String, in candidates: [String]) -> String? {
    let limit = max(2, word.count / 3)
    return candidates
        .map { ($0, editDistance(word.lowercased(), $0.lowercased())) }
        .filter { $0.1 <= limit }
        .min { $0.1 < $1.1 }?.0
}

func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    guard !a.isEmpty else { return b.count }
    guard !b.isEmpty else { return a.count }
    var previous = Array(0...b.count)
    var current = previous
    for i in 1...a.count {
        current[0] = i
        for j in 1...b.count {
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        }
        swap(&previous, &current)
    }
    return previous[b.count]
}

/// A YAML mapping whose order matters (trades, budget years): decoded into
/// an array of pairs in document order, never through a `Dictionary`,
/// whose iteration order changes from process to process.
public struct OrderedMapping<Value: Codable & Sendable>: Codable, Sendable {
    public var entries: [(key: String, value: Value)]

    public init(_ entries: [(key: String, value: Value)] = []) { self.entries = entries }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: AnyKey.self)
        var seen = Set<String>()
        entries = []
        for key in container.allKeys {
            guard seen.insert(key.stringValue).inserted else {
                throw DecodingError.dataCorrupted(.init(
                    codingPath: decoder.codingPath + [key], debugDescription: "'\(key.stringValue)' is given twice"))
            }
            entries.append((key.stringValue, try container.decode(Value.self, forKey: key)))
        }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: AnyKey.self)
        for (key, value) in entries { try container.encode(value, forKey: AnyKey(stringValue: key)) }
    }

    public subscript(key: String) -> Value? { entries.first { $0.key == key }?.value }
    public var keys: [String] { entries.map(\.key) }
}
