import Experiments
import Foundation
import Renovation
import Reports

/// A folder holding a sharded run:
///
///     DIR/manifest.json            what to run and how it is cut (ShardManifest)
///     DIR/scenarios/0.yaml …       the scenario files, copied as they were
///     DIR/shards/shard-0003.json   shard 3's replications, once it has run
///
/// The manifest is written last, so a folder with one is complete. Shard
/// files are written whole (temporary file, then rename).
public struct ShardFolder: Sendable {
    public let path: String
    public let manifest: ShardManifest

    public static func manifestPath(_ folder: String) -> String { join(folder, "manifest.json") }
    public var shardsPath: String { Self.join(path, "shards") }

    public func shardPath(_ index: Int) -> String {
        Self.join(shardsPath, "shard-" + String(index).leftPadded(to: 4) + ".json")
    }

    // MARK: - Creating

    /// Writes a new folder for `manifest`, with `scenarioBytes[i]` as the copy of scenario i.
    /// Refuses a folder that already holds a sharded run.
    @discardableResult
    /// `tables` are the scenarios' inventory tables, each at its path inside the folder
    /// (``ShardPlanner/inventoryCopies(_:currentDirectory:)``).
    public static func create(at folder: String, manifest: ShardManifest, scenarioBytes: [[UInt8]],
                              tables: [(path: String, bytes: [UInt8])] = []) throws(ShardError) -> ShardFolder {
        let manifestFile = manifestPath(folder)
        if FileManager.default.fileExists(atPath: manifestFile) {
            throw ShardError(.content, "\(folder) already holds a sharded run (\(manifestFile)); "
                             + "choose another --out folder, or remove that one first")
        }
        do {
            for (copy, bytes) in zip(manifest.scenarios, scenarioBytes) {
                try AtomicFile.write(Data(bytes), to: join(folder, copy.copy))
            }
            for table in tables {
                try AtomicFile.write(Data(table.bytes), to: join(folder, table.path))
            }
            try FileManager.default.createDirectory(atPath: join(folder, "shards"), withIntermediateDirectories: true)
        } catch {
            throw ShardError(.file, "\(error)")
        }
        let data: Data
        do {
            data = try LosslessJSON.encode(manifest, pretty: true)
        } catch {
            throw ShardError(.file, "cannot encode the manifest: \(error)")
        }
        do throws(AtomicFile.CreateError) {
            try AtomicFile.create(data, at: manifestFile)
        } catch .exists {
            throw ShardError(.content, "\(folder) already holds a sharded run (\(manifestFile)); choose another --out folder")
        } catch {
            throw ShardError(.file, error.description)
        }
        return ShardFolder(path: folder, manifest: manifest)
    }

    // MARK: - Opening

    public static func open(_ folder: String) throws(ShardError) -> ShardFolder {
        let file = manifestPath(folder)
        guard FileManager.default.fileExists(atPath: file) else {
            throw ShardError(.content, "\(folder) is not a sharded run: it has no manifest.json "
                             + "(make one with `renosim shard plan … --out \(folder)`)")
        }
        let manifest: ShardManifest
        do {
            manifest = try LosslessJSON.decode(ShardManifest.self, from: Data(contentsOf: URL(fileURLWithPath: file)))
        } catch {
            throw ShardError(.content, "\(file) is not a renosim shard manifest: \(error)")
        }
        guard manifest.format == ShardManifest.formatName else {
            throw ShardError(.content, "\(file) is not a renosim shard manifest (format '\(manifest.format)')")
        }
        guard manifest.formatVersion == ShardManifest.formatVersion else {
            throw ShardError(.content, "\(file) has format version \(manifest.formatVersion); "
                             + "this renosim reads version \(ShardManifest.formatVersion)")
        }
        guard manifest.id == manifest.identity() else {
            throw ShardError(.content, "\(file) was edited after it was planned (its content no longer matches its id); "
                             + "plan the run again")
        }
        // The id only proves the manifest was not edited by hand; one written
        // by other means must still not send anything out of bounds.
        let jobs = manifest.jobs
        guard !manifest.scenarios.isEmpty, !jobs.isEmpty, !manifest.shards.isEmpty,
              jobs.allSatisfy({ manifest.scenarios.indices.contains($0.scenario) && $0.replications >= 1 }),
              manifest.shards.joined().allSatisfy({ segment in
                  jobs.indices.contains(segment.job) && segment.lower >= 0 && segment.lower < segment.upper
                      && segment.upper <= jobs[segment.job].replications
              }),
              manifest.shards == ShardManifest.split(jobs.map(\.replications), into: manifest.shards.count) else {
            throw ShardError(.content, "\(file) is inconsistent (its jobs, scenarios and shards do not fit together); "
                             + "plan the run again")
        }
        return ShardFolder(path: folder, manifest: manifest)
    }

    /// The bytes of job `job`'s scenario with its grid point's values set, checked against the recorded hash.
    public func scenarioBytes(job: Int) throws(ShardError) -> [UInt8] {
        let job = manifest.jobs[job]
        let copy = manifest.scenarios[job.scenario]
        let file = Self.join(path, copy.copy)
        let bytes: [UInt8]
        do {
            bytes = try ScenarioLoader.read(file)
        } catch {
            throw ShardError(.file, error.description)
        }
        // With an inventory, the recorded hash covers the YAML and its table (copied beside it).
        let inventoryHash = { () -> String? in
            try? ScenarioLoader.load(bytes: bytes, file: file).sha256
        }
        guard SHA256.hex(bytes) == copy.reference.sha256 || inventoryHash() == copy.reference.sha256 else {
            throw ShardError(.content, "\(file) has changed since the run was planned (its SHA-256 differs); plan the run again")
        }
        do {
            return try ScenarioOverride.apply(job.assignments, to: bytes)
        } catch {
            throw ShardError(.content, "\(file): \(error.description)")
        }
    }

    /// Job `job`'s scenario, loaded and compiled for its plan.
    public func model(job: Int) throws(ShardError) -> (loaded: LoadedScenario, model: CompiledPlan, bytes: [UInt8]) {
        let bytes = try scenarioBytes(job: job)
        let name = Self.join(path, manifest.scenarios[manifest.jobs[job].scenario].copy)
        do {
            let loaded = try ScenarioLoader.load(bytes: bytes, file: name)
            return (loaded, try loaded.compile(plan: manifest.jobs[job].plan), bytes)
        } catch {
            throw ShardError(.content, "\(name) (job \(manifest.jobs[job].label)): \(error)")
        }
    }

    static func join(_ folder: String, _ name: String) -> String {
        (folder as NSString).appendingPathComponent(name)
    }
}
