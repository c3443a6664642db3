import Experiments
import Foundation
import Renovation
import Reports

/// The output of one shard: its replications of each job it covers, stored
/// losslessly (``LosslessJSON``) so the merge rebuilds the exact results.
public struct ShardFile: Codable, Sendable {
    public static let formatName = "renosim-shard"

    public struct Part: Codable, Sendable {
        public var segment: ShardManifest.Segment
        public var results: [ReplicationResult]

        init(segment: ShardManifest.Segment, results: [ReplicationResult]) {
            self.segment = segment
            self.results = results
        }

        // The long per-order and per-month arrays go packed (``PackedResults``),
        // as in checkpoint chunks: the merge of a Benxi sweep spent most of
        // its time parsing decimals before.
        enum CodingKeys: String, CodingKey { case segment, replications }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            segment = try container.decode(ShardManifest.Segment.self, forKey: .segment)
            results = try container.decode(PackedResults.self, forKey: .replications).results
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(segment, forKey: .segment)
            try container.encode(PackedResults(results), forKey: .replications)
        }
    }

    public var format: String
    /// The manifest's id: a shard belongs to exactly one planned run.
    public var run: String
    public var toolVersion: String
    public var index: Int
    public var parts: [Part]

    /// What the merge checks before reading any results.
    struct Header: Decodable {
        struct Part: Decodable { var segment: ShardManifest.Segment }
        var format: String
        var run: String
        var toolVersion: String
        var index: Int
        var parts: [Part]
    }
}

extension ShardFolder {
    /// Runs shard `index` and writes its file. Stops early, writing nothing,
    /// when `stop` says so (the replications under way finish first).
    ///
    /// - Returns: the file written, or nil when stopped.
    public func run(index: Int, runner: ReplicationRunner, progress: (@Sendable (Int) -> Void)? = nil,
                    stop: (@Sendable () -> Bool)? = nil) throws(ShardError) -> String? {
        guard manifest.shards.indices.contains(index) else {
            throw ShardError(.content, "shard \(index) does not exist: \(path) has shards 0…\(manifest.shards.count - 1)")
        }
        var parts: [ShardFile.Part] = []
        var done = 0
        for segment in manifest.shards[index] {
            let (_, model, _) = try model(job: segment.job)
            let before = done
            var report: (@Sendable (Int) -> Void)?
            if let progress { report = { progress(before + $0) } }
            let results = runner.run(model: model, seed: manifest.jobs[segment.job].seed,
                                     replications: segment.lower..<segment.upper, progress: report, stop: stop)
            guard results.count == segment.upper - segment.lower else { return nil }
            done += results.count
            parts.append(ShardFile.Part(segment: segment, results: results))
        }
        let file = ShardFile(format: ShardFile.formatName, run: manifest.id, toolVersion: ToolVersion.current,
                             index: index, parts: parts)
        let target = shardPath(index)
        do {
            try AtomicFile.write(Checksummed.seal(try LosslessJSON.encode(file)), to: target)
        } catch {
            throw ShardError(.file, "cannot write \(target): \(error)")
        }
        return target
    }

    /// Replications in shard `index`.
    public func replications(inShard index: Int) -> Int {
        manifest.shards[index].reduce(0) { $0 + $1.upper - $1.lower }
    }

    /// Whether shard `index` has a file that belongs to this run.
    public func isDone(_ index: Int) -> Bool {
        guard let data = FileManager.default.contents(atPath: shardPath(index)),
              let body = try? Checksummed.open(data),
              let header = try? LosslessJSON.decode(ShardFile.Header.self, from: body) else { return false }
        return header.run == manifest.id && header.index == index
    }
}
