/// One problem found in a scenario: where it is (file, line, column and
/// key path), what is wrong and what was expected.
///
///     scenarios/x.yaml:14:7: error: trades.roofing.crews: -2 is negative; expected a whole number of crews ≥ 0
///
/// ``ScenarioValidator`` returns issues with a key path only; the loader
/// fills in the file and, through the YAML node tree, the line and column.
public struct ScenarioIssue: Sendable, Hashable, CustomStringConvertible {
    public enum Severity: String, Sendable, Hashable {
        case error, warning
    }

    /// Which stage found the problem, so that a caller can tell a missing
    /// file from a bad scenario (e.g. for exit codes).
    public enum Kind: String, Sendable, Hashable {
        /// The file cannot be read, or is too large.
        case file
        /// The bytes are not UTF-8 text.
        case encoding
        /// The text is not well-formed YAML, or is empty or not a mapping.
        case syntax
        /// The YAML does not fit the scenario's types: unknown key, wrong type, bad date.
        case schema
        /// Well-formed, but the values break a rule (see ``ScenarioValidator``).
        case validation
    }

    public var severity: Severity
    public var kind: Kind
    /// The scenario file as given to the loader; empty before the loader fills it in.
    public var file: String
    public var location: SourceLocation?
    /// Where in the scenario, e.g. `work.building[2].hours`; empty for the file as a whole.
    public var keyPath: String
    /// What is wrong, e.g. `-2 is negative`.
    public var message: String
    /// What was expected instead, e.g. `a whole number of crews ≥ 0`.
    public var expected: String?

    public init(
        _ severity: Severity = .error, kind: Kind = .validation, file: String = "", location: SourceLocation? = nil,
        keyPath: String, message: String, expected: String? = nil
    ) {
        self.severity = severity
        self.kind = kind
        self.file = file
        self.location = location
        self.keyPath = keyPath
        self.message = message
        self.expected = expected
    }

    public var line: Int? { location?.line }
    public var column: Int? { location?.column }

    /// One line: `file:line:column: error: key.path: message; expected …`.
    public var description: String {
        var text = ""
        if !file.isEmpty { text += file + ":" }
        if let location { text += "\(location):" }
        if !text.isEmpty { text += " " }
        text += "\(severity.rawValue): "
        if !keyPath.isEmpty { text += keyPath + ": " }
        text += message
        if let expected { text += "; expected " + expected }
        return text
    }
}
