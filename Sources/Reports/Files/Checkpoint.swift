import Foundation
import Renovation

/// Finished replications of a long run, saved as it goes so that an
/// interrupted run can be resumed.
///
/// The folder holds `manifest.json` (what is being run) and one file per
/// finished chunk of replications (`chunk-000000.json`, …), each written
/// atomically and never rewritten, so a crash or a kill at any moment leaves
/// only whole chunks behind. Replications are independent and keyed by their
/// number, so running the missing ones later gives exactly the results of an
/// uninterrupted run.
public struct Checkpoint: Sendable {
    public struct Manifest: Codable, Equatable, Sendable {
        public var toolVersion: String
        public var scenarioSHA256: String
        public var plan: String
        public var seed: UInt64
        public var replications: Int

        public init(toolVersion: String, scenarioSHA256: String, plan: String, seed: UInt64, replications: Int) {
            self.toolVersion = toolVersion
            self.scenarioSHA256 = scenarioSHA256
            self.plan = plan
            self.seed = seed
            self.replications = replications
        }
    }

    public enum CheckpointError: Error, CustomStringConvertible {
        case missing(String)
        case mismatch(String)
        case unreadable(String, String)
        case cannotWrite(String, String)

        public var description: String {
            switch self {
            case .missing(let folder): return "no checkpoint in \(folder) to resume from"
            case .mismatch(let what): return "the checkpoint is of another run (\(what)); run without --resume to start afresh"
            case .unreadable(let path, let why): return "cannot read checkpoint file \(path): \(why)"
            case .cannotWrite(let path, let why): return "cannot write checkpoint file \(path): \(why)"
            }
        }
    }

    public let folder: String
    public let manifest: Manifest

    /// The checkpoint folder used for results written to `out`.
    public static func folder(for out: String) -> String {
        (out as NSString).appendingPathComponent(".renosim-checkpoint")
    }

    /// Starts a new checkpoint, discarding any earlier one in the folder.
    public static func start(in folder: String, manifest: Manifest) throws(CheckpointError) -> Checkpoint {
        try? FileManager.default.removeItem(atPath: folder)
        let checkpoint = Checkpoint(folder: folder, manifest: manifest)
        try checkpoint.write(manifest, to: "manifest.json")
        return checkpoint
    }

    /// Reopens the checkpoint in `folder`, which must be of the same run,
    /// and returns it with the replications it already holds (in order).
    /// Each chunk must match its checksum and pass `check` (given the chunk
    /// and the number of its first replication; it returns what is wrong);
    /// a chunk that does not is refused by name.
    public static func resume(in folder: String, manifest: Manifest,
                              check: ([ReplicationResult], Int) -> String? = { _, _ in nil }) throws(CheckpointError)
        -> (Checkpoint, [ReplicationResult]) {
        let path = (folder as NSString).appendingPathComponent("manifest.json")
        guard FileManager.default.fileExists(atPath: path) else { throw .missing(folder) }
        let saved: Manifest = try read(path)
        for (name, old, new) in [("scenario file", saved.scenarioSHA256, manifest.scenarioSHA256),
                                 ("plan", saved.plan, manifest.plan), ("seed", "\(saved.seed)", "\(manifest.seed)"),
                                 ("replications", "\(saved.replications)", "\(manifest.replications)")]
        where old != new {
            throw .mismatch("\(name): \(old) then, \(new) now")
        }
        var results: [ReplicationResult] = []
        var chunk = 0
        while true {
            let file = (folder as NSString).appendingPathComponent(chunkName(chunk))
            guard FileManager.default.fileExists(atPath: file) else { break }
            let part = (try read(file, checksummed: true) as PackedResults).results
            for (offset, r) in part.enumerated() where r.replication != results.count + offset {
                throw .unreadable(file, "replication \(r.replication) where \(results.count + offset) was expected")
            }
            if let problem = check(part, results.count) {
                throw .unreadable(file, problem + "; run without --resume to start afresh")
            }
            results += part
            chunk += 1
        }
        return (Checkpoint(folder: folder, manifest: saved), Array(results.prefix(manifest.replications)))
    }

    /// Saves replications that follow the ones already saved.
    public func append(_ results: [ReplicationResult]) throws(CheckpointError) {
        guard !results.isEmpty else { return }
        var chunk = 0
        while FileManager.default.fileExists(atPath: (folder as NSString).appendingPathComponent(Self.chunkName(chunk))) {
            chunk += 1
        }
        try write(PackedResults(results), to: Self.chunkName(chunk), checksummed: true)
    }

    /// Removes the checkpoint once the results are written.
    public func remove() {
        try? FileManager.default.removeItem(atPath: folder)
    }

    static func chunkName(_ index: Int) -> String {
        let digits = String(index)
        return "chunk-" + String(repeating: "0", count: max(0, 6 - digits.count)) + digits + ".json"
    }

    // LosslessJSON, not ResultJSON: an infinity must come back as an
    // infinity for a resumed run to be byte-identical. A chunk starts with
    // a line holding the SHA-256 of the JSON that follows, so an edited or
    // damaged chunk is refused rather than trusted.
    func write<T: Encodable>(_ value: T, to name: String, checksummed: Bool = false) throws(CheckpointError) {
        let path = (folder as NSString).appendingPathComponent(name)
        do {
            let json = try LosslessJSON.encode(value)
            try AtomicFile.write(checksummed ? Checksummed.seal(json) : json, to: path)
        } catch {
            throw .cannotWrite(path, "\(error)")
        }
    }

    static func read<T: Decodable>(_ path: String, checksummed: Bool = false) throws(CheckpointError) -> T {
        var data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw .unreadable(path, "\(error)")
        }
        if checksummed {
            do throws(Checksummed.Failure) {
                data = try Checksummed.open(data)
            } catch .noChecksumLine {
                throw .unreadable(path, "it has no checksum line (damaged, or written by an older renosim)")
            } catch {
                throw .unreadable(path, "its content does not match its checksum (edited or damaged); "
                                  + "run without --resume to start afresh")
            }
        }
        do {
            return try LosslessJSON.decode(T.self, from: data)
        } catch {
            throw .unreadable(path, "\(error)")
        }
    }
}
