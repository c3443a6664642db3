import Experiments
import Foundation
import Renovation
import Reports

/// Turns a scenario and plan, or a sweep file, into a ``ShardManifest``,
/// checking every job's scenario and plan first: a mistake is found on the
/// login node, not in array task 412.
public enum ShardPlanner {
    /// A scenario read for planning: its bytes and how results name it.
    struct Source {
        var bytes: [UInt8]
        var loaded: LoadedScenario
        var reference: ResultDocument.ScenarioReference
    }

    static func source(_ path: String, relativeTo folder: String) throws(ShardError) -> Source {
        let bytes: [UInt8]
        let loaded: LoadedScenario
        do {
            bytes = try ScenarioLoader.read(path)
            loaded = try ScenarioLoader.load(bytes: bytes, file: path)
        } catch {
            throw ShardError(error.kind == .file ? .file : .content, error.description)
        }
        return Source(bytes: bytes, loaded: loaded,
                      reference: .init(name: loaded.scenario.name, file: ScenarioPath.relative(path, to: folder),
                                       sha256: loaded.sha256))
    }

    /// The inventory tables of the manifest's scenarios, each to be copied to
    /// the place its scenario's copy (`scenarios/N.yaml`) reads it from: the
    /// table's relative path taken from `scenarios/`. A table given by an
    /// absolute path is read from there and not copied; one whose relative
    /// path leaves the run's folder, or two different tables at one place, are refused.
    public static func inventoryCopies(_ manifest: ShardManifest,
                                       currentDirectory: String) throws(ShardError) -> [(path: String, bytes: [UInt8])] {
        var copies: [(path: String, bytes: [UInt8])] = []
        for scenario in manifest.scenarios {
            let file = scenario.reference.file.hasPrefix("/") ? scenario.reference.file
                : (currentDirectory as NSString).appendingPathComponent(scenario.reference.file)
            let loaded: LoadedScenario
            do {
                loaded = try ScenarioLoader.load(path: file)
            } catch {
                throw ShardError(error.kind == .file ? .file : .content, error.description)
            }
            guard let spec = loaded.scenario.inventory, let source = loaded.inventoryPath, !spec.file.hasPrefix("/") else { continue }
            let copy = (("scenarios" as NSString).appendingPathComponent(spec.file) as NSString).standardizingPath
            guard !copy.hasPrefix("..") && !copy.hasPrefix("/") else {
                throw ShardError(.content, "\(file): inventory.file '\(spec.file)' lies outside the scenario's folder's "
                                 + "parent; a sharded run copies the table beside its copy of the scenario, so give a path "
                                 + "inside the scenario's folder (or an absolute one)")
            }
            let bytes: [UInt8]
            do {
                bytes = try FileBytes.read(source, limit: ScenarioLoader.maximumFileSize)
            } catch {
                throw ShardError(.file, "\(source): \(error.description)")
            }
            if let same = copies.first(where: { $0.path == copy }) {
                guard same.bytes == bytes else {
                    throw ShardError(.content, "two scenarios of the run read different tables named '\(spec.file)'; "
                                     + "give the tables different names")
                }
                continue
            }
            copies.append((copy, bytes))
        }
        return copies
    }

    static func checkShards(_ shards: Int, replications: Int) throws(ShardError) {
        guard shards >= 1 else { throw ShardError(.content, "--shards must be at least 1") }
        guard shards <= replications else {
            throw ShardError(.content, "--shards \(shards) is more than the \(replications) replications to share out; "
                             + "expected at most \(replications) shards")
        }
    }

    /// Plan `plan` (the first plan when nil) of the scenario at `path`, cut into `shards`.
    public static func run(scenario path: String, plan: String?, seed: UInt64?, replications: Int, shards: Int,
                           currentDirectory: String) throws(ShardError) -> (ShardManifest, [[UInt8]]) {
        try checkShards(shards, replications: replications)
        let source = try source(path, relativeTo: currentDirectory)
        let planName: String
        do {
            planName = try source.loaded.compile(plan: plan).planName
        } catch {
            throw ShardError(.content, error.description)
        }
        let job = ShardManifest.Job(scenario: 0, plan: planName, seed: seed ?? source.loaded.scenario.seed ?? 1,
                                    replications: replications, assignments: [], label: planName)
        let manifest = ShardManifest(kind: .run, name: source.loaded.scenario.name, grid: [],
                                     scenarios: [.init(copy: "scenarios/0.yaml", reference: source.reference)],
                                     jobs: [job], shards: shards, toolVersion: ToolVersion.current)
        return (manifest, [source.bytes])
    }

    /// Every scenario × plan × grid point of `spec`, each checked, cut into `shards`.
    public static func sweep(_ spec: SweepSpec, file: String, shards: Int,
                             currentDirectory: String) throws(ShardError) -> (ShardManifest, [[UInt8]]) {
        var copies: [ShardManifest.ScenarioCopy] = []
        var bytes: [[UInt8]] = []
        var jobs: [ShardManifest.Job] = []
        let points = spec.gridPoints
        for (s, path) in spec.scenarios.enumerated() {
            let source = try source(path, relativeTo: currentDirectory)
            copies.append(.init(copy: "scenarios/\(s).yaml", reference: source.reference))
            bytes.append(source.bytes)
            let plans = spec.plans ?? source.loaded.scenario.plans.map(\.name)
            for plan in plans {
                do {
                    _ = try source.loaded.valid.plan(named: plan)
                } catch {
                    throw ShardError(.content, source.loaded.place(error).description)
                }
                for point in points {
                    let label = String(jobs.count + 1)
                    let describe = "sweep point \(label) (\(path), plan \(plan)"
                        + point.map { ", " + $0.description }.joined() + ")"
                    do {
                        let changed = try ScenarioOverride.apply(point, to: source.bytes)
                        _ = try ScenarioLoader.load(bytes: changed, file: path).compile(plan: plan)
                    } catch {
                        throw ShardError(.content, "\(file): error: \(describe): \(error)")
                    }
                    jobs.append(.init(scenario: s, plan: plan, seed: spec.seed ?? source.loaded.scenario.seed ?? 1,
                                      replications: spec.replications, assignments: point, label: label))
                }
            }
        }
        let width = String(jobs.count).count
        for j in jobs.indices { jobs[j].label = jobs[j].label.leftPadded(to: max(3, width)) }
        let total = jobs.reduce(0) { $0 + $1.replications }
        try checkShards(shards, replications: total)
        let manifest = ShardManifest(kind: .sweep, name: spec.name, grid: spec.grid.map(\.key), scenarios: copies,
                                     jobs: jobs, shards: shards, toolVersion: ToolVersion.current)
        return (manifest, bytes)
    }
}
