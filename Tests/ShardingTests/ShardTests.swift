import Experiments
import Foundation
import GRDB
import Renovation
import Reports
@testable import Sharding
import Testing

let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
let minimalPath = repositoryRoot.appendingPathComponent("Tests/Fixtures/minimal.yaml").path

func temporaryFolder() throws -> String {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("renosim-shards-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url.path
}

func bytes(_ path: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: path)) }

/// Plans `replications` of the minimal scenario's `plan` in `shards` shards under a new folder.
func plannedRun(plan: String = "staged", replications: Int, shards: Int) throws -> ShardFolder {
    let root = try temporaryFolder()
    let (manifest, copies) = try ShardPlanner.run(scenario: minimalPath, plan: plan, seed: 7, replications: replications,
                                                  shards: shards, currentDirectory: repositoryRoot.path)
    return try ShardFolder.create(at: root + "/run", manifest: manifest, scenarioBytes: copies)
}

@Suite("Shards: any cut, any order, any threads — the merge is the unsharded run, byte for byte")
struct ShardTests {
    @Test("Shards are consecutive, cover every replication once, and differ in size by at most one",
          arguments: [([10], 3), ([5, 5, 5], 4), ([1, 7, 2, 9], 19), ([100], 1), ([3, 0, 4], 7)])
    func split(counts: [Int], shards: Int) {
        let cut = ShardManifest.split(counts, into: shards)
        #expect(cut.count == shards)
        var next = [Int](repeating: 0, count: counts.count)
        var lastJob = 0
        for shard in cut {
            for segment in shard {
                #expect(segment.job >= lastJob)
                #expect(segment.lower == next[segment.job])
                #expect(segment.upper > segment.lower)
                next[segment.job] = segment.upper
                lastJob = segment.job
            }
        }
        #expect(next == counts)
        let sizes = cut.map { $0.reduce(0) { $0 + $1.upper - $1.lower } }
        #expect(sizes.max()! - sizes.min()! <= 1)
    }

    @Test("Merged shards write the same bytes as the run done in one process", arguments: [(1, 1), (3, 2), (7, 1)])
    func mergeIsByteIdentical(shards: Int, threads: Int) throws {
        let folder = try plannedRun(replications: 13, shards: shards)
        // Shards run out of order, with different thread counts.
        for index in (0..<shards).reversed() {
            let written = try folder.run(index: index, runner: ReplicationRunner(threads: index % 2 == 0 ? threads : 3))
            #expect(written == folder.shardPath(index))
        }
        let merged = try temporaryFolder()
        let output = try ShardOutput.merge(folder, into: merged, currentDirectory: repositoryRoot.path)

        let loaded = try ScenarioLoader.load(path: minimalPath)
        let model = try CompiledPlan(scenario: loaded.valid, plan: "staged")
        let results = ReplicationRunner(threads: 2).run(model: model, seed: 7, replications: 0..<13)
        let reference = ResultDocument.ScenarioReference(name: loaded.scenario.name, file: "Tests/Fixtures/minimal.yaml",
                                                         sha256: loaded.sha256)
        let document = ResultDocument(model: model, seed: 7, results: results, scenario: reference,
                                      toolVersion: ToolVersion.current)
        let direct = try temporaryFolder()
        _ = try RunOutput.write(document: document, results: results, model: model, to: direct)
        #expect(output.files.count == 6)
        for name in ["result.json", "replications.csv", "communities.csv", "buildings.csv", "schedule.csv", "results.sqlite"] {
            #expect(try bytes(merged + "/" + name) == bytes(direct + "/" + name), "\(name) differs")
        }
        // results.sqlite holds the same numbers as the other files, under the registry's names.
        try DatabaseQueue(path: direct + "/results.sqlite").read { db in
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM replications") == 13)
            #expect(try Double.fetchAll(db, sql: "SELECT finish_days FROM replications ORDER BY replication")
                    == results.map(\.finishDays))
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM building_finish")
                    == model.buildings.count * model.buildingTypeCount)
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM communities") == model.communities.count)
            let names = try String.fetchAll(db, sql: "SELECT DISTINCT metric FROM metrics")
            // One row per metric and index: an indexed metric with no index here (no milestones, no risks) has none.
            let years = results.first?.completionsPerYear.count ?? 0
            #expect(names == Metric.all.filter {
                $0.isBounded && $0.dimension.map { !Metric.indexNames($0, plan: model, years: years).isEmpty } ?? true
            }.map(\.name))
            #expect(try Double.fetchOne(db, sql: "SELECT value FROM replication_values WHERE replication = 0 AND "
                                        + "metric = 'utilisation' AND idx = ?", arguments: [model.tradeNames[0]])
                    == Metric.utilisation.read(results[0], plan: model)[0])
        }
    }

    @Test("A missing shard is named, with the command that makes it")
    func missing() throws {
        let folder = try plannedRun(replications: 6, shards: 3)
        _ = try folder.run(index: 0, runner: ReplicationRunner(threads: 1))
        _ = try folder.run(index: 2, runner: ReplicationRunner(threads: 1))
        let error = #expect(throws: ShardError.self) { try folder.collect() }
        #expect(error?.description.contains("1 of 3 shards have no file") == true)
        #expect(error?.description.contains("renosim shard run") == true)
    }

    @Test("A shard given twice is refused, naming both files")
    func duplicate() throws {
        let folder = try plannedRun(replications: 4, shards: 2)
        for index in 0..<2 { _ = try folder.run(index: index, runner: ReplicationRunner(threads: 1)) }
        try FileManager.default.copyItem(atPath: folder.shardPath(1), toPath: folder.shardsPath + "/copy.json")
        let error = #expect(throws: ShardError.self) { try folder.collect() }
        #expect(error?.description.contains("shard 1 is there twice") == true)
        #expect(error?.description.contains("copy.json") == true)
    }

    @Test("A shard of another run, or a file that is no shard, is refused")
    func foreign() throws {
        let folder = try plannedRun(replications: 4, shards: 2)
        let other = try plannedRun(plan: "all-at-once", replications: 4, shards: 2)
        for index in 0..<2 {
            _ = try folder.run(index: index, runner: ReplicationRunner(threads: 1))
            _ = try other.run(index: index, runner: ReplicationRunner(threads: 1))
        }
        try FileManager.default.removeItem(atPath: folder.shardPath(1))
        try FileManager.default.copyItem(atPath: other.shardPath(1), toPath: folder.shardPath(1))
        let error = #expect(throws: ShardError.self) { try folder.collect() }
        #expect(error?.description.contains("belongs to another sharded run") == true)

        try FileManager.default.removeItem(atPath: folder.shardPath(1))
        try Data("{\"format\": \"something else\"}".utf8).write(to: URL(fileURLWithPath: folder.shardPath(1)))
        let notShard = #expect(throws: ShardError.self) { try folder.collect() }
        #expect(notShard?.description.contains("has no checksum line") == true)
    }

    @Test("A shard file whose results do not match its header is refused at merge")
    func tampered() throws {
        let folder = try plannedRun(replications: 4, shards: 2)
        for index in 0..<2 { _ = try folder.run(index: index, runner: ReplicationRunner(threads: 1)) }
        // Resealed with a fresh checksum, as a careful forger would: the deeper checks still hold.
        var shard = try LosslessJSON.decode(ShardFile.self, from: Checksummed.open(bytes(folder.shardPath(1))))
        shard.parts[0].results.removeLast()
        try Checksummed.seal(LosslessJSON.encode(shard)).write(to: URL(fileURLWithPath: folder.shardPath(1)))
        let error = #expect(throws: ShardError.self) {
            try ShardOutput.merge(folder, into: try temporaryFolder(), currentDirectory: repositoryRoot.path)
        }
        #expect(error?.description.contains("does not hold replications") == true)

        // Right replications, wrong shape: a list shorter than the scenario's communities.
        shard = try LosslessJSON.decode(ShardFile.self, from: Checksummed.open(bytes(folder.shardPath(0))))
        shard.parts[0].results[1].communityFinishDays.removeLast()
        try Checksummed.seal(LosslessJSON.encode(shard)).write(to: URL(fileURLWithPath: folder.shardPath(0)))
        _ = try folder.run(index: 1, runner: ReplicationRunner(threads: 1))
        let shape = #expect(throws: ShardError.self) {
            try ShardOutput.merge(folder, into: try temporaryFolder(), currentDirectory: repositoryRoot.path)
        }
        #expect(shape?.description.contains("replication 1 of job staged in the shards does not fit") == true)
    }

    @Test("A shard of another run whose run id was edited to match is refused by its checksum")
    func editedRunID() throws {
        let folder = try plannedRun(replications: 4, shards: 2)
        let other = try plannedRun(plan: "all-at-once", replications: 4, shards: 2)
        for index in 0..<2 {
            _ = try folder.run(index: index, runner: ReplicationRunner(threads: 1))
            _ = try other.run(index: index, runner: ReplicationRunner(threads: 1))
        }
        let foreign = String(decoding: try bytes(other.shardPath(1)), as: UTF8.self)
        let edited = foreign.replacingOccurrences(of: other.manifest.id, with: folder.manifest.id)
        #expect(edited != foreign)
        try Data(edited.utf8).write(to: URL(fileURLWithPath: folder.shardPath(1)))
        let error = #expect(throws: ShardError.self) { try folder.collect() }
        #expect(error?.description.contains("does not match its checksum") == true)
        #expect(!folder.isDone(1))
    }

    @Test("A planned folder is never overwritten, and an edited manifest is refused")
    func plannedFolderIsKept() throws {
        let folder = try plannedRun(replications: 4, shards: 2)
        let (manifest, copies) = try ShardPlanner.run(scenario: minimalPath, plan: nil, seed: nil, replications: 4,
                                                      shards: 2, currentDirectory: repositoryRoot.path)
        let before = try bytes(ShardFolder.manifestPath(folder.path))
        #expect(throws: ShardError.self) { try ShardFolder.create(at: folder.path, manifest: manifest, scenarioBytes: copies) }
        #expect(try bytes(ShardFolder.manifestPath(folder.path)) == before)

        let edited = String(decoding: before, as: UTF8.self).replacingOccurrences(of: "\"replications\" : 4",
                                                                                  with: "\"replications\" : 5")
        #expect(edited != String(decoding: before, as: UTF8.self))
        try Data(edited.utf8).write(to: URL(fileURLWithPath: ShardFolder.manifestPath(folder.path)))
        let error = #expect(throws: ShardError.self) { try ShardFolder.open(folder.path) }
        #expect(error?.description.contains("edited after it was planned") == true)
    }

    @Test("More shards than replications, or an unknown plan, is refused when planning")
    func planningChecks() throws {
        #expect(throws: ShardError.self) {
            try ShardPlanner.run(scenario: minimalPath, plan: nil, seed: nil, replications: 3, shards: 4,
                                 currentDirectory: repositoryRoot.path)
        }
        let error = #expect(throws: ShardError.self) {
            try ShardPlanner.run(scenario: minimalPath, plan: "stagged", seed: nil, replications: 3, shards: 1,
                                 currentDirectory: repositoryRoot.path)
        }
        #expect(error?.description.contains("did you mean 'staged'") == true)
    }

    @Test("A manifest whose id matches but whose shards point outside its jobs is refused, not followed")
    func forgedManifest() throws {
        let folder = try plannedRun(replications: 4, shards: 2)
        var forged = folder.manifest
        forged.shards[1][0].job = 5
        forged.id = forged.identity()
        try LosslessJSON.encode(forged, pretty: true).write(to: URL(fileURLWithPath: ShardFolder.manifestPath(folder.path)))
        let error = #expect(throws: ShardError.self) { try ShardFolder.open(folder.path) }
        #expect(error?.description.contains("inconsistent") == true)
    }
}
