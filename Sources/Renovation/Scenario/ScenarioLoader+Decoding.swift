import DiscreteEvent
import Stochastic
import Yams

/// Turns Swift's `DecodingError`s into planner-readable issues: the key
/// path from the coding path, what was found (read from the node tree),
/// and what was expected.
extension ScenarioLoader {
    static func schemaIssue(_ error: DecodingError, root: Node) -> ScenarioIssue {
        func issue(_ path: ScenarioKeyPath, _ message: String, expected: String? = nil) -> ScenarioIssue {
            ScenarioIssue(kind: .schema, keyPath: path.description, message: message, expected: expected)
        }
        switch error {
        case let .typeMismatch(type, context):
            let path = ScenarioKeyPath(codingPath: context.codingPath)
            let found = node(at: path, in: root).map(describe(found:)) ?? "another kind of value"
            return issue(path, "wrong type: found \(found)", expected: describe(expected: type))
        case let .keyNotFound(key, context):
            let path = ScenarioKeyPath(codingPath: context.codingPath + [key])
            return issue(path, "required key '\(key.stringValue)' is missing")
        case let .valueNotFound(type, context):
            let path = ScenarioKeyPath(codingPath: context.codingPath)
            return issue(path, "a value is missing", expected: describe(expected: type))
        case let .dataCorrupted(context):
            let path = ScenarioKeyPath(codingPath: context.codingPath)
            if let (typeName, choices) = rawValueFailure(context.debugDescription) {
                let word = node(at: path, in: root).flatMap(\.scalar).map(\.string) ?? "?"
                var message = "'\(word)' is not a valid \(typeName)"
                if let near = closest(to: word, in: choices) { message += " — did you mean '\(near)'?" }
                return issue(path, message, expected: "one of " + choices.joined(separator: ", "))
            }
            let (message, expected) = splitExpected(context.debugDescription)
            return issue(path, message, expected: expected)
        @unknown default:
            return issue(ScenarioKeyPath(), "cannot decode the scenario: \(error)")
        }
    }

    /// "what; expected what" → the two halves; the unknown-key message
    /// ("… Expected one of: …") splits the same way.
    static func splitExpected(_ text: String) -> (String, String?) {
        for separator in ["; expected ", " Expected "] {
            if let range = text.range(of: separator) {
                var expected = text[range.upperBound...]
                if expected.hasSuffix(".") { expected = expected.dropLast() }
                return (String(text[..<range.lowerBound]), String(expected))
            }
        }
        return (text, nil)
    }

    /// The type name and its choices when `description` is the standard
    /// library's "Cannot initialize ScaleUnit from invalid String value flor".
    private static func rawValueFailure(_ description: String) -> (String, [String])? {
        let prefix = "Cannot initialize "
        guard description.hasPrefix(prefix),
              let end = description.range(of: " from invalid ") else { return nil }
        let typeName = String(description[description.index(description.startIndex, offsetBy: prefix.count)..<end.lowerBound])
        let choices: [String]? = switch typeName {
        case "ScaleUnit": ScaleUnit.allCases.map(\.rawValue)
        case "ShutdownRule": ShutdownRule.allCases.map(\.rawValue)
        case "DispatchRule": DispatchRule.allCases.map(\.rawValue)
        case "RiskScope": RiskScope.allCases.map(\.rawValue)
        case "ConsentLimitChoice": ConsentLimitChoice.allCases.map(\.rawValue)
        case "Weekday": Weekday.allCases.map(\.rawValue)
        case "InventoryEncoding": InventoryEncoding.allCases.map(\.rawValue)
        case "Family": Distribution.Family.allCases.map(\.rawValue)
        default: nil
        }
        let words = ["ScaleUnit": "scale unit (per)", "ShutdownRule": "shutdown rule", "DispatchRule": "dispatch rule", "RiskScope": "risk scope (per)",
                     "ConsentLimitChoice": "round-limit choice (on_limit)", "Weekday": "weekday",
                     "InventoryEncoding": "inventory encoding", "Family": "distribution type"]
        return choices.map { (words[typeName] ?? typeName, $0) }
    }

    static func node(at path: ScenarioKeyPath, in root: Node) -> Node? {
        var node = root
        for component in path.components {
            switch (component, node) {
            case let (.key(key), .mapping(mapping)):
                guard let child = mapping.first(where: { $0.key.string == key })?.value else { return nil }
                node = child
            case let (.index(i), .sequence(sequence)):
                guard i >= 0, i < sequence.count else { return nil }
                node = sequence[i]
            default:
                return nil
            }
        }
        return node
    }

    static func describe(found node: Node) -> String {
        switch node {
        case .scalar(let scalar):
            if scalar.style == .plain, ["", "~", "null", "Null", "NULL"].contains(scalar.string) {
                return "nothing (an empty value)"
            }
            return "'\(scalar.string)'"
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        }
    }

    static func describe(expected type: Any.Type) -> String {
        switch type {
        case is Int.Type: "a whole number"
        case is UInt64.Type: "a whole number ≥ 0"
        case is Double.Type: "a number"
        case is String.Type: "text"
        case is Bool.Type: "true or false"
        case is Node.Mapping.Type: "a mapping (key: value entries)"
        case is Node.Sequence.Type: "a list"
        case is Node.Scalar.Type: "a single value, not a list or mapping"
        default: "a \(type)"
        }
    }
}
