import Experiments
import Foundation
import Renovation
import Reports
import Synchronization
import Testing

@Suite("Checkpoints and printed commands are not trusted blindly")
struct CheckpointTests {
    /// A checkpoint of 6 replications of the minimal scenario in 2 chunks, and what resuming checks.
    func checkpoint() throws -> (Checkpoint, Checkpoint.Manifest, (([ReplicationResult], Int) -> String?)) {
        let scenario = try ScenarioLoader.load(path: repositoryRoot.appendingPathComponent("Tests/Fixtures/minimal.yaml").path).valid
        let model = try CompiledPlan(scenario: scenario, plan: "staged")
        let results = ReplicationRunner(threads: 1).run(model: model, seed: 5, replications: 0..<6)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("renosim-checkpoint-\(UUID().uuidString)").path
        let manifest = Checkpoint.Manifest(toolVersion: "test", scenarioSHA256: "x", plan: "staged", seed: 5, replications: 6)
        let checkpoint = try Checkpoint.start(in: folder, manifest: manifest)
        try checkpoint.append(Array(results[0..<3]))
        try checkpoint.append(Array(results[3..<6]))
        let names = ResultDocument.names(model, years: model.budgetPerYear.count)
        let check: ([ReplicationResult], Int) -> String? = { part, first in
            do throws(ResultDocumentError) {
                try ResultDocument.validate(part.map { ReplicationRecord($0, plan: model) }, first: first, names: names)
                return nil
            } catch {
                return error.description
            }
        }
        return (checkpoint, manifest, check)
    }

    @Test("an intact checkpoint resumes with every replication")
    func intact() throws {
        let (checkpoint, manifest, check) = try checkpoint()
        let (_, results) = try Checkpoint.resume(in: checkpoint.folder, manifest: manifest, check: check)
        #expect(results.map(\.replication) == Array(0..<6))
    }

    @Test("saving is by time: a run that finishes within the interval writes no chunk; 0 saves every part; a stop saves all")
    func savingByTime() throws {
        let scenario = try ScenarioLoader.load(path: repositoryRoot.appendingPathComponent("Tests/Fixtures/minimal.yaml").path).valid
        let model = try CompiledPlan(scenario: scenario, plan: "staged")
        func chunks(_ folder: String) -> [String] {
            ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasPrefix("chunk-") }.sorted()
        }
        func run(saveEvery: Double, stopAfter: Int? = nil) throws -> (CheckpointedRun.Outcome, [String]) {
            let out = FileManager.default.temporaryDirectory.appendingPathComponent("renosim-save-\(UUID().uuidString)").path
            let run = CheckpointedRun(model: model, seed: 5, replications: 120, out: out, scenarioSHA256: "x")
            let done = Progress()
            let outcome = try run.run(resume: false, runner: ReplicationRunner(threads: 1), saveEvery: saveEvery,
                                      progress: { n in done.count.withLock { $0 = max($0, n) } },
                                      stop: { stopAfter.map { n in done.count.withLock { $0 >= n } } ?? false })
            return (outcome, chunks(run.folder))
        }
        // 120 replications in parts of 50: none saved when the run ends within an hour.
        let (quiet, none) = try run(saveEvery: 3600)
        guard case .finished(let results, _, let saved) = quiet else { Issue.record("not finished"); return }
        #expect(results.map(\.replication) == Array(0..<120))
        #expect(saved == 0 && none.isEmpty)
        // 0: every part but the last (which the result files hold).
        let (every, two) = try run(saveEvery: 0)
        guard case .finished(_, _, let savedEvery) = every else { Issue.record("not finished"); return }
        #expect(savedEvery == 100 && two == ["chunk-000000.json", "chunk-000001.json"])
        // Stopped after the first replication: what was run is saved, however long the interval.
        let (stopped, one) = try run(saveEvery: 3600, stopAfter: 1)
        guard case .interrupted(let kept) = stopped else { Issue.record("not interrupted"); return }
        #expect(kept >= 1 && kept < 120 && one == ["chunk-000000.json"])
    }

    @Test("a chunk edited to finishDays -1e308 is refused by name: by its checksum, and by the result files' range checks")
    func tampered() throws {
        let (checkpoint, manifest, check) = try checkpoint()
        let chunk = checkpoint.folder + "/chunk-000001.json"
        let text = try String(contentsOfFile: chunk, encoding: .utf8)
        let edited = try #require(text.range(of: #""finishDays":[0-9.e+]+"#, options: .regularExpression))
        let damaged = text.replacingCharacters(in: edited, with: "\"finishDays\":-1e308")
        try damaged.write(toFile: chunk, atomically: true, encoding: .utf8)
        #expect(throws: Checkpoint.CheckpointError.self) { try Checkpoint.resume(in: checkpoint.folder, manifest: manifest, check: check) }
        do {
            _ = try Checkpoint.resume(in: checkpoint.folder, manifest: manifest, check: check)
        } catch {
            #expect(error.description.contains("chunk-000001.json"))
            #expect(error.description.contains("does not match its checksum"))
        }
        // The checksum made right again: the range check still refuses it.
        let json = String(damaged[damaged.index(after: try #require(damaged.firstIndex(of: "\n")))...])
        try (SHA256.hex(Array(json.utf8)) + "\n" + json).write(toFile: chunk, atomically: true, encoding: .utf8)
        do {
            _ = try Checkpoint.resume(in: checkpoint.folder, manifest: manifest, check: check)
            Issue.record("a chunk with finish_days -1e308 was accepted")
        } catch {
            #expect(error.description.contains("chunk-000001.json"))
            #expect(error.description.contains("per_replication[3].finish_days is -1e+308; expected 0 to 40000 days"))
        }
    }

    @Test("printed commands are quoted for a POSIX shell: spaces, quotes, ;, $( ), newlines run nothing")
    func shellQuoting() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("renosim-quote-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let nasty = ["plain-name.yaml", "with space", "it's", "\"double\"", "p; touch PWNED #", "$(touch PWNED)", "`touch PWNED`",
                     "line\nbreak", "", "*", "~", "a\\b", "'"]
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "printf '%s\\0' " + ShellQuote.command(nasty)]
        process.currentDirectoryURL = folder
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let back = data.split(separator: 0, omittingEmptySubsequences: false).dropLast().map { String(decoding: $0, as: UTF8.self) }
        #expect(back == nasty)
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("PWNED").path))
        #expect(ShellQuote.command(["renosim", "run", "a b"]) == "renosim run 'a b'")
    }
}

/// Replications done so far, as a run's progress reports them from its threads.
private final class Progress: Sendable {
    let count = Mutex(0)
}

