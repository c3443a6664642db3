import Experiments
import Foundation
import Renovation
import Reports

/// What a sharded run is: its jobs (one per plan run, or per sweep grid
/// point), their replications, and how they are cut into shards.
///
/// Replication `r` of a job draws from streams keyed by (seed, r, …), never
/// from a shared generator, so any shard can run anywhere, in any order,
/// and the merge of all shards equals the run that did them in one process.
/// Shards are consecutive ranges of the jobs' replications laid end to end,
/// as even as whole replications allow.
public struct ShardManifest: Codable, Sendable, Equatable {
    public static let formatName = "renosim-shards"
    public static let formatVersion = 1

    public enum Kind: String, Codable, Sendable {
        /// One plan of one scenario: the merge is that run's result.
        case run
        /// Scenarios × plans × a parameter grid: one result per grid point.
        case sweep
    }

    /// A scenario file the jobs read, copied into the folder as it was.
    public struct ScenarioCopy: Codable, Sendable, Equatable {
        /// Path of the copy inside the folder.
        public var copy: String
        /// The original: name, path relative to where `shard plan` ran, hash.
        public var reference: ResultDocument.ScenarioReference
    }

    /// One plan run: a plan of a scenario, with a grid point's values set.
    public struct Job: Codable, Sendable, Equatable {
        public var scenario: Int
        public var plan: String
        public var seed: UInt64
        public var replications: Int
        public var assignments: [ScenarioOverride.Assignment]
        /// "001", "002", … for sweeps; the plan's name for a run.
        public var label: String
    }

    /// Replications `lower..<upper` of job `job`.
    public struct Segment: Codable, Sendable, Equatable {
        public var job: Int
        public var lower: Int
        public var upper: Int
    }

    public var format: String
    public var formatVersion: Int
    /// SHA-256 over everything below: the identity every shard file carries.
    public var id: String
    public var toolVersion: String
    public var kind: Kind
    public var name: String
    /// The sweep's grid keys, in order (empty for a run).
    public var grid: [String]
    public var scenarios: [ScenarioCopy]
    public var jobs: [Job]
    public var shards: [[Segment]]

    public init(kind: Kind, name: String, grid: [String], scenarios: [ScenarioCopy], jobs: [Job], shards count: Int,
                toolVersion: String) {
        format = Self.formatName
        formatVersion = Self.formatVersion
        id = ""
        self.toolVersion = toolVersion
        self.kind = kind
        self.name = name
        self.grid = grid
        self.scenarios = scenarios
        self.jobs = jobs
        shards = Self.split(jobs.map(\.replications), into: count)
        id = identity()
    }

    public var totalReplications: Int { jobs.reduce(0) { $0 + $1.replications } }

    /// `counts` laid end to end and cut into `shards` consecutive pieces whose
    /// sizes differ by at most one; a job may span several shards and a
    /// shard several jobs.
    public static func split(_ counts: [Int], into shards: Int) -> [[Segment]] {
        let total = counts.reduce(0, +)
        var starts = [0]
        for count in counts { starts.append(starts[starts.count - 1] + count) }
        return (0..<shards).map { k in
            let lower = total * k / shards, upper = total * (k + 1) / shards
            var segments: [Segment] = []
            for (job, count) in counts.enumerated() where count > 0 {
                let from = max(lower, starts[job]), to = min(upper, starts[job] + count)
                if from < to { segments.append(Segment(job: job, lower: from - starts[job], upper: to - starts[job])) }
            }
            return segments
        }
    }

    /// SHA-256 of the manifest with an empty `id`.
    func identity() -> String {
        var copy = self
        copy.id = ""
        let bytes = (try? LosslessJSON.encode(copy)) ?? Data()
        return SHA256.hex(Array(bytes))
    }
}
