/// A scenario read from a file and validated, with what results need to
/// name it (file, content hash) and a way back from a key path to the line
/// that wrote it.
///
///     let loaded = try ScenarioLoader.load(path: "scenarios/benxi-2018.yaml")
///     loaded.sha256                             // "3f0c…", hex of the file's bytes
///     loaded.locate("work.building[2].hours")   // 61:9
public struct LoadedScenario: Sendable {
    public let scenario: Scenario
    /// The file as given to the loader.
    public let file: String
    /// SHA-256 of the file's bytes, lowercase hex.
    public let sha256: String
    /// Legal but suspicious settings (``ScenarioValidator/warnings(_:)``), located.
    public internal(set) var warnings: [ScenarioIssue] = []
    let sourceMap: SourceMap

    init(scenario: Scenario, file: String, sha256: String, sourceMap: SourceMap) {
        self.scenario = scenario
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
        var placed = issue
        placed.file = file
        if placed.location == nil, let path = ScenarioKeyPath(parsing: issue.keyPath) {
            placed.location = sourceMap.nearestLocation(of: path)
        }
        return placed
    }
}
