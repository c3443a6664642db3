/// Why a scenario could not be loaded: one or more ``ScenarioIssue``s
/// (every validation problem at once; decoding stops at the first).
///
/// Its description has one line per issue, like a compiler:
///
///     scenarios/x.yaml:14:7: error: trades.roofing.crews: -2 is negative; expected a whole number of crews ≥ 0
///     scenarios/x.yaml:40:5: error: work.building[1].after: precedence cycle: roofing → facade → roofing
public struct ScenarioError: Error, Sendable, CustomStringConvertible {
    public var issues: [ScenarioIssue]

    public init(_ issues: [ScenarioIssue]) { self.issues = issues }

    init(_ issue: ScenarioIssue) { issues = [issue] }

    /// The stage that failed (every issue of one error comes from the same stage).
    public var kind: ScenarioIssue.Kind { issues.first?.kind ?? .validation }

    public var description: String { issues.map(\.description).joined(separator: "\n") }
}
