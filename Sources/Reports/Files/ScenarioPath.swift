import Foundation

/// How result files name their scenario: relative to the folder a command
/// ran in, so that a baseline recorded at the repository's root finds its
/// scenario again from a fresh clone anywhere.
public enum ScenarioPath {
    /// `path` relative to `folder` when it lies inside it, else absolute.
    ///
    ///     ScenarioPath.relative("/repo/scenarios/a.yaml", to: "/repo")   // "scenarios/a.yaml"
    ///     ScenarioPath.relative("./scenarios/a.yaml", to: "/repo")       // "scenarios/a.yaml"
    public static func relative(_ path: String, to folder: String) -> String {
        let base = URL(fileURLWithPath: folder, isDirectory: true).standardizedFileURL.path
        let full = URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: base, isDirectory: true))
            .standardizedFileURL.path
        let prefix = base.hasSuffix("/") ? base : base + "/"
        return full.hasPrefix(prefix) ? String(full.dropFirst(prefix.count)) : full
    }
}
