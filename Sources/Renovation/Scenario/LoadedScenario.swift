/// A scenario read from a file and validated, with what results need to
/// name it (file, content hash) and a way back from a key path to the line
/// that wrote it.
///
///     let loaded = try ScenarioLoader.load(path: "scenarios/benxi-2018.yaml")
///     loaded.sha256                             // "3f0c…", hex of the file's bytes
///     loaded.locate("work.building[2].hours")   // 61:9
public struct LoadedScenario: Sendable {
    /// The scenario as validated: what ``CompiledPlan`` compiles.
    public let valid: ValidScenario
    public var scenario: Scenario { valid.scenario }
    /// The file as given to the loader.
    public let file: String
    /// SHA-256 of the file's bytes, lowercase hex; with an inventory, the
    /// SHA-256 of the two hashes' hex text joined (the file's, then the table's).
    public let sha256: String
    /// Legal but suspicious settings (``ScenarioValidator/warnings(_:)``), located.
    public internal(set) var warnings: [ScenarioIssue] = []
    /// The inventory table as read (its path resolved from the scenario's folder), when the scenario has one.
    public internal(set) var inventoryPath: String?
    let sourceMap: SourceMap

    init(valid: ValidScenario, file: String, sha256: String, sourceMap: SourceMap) {
        self.valid = valid
        self.file = file
        self.sha256 = sha256
        self.sourceMap = sourceMap
    }

    /// The line and column of `keyPath` (`trades.roofing.crews`,
    /// `communities[3].buildings[0]`): of the key for a mapping entry, of
    /// the item for a list item. Nil when the file does not write that
    /// path (a default was used) or the path is malformed.
    ///
    /// - Complexity: O(depth × keys per mapping).
    public func locate(_ keyPath: String) -> SourceLocation? {
        ScenarioKeyPath(parsing: keyPath).flatMap(sourceMap.location(of:))
    }

    /// `issue` with this file's name and the position of its key path, or
    /// of the nearest enclosing key the file writes.
    public func place(_ issue: ScenarioIssue) -> ScenarioIssue {
        Self.place(issue, file: file, sourceMap: sourceMap)
    }

    /// Every issue of `error` placed in this file: for a changed copy of
    /// this scenario (a sensitivity setting, a crew mix, a plan name asked
    /// for), whose key paths are this file's.
    public func place(_ error: ScenarioError) -> ScenarioError {
        ScenarioError(error.issues.map(place))
    }

    /// The plan named `plan` (the first when nil) compiled, or the issue
    /// of an unknown name placed in this file.
    public func compile(plan: String?) throws(ScenarioError) -> CompiledPlan {
        do {
            return try CompiledPlan(scenario: valid, plan: plan)
        } catch {
            throw place(error)
        }
    }

    static func place(_ issue: ScenarioIssue, file: String, sourceMap: SourceMap) -> ScenarioIssue {
        var placed = issue
        placed.file = file
        if placed.location == nil, let path = ScenarioKeyPath(parsing: issue.keyPath) {
            placed.location = sourceMap.nearestLocation(of: path)
        }
        return placed
    }
}
