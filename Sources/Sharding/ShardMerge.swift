import Foundation
import Renovation
import Reports

extension ShardFolder {
    /// The file of every shard, in shard order, after checking that each
    /// `.json` file under `shards/` is a shard of this run, made by the same
    /// renosim, cut as the manifest says, and that no shard is missing or
    /// given twice. Hidden files (a write under way) are not looked at.
    public func collect() throws(ShardError) -> [String] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: shardsPath).sorted()
        } catch {
            throw ShardError(.file, "cannot list \(shardsPath): \((error as NSError).localizedDescription)")
        }
        var found = [String?](repeating: nil, count: manifest.shards.count)
        for name in names where name.hasSuffix(".json") && !name.hasPrefix(".") {
            let file = Self.join(shardsPath, name)
            let header: ShardFile.Header
            do {
                header = try LosslessJSON.decode(ShardFile.Header.self, from: try Self.readShard(file))
            } catch let error as ShardError {
                throw error
            } catch {
                throw ShardError(.content, "\(file) is not a renosim shard file (\(Self.reason(error))); "
                                 + "remove it from \(shardsPath)")
            }
            guard header.format == ShardFile.formatName else {
                throw ShardError(.content, "\(file) is not a renosim shard file (format '\(header.format)'); remove it")
            }
            guard header.run == manifest.id else {
                throw ShardError(.content, "\(file) belongs to another sharded run (\(header.run.prefix(12))…; this "
                                 + "folder's run is \(manifest.id.prefix(12))…): remove it, or merge it in its own folder")
            }
            guard found.indices.contains(header.index),
                  header.parts.map(\.segment) == manifest.shards[header.index] else {
                throw ShardError(.content, "\(file) claims shard \(header.index) but does not match the manifest's "
                                 + "shards; remove it and run that shard again")
            }
            guard header.toolVersion == manifest.toolVersion else {
                throw ShardError(.content, "\(file) was made by renosim \(header.toolVersion) but the run was planned with "
                                 + "\(manifest.toolVersion); results of different versions do not mix — run that shard "
                                 + "again with renosim \(manifest.toolVersion)")
            }
            if let other = found[header.index] {
                throw ShardError(.content, "shard \(header.index) is there twice: \(other) and \(file); remove one")
            }
            found[header.index] = file
        }
        let missing = found.indices.filter { found[$0] == nil }
        guard missing.isEmpty else {
            throw ShardError(.content, "\(missing.count) of \(found.count) shards have no file in \(shardsPath): "
                             + Self.ranges(missing) + "; run them with `renosim shard run \(path) --index I`")
        }
        return found.compactMap { $0 }
    }

    /// Reads the shards in order and hands over each job's replications,
    /// complete and in replication order, as soon as the job is whole: a
    /// sweep of many grid points never holds more than one point's results.
    public func forEachJob(files: [String],
                           _ body: (_ job: Int, _ results: [ReplicationResult]) throws(ShardError) -> Void)
        throws(ShardError) {
        var job = 0
        var results: [ReplicationResult] = []
        func flushFinishedJobs() throws(ShardError) {
            while job < manifest.jobs.count && results.count == manifest.jobs[job].replications {
                try body(job, results)
                results = []
                job += 1
            }
        }
        for file in files {
            let shard: ShardFile
            do {
                shard = try LosslessJSON.decode(ShardFile.self, from: try Self.readShard(file))
            } catch let error as ShardError {
                throw error
            } catch {
                throw ShardError(.content, "\(file) is damaged (\(Self.reason(error))); remove it and run that shard again")
            }
            for part in shard.parts {
                try flushFinishedJobs()
                let segment = part.segment
                let expected = Array(segment.lower..<segment.upper)
                guard segment.job == job, segment.lower == results.count,
                      part.results.map(\.replication) == expected else {
                    throw ShardError(.content, "\(file) does not hold replications \(segment.lower)…\(segment.upper - 1) "
                                     + "of job \(segment.job) as its header says; remove it and run that shard again")
                }
                results += part.results
            }
        }
        try flushFinishedJobs()
        guard job == manifest.jobs.count else {
            throw ShardError(.content, "the shards of \(path) do not cover job \(job); plan the run again")
        }
    }

    /// A shard file's content, once its checksum line matches the rest: an
    /// edited run id, index or result is refused here.
    static func readShard(_ file: String) throws -> Data {
        let data = try Data(contentsOf: URL(fileURLWithPath: file))
        do throws(Checksummed.Failure) {
            return try Checksummed.open(data)
        } catch .noChecksumLine {
            throw ShardError(.content, "\(file) has no checksum line (damaged, or written by an older renosim); "
                             + "remove it and run that shard again")
        } catch {
            throw ShardError(.content, "\(file) does not match its checksum (edited or damaged); "
                             + "remove it and run that shard again")
        }
    }

    /// "2, 5–7, 9"
    static func ranges(_ indexes: [Int]) -> String {
        var parts: [String] = []
        var i = 0
        while i < indexes.count {
            var j = i
            while j + 1 < indexes.count && indexes[j + 1] == indexes[j] + 1 { j += 1 }
            parts.append(i == j ? "\(indexes[i])" : "\(indexes[i])–\(indexes[j])")
            i = j + 1
        }
        return parts.joined(separator: ", ")
    }

    static func reason(_ error: any Error) -> String {
        switch error {
        case DecodingError.dataCorrupted(let context): return "not JSON: \(context.debugDescription)"
        case DecodingError.keyNotFound(let key, _): return "no '\(key.stringValue)'"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            return "unexpected content at \(context.codingPath.map(\.stringValue).joined(separator: "."))"
        default: return (error as NSError).localizedDescription
        }
    }
}
