import Foundation
import Testing
@testable import Renovation

/// Paths and helpers shared by the scenario tests.
enum ScenarioFixtures {
    /// The repository root, found from this file's path (Tests/RenovationTests/Scenario/…).
    static func root(_ file: String = #filePath) -> URL {
        URL(fileURLWithPath: file).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
    }

    static func path(_ relative: String) -> String { root().appendingPathComponent(relative).path }

    static func text(_ relative: String) throws -> String {
        try String(contentsOfFile: path(relative), encoding: .utf8)
    }

    /// `Tests/Fixtures/minimal.yaml` with `old` replaced by `new` (which must occur).
    static func minimal(replacing old: String, with new: String) throws -> String {
        let base = try text("Tests/Fixtures/minimal.yaml")
        try #require(base.contains(old), "minimal.yaml has no '\(old)'")
        return base.replacingOccurrences(of: old, with: new)
    }

    /// The error from loading `yaml` as `file`; records a failure when it loads.
    static func error(_ yaml: String, file: String = "x.yaml") -> ScenarioError? {
        do {
            _ = try ScenarioLoader.load(yaml: yaml, file: file)
            Issue.record("expected the scenario to be rejected")
            return nil
        } catch {
            return error
        }
    }

    /// The 1-based line of the first line of `text` that contains `needle`.
    static func line(of needle: String, in text: String) -> Int? {
        text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains(needle) }.map { $0 + 1 }
    }
}
