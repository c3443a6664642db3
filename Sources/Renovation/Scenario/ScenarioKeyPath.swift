/// A key path into a scenario, `work.building[2].hours`: mapping keys
/// joined by dots, list positions in brackets (0-based). A key that holds
/// a dot, a bracket, a quote or a space is written `["like this"]`.
struct ScenarioKeyPath: Hashable, Sendable, CustomStringConvertible {
    enum Component: Hashable, Sendable {
        case key(String)
        case index(Int)
    }

    var components: [Component]

    init(_ components: [Component] = []) { self.components = components }

    /// The path of a decoding error. Yams marks list positions with an
    /// `intValue`; every other key of the scenario's types has none.
    init(codingPath: [any CodingKey]) {
        components = codingPath.map { key in key.intValue.map(Component.index) ?? .key(key.stringValue) }
    }

    /// Parses the text form; nil when it is malformed (`a..b`, `a[x]`).
    init?(parsing text: String) {
        var components: [Component] = []
        var chars = Substring(text)
        var expectKey = true   // at the start or after a dot
        while let first = chars.first {
            if first == "[" {
                chars = chars.dropFirst()
                if chars.first == "\"" {
                    guard let (key, rest) = Self.quotedKey(chars.dropFirst()), rest.first == "]" else { return nil }
                    components.append(.key(key))
                    chars = rest.dropFirst()
                } else {
                    let digits = chars.prefix { $0 != "]" }
                    guard let index = Int(digits), index >= 0, chars.dropFirst(digits.count).first == "]" else {
                        return nil
                    }
                    components.append(.index(index))
                    chars = chars.dropFirst(digits.count + 1)
                }
                expectKey = false
            } else if first == "." {
                guard !expectKey else { return nil }
                chars = chars.dropFirst()
                expectKey = true
                // A dot must be followed by a plain key, not a bracket.
                guard let next = chars.first, next != "[", next != "." else { return nil }
            } else {
                guard expectKey else { return nil }
                let key = chars.prefix { $0 != "." && $0 != "[" }
                components.append(.key(String(key)))
                chars = chars.dropFirst(key.count)
                expectKey = false
            }
        }
        guard !(expectKey && !components.isEmpty) else { return nil }
        self.components = components
    }

    /// Reads `key"` with `\"` and `\\` escapes; returns the key and what follows the closing quote.
    private static func quotedKey(_ text: Substring) -> (String, Substring)? {
        var key = ""
        var rest = text
        while let c = rest.first {
            rest = rest.dropFirst()
            switch c {
            case "\"": return (key, rest)
            case "\\":
                guard let escaped = rest.first else { return nil }
                key.append(escaped)
                rest = rest.dropFirst()
            default: key.append(c)
            }
        }
        return nil
    }

    static func needsQuotes(_ key: String) -> Bool {
        key.isEmpty || key.contains { $0 == "." || $0 == "[" || $0 == "]" || $0 == "\"" || $0.isWhitespace }
    }

    var description: String {
        var text = ""
        for component in components {
            switch component {
            case .index(let i): text += "[\(i)]"
            case .key(let key) where Self.needsQuotes(key):
                var escaped = ""
                for c in key {
                    if c == "\\" || c == "\"" { escaped.append("\\") }
                    escaped.append(c)
                }
                text += "[\"\(escaped)\"]"
            case .key(let key):
                text += text.isEmpty ? key : "." + key
            }
        }
        return text
    }

    static func + (path: ScenarioKeyPath, key: String) -> ScenarioKeyPath { ScenarioKeyPath(path.components + [.key(key)]) }
    static func + (path: ScenarioKeyPath, index: Int) -> ScenarioKeyPath { ScenarioKeyPath(path.components + [.index(index)]) }
}
