import Renovation

/// The scenario files `renosim serve` was started with, read and validated
/// once at start. A request names a scenario by its position here, never
/// by a path: the server reads no file a request names.
public struct WhatIfCatalogue: Sendable {
    public struct Entry: Sendable {
        /// The path as given on the command line (names the scenario in results and errors).
        public let file: String
        /// The file's bytes, which every edit starts from.
        public let bytes: [UInt8]
        public let loaded: LoadedScenario
    }

    public let entries: [Entry]

    /// Reads every file; the first file that cannot be loaded is the error (all of its issues).
    public init(files: [String]) throws(ScenarioError) {
        var entries: [Entry] = []
        for file in files {
            let bytes = try ScenarioLoader.read(file)
            let loaded = try ScenarioLoader.load(bytes: bytes, file: file)
            entries.append(Entry(file: file, bytes: bytes, loaded: loaded))
        }
        self.entries = entries
    }

    public func entry(_ id: Int) -> Entry? { entries.indices.contains(id) ? entries[id] : nil }
}
