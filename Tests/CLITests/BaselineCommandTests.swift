import Foundation
import Testing

/// A temporary folder holding a copy of the minimal fixture as `s.yaml`
/// and a 30-replication baseline of it, `b.json`; commands run inside it,
/// with the relative paths a repository would use.
private struct Workspace {
    let folder: URL
    let fixture: String

    init(record: Bool = true) throws {
        folder = try CLIRunner.temporaryDirectory()
        fixture = try String(contentsOf: CLIRunner.root.appendingPathComponent("Tests/Fixtures/minimal.yaml"), encoding: .utf8)
        try write("s.yaml", fixture)
        if record {
            let output = try run(["baseline", "s.yaml", "--plan", "staged", "--replications", "30", "--out", "b.json"])
            #expect(output.status == 0, "\(output.stderr)")
        }
    }

    func run(_ arguments: [String]) throws -> CLIRunner.Output {
        try CLIRunner.run(arguments + ["--quiet"], in: folder)
    }

    func write(_ name: String, _ text: String) throws {
        try Data(text.utf8).write(to: folder.appendingPathComponent(name))
    }

    func data(_ name: String) throws -> Data { try Data(contentsOf: folder.appendingPathComponent(name)) }
}

/// Whether `python3 -c "import jsonschema"` works here.
private let jsonschemaAvailable: Bool = {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-c", "import jsonschema"]
    process.standardError = FileHandle.nullDevice
    guard (try? process.run()) != nil else { return false }
    process.waitUntilExit()
    return process.terminationStatus == 0
}()

/// CI sets RENOSIM_REQUIRE_JSONSCHEMA so that a missing validator fails instead of skipping.
private let schemaTestEnabled = jsonschemaAvailable || ProcessInfo.processInfo.environment["RENOSIM_REQUIRE_JSONSCHEMA"] != nil

@Suite("renosim baseline and check, end to end")
struct BaselineCommandTests {
    @Test("an unchanged rerun passes statistically and exactly, as a table, JSON and Markdown")
    func unchanged() throws {
        let w = try Workspace()
        let table = try w.run(["check", "b.json"])
        #expect(table.status == 0, "\(table.stderr)")
        for text in ["renosim check — minimal, plan staged: 30 replications, seed 42", "scenario unchanged",
                     "metric", "baseline mean", "current mean", "difference", "Welch p", "KS p", "Holm p", "verdict",
                     "utilisation[roofing]", "unchanged: no metric of"] {
            #expect(table.stdout.contains(text), "missing \(text)")
        }
        let exact = try w.run(["check", "b.json", "--exact"])
        #expect(exact.status == 0, "\(exact.stderr)")
        #expect(exact.stdout.contains("identical"))

        let json = try w.run(["check", "b.json", "--json", "--threads", "1"])
        #expect(json.status == 0)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(report["outcome"] as? String == "unchanged")
        #expect(report["baseline_file"] as? String == "b.json")
        #expect((report["metrics"] as? [[String: Any]])?.first?["metric"] as? String == "finish_days")
        #expect(try w.run(["check", "b.json", "--json", "--threads", "2"]).stdout == json.stdout)

        let markdown = try w.run(["check", "b.json", "--markdown"])
        #expect(markdown.status == 0)
        #expect(markdown.stdout.hasPrefix("### ✅ renosim check: minimal / staged — unchanged"))
        #expect(markdown.stdout.contains("| metric | baseline mean |") && markdown.stdout.contains("<details>"))
        #expect(try w.run(["check", "b.json", "--json", "--markdown"]).status != 0)
    }

    @Test("reseeding is not flagged statistically, but is exactly")
    func reseed() throws {
        let w = try Workspace()
        let statistical = try w.run(["check", "b.json", "--seed", "7"])
        #expect(statistical.status == 0, "\(statistical.stdout)")
        #expect(statistical.stdout.contains("seed 7 (baseline 42; reseeded to test noise)"))
        let exact = try w.run(["check", "b.json", "--seed", "7", "--exact"])
        #expect(exact.status == 1)
        #expect(exact.stdout.contains("differs"))
        #expect(exact.stderr.contains("b.json:") && exact.stderr.contains("changed (exact check)"))
    }

    @Test("halving a trade's crews is caught (exit 1), but only once the changed scenario is allowed (else exit 2)")
    func crewsHalved() throws {
        let w = try Workspace()
        try w.write("s.yaml", w.fixture.replacingOccurrences(of: "painting: {crews: 2", with: "painting: {crews: 1"))
        let refused = try w.run(["check", "b.json"])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("s.yaml changed since b.json was recorded"))
        #expect(refused.stderr.contains("--allow-scenario-change"))
        #expect(refused.stdout.isEmpty)
        let changed = try w.run(["check", "b.json", "--allow-scenario-change"])
        #expect(changed.status == 1, "\(changed.stdout)")
        #expect(changed.stdout.contains("scenario CHANGED since the baseline"))
        let finish = try #require(changed.stdout.split(separator: "\n").first { $0.hasPrefix("finish_days ") })
        #expect(finish.hasSuffix("changed"))
        #expect(changed.stdout.contains("CHANGED:"))
        let markdown = try w.run(["check", "b.json", "--allow-scenario-change", "--markdown"])
        #expect(markdown.status == 1)
        #expect(markdown.stdout.hasPrefix("### ❌"))
    }

    @Test("a missing, corrupted, truncated or newer baseline, or a broken scenario, is exit 2 with the reason")
    func cannotCheck() throws {
        let w = try Workspace()
        let good = try w.data("b.json")
        let missing = try w.run(["check", "nothing.json"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("cannot check: nothing.json: no such file"))

        try good.prefix(good.count / 2).write(to: w.folder.appendingPathComponent("cut.json"))
        let truncated = try w.run(["check", "cut.json"])
        #expect(truncated.status == 2)
        #expect(truncated.stderr.contains("cut.json: not a result file: it does not parse as JSON (truncated or corrupted?)"))

        var corrupted = good
        corrupted.replaceSubrange(100..<110, with: Data("@#$%^&*()!".utf8))
        try corrupted.write(to: w.folder.appendingPathComponent("bad.json"))
        let garbage = try w.run(["check", "bad.json"])
        #expect(garbage.status == 2, "\(garbage.stderr)")
        #expect(garbage.stderr.contains("bad.json"))

        let text = String(decoding: good, as: UTF8.self)
        try w.write("new.json", text.replacingOccurrences(of: "\"schema_version\" : 2", with: "\"schema_version\" : 3"))
        let newer = try w.run(["check", "new.json"])
        #expect(newer.status == 2)
        #expect(newer.stderr.contains("schema version 3 is newer than this renosim reads (up to 2)"))

        try w.write("missing-field.json", text.replacingOccurrences(of: "\"plan\" : \"staged\",", with: ""))
        let field = try w.run(["check", "missing-field.json"])
        #expect(field.status == 2)
        #expect(field.stderr.contains("plan is missing"), "\(field.stderr)")

        // A run's result.json is a baseline too, but one replication has no spread to test.
        #expect(try w.run(["run", "s.yaml", "--plan", "staged", "--replications", "1", "--out", "one"]).status == 0)
        let single = try w.run(["check", "one/result.json"])
        #expect(single.status == 2)
        #expect(single.stderr.contains("a statistical check needs at least 2"))
        #expect(try w.run(["check", "one/result.json", "--exact"]).status == 0)

        try w.write("s.yaml", w.fixture.replacingOccurrences(of: "deadline:", with: "dedline:"))
        let invalid = try w.run(["check", "b.json", "--allow-scenario-change"])
        #expect(invalid.status == 2)
        #expect(invalid.stderr.contains("s.yaml:") && invalid.stderr.contains("dedline"))
        try FileManager.default.removeItem(at: w.folder.appendingPathComponent("s.yaml"))
        let gone = try w.run(["check", "b.json"])
        #expect(gone.status == 2)
        #expect(gone.stderr.contains("s.yaml"))
        // The scenario found again under another name.
        try w.write("moved.yaml", w.fixture)
        #expect(try w.run(["check", "b.json", "--scenario", "moved.yaml"]).status == 0)
    }

    @Test("baseline refuses to overwrite without --force and leaves the file byte-identical")
    func noOverwrite() throws {
        let w = try Workspace()
        let before = try w.data("b.json")
        let again = try w.run(["baseline", "s.yaml", "--plan", "staged", "--replications", "5", "--seed", "1", "--out", "b.json"])
        #expect(again.status == 1)
        #expect(again.stderr.contains("b.json exists and is left as it was; pass --force to replace it"))
        #expect(try w.data("b.json") == before)
        let forced = try w.run(["baseline", "s.yaml", "--plan", "staged", "--replications", "5", "--seed", "1",
                                "--out", "b.json", "--force"])
        #expect(forced.status == 0, "\(forced.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: w.data("b.json")) as? [String: Any])
        #expect(json["seed"] as? Int == 1 && json["replications"] as? Int == 5)
        #expect((json["scenario"] as? [String: Any])?["file"] as? String == "s.yaml")
        let unknownPlan = try w.run(["baseline", "s.yaml", "--plan", "nope", "--out", "c.json"])
        #expect(unknownPlan.status == 1)
        #expect(!FileManager.default.fileExists(atPath: w.folder.appendingPathComponent("c.json").path))
    }

    @Test("result.json of run --out, a baseline and the committed baselines validate against the JSON Schema",
          .enabled(if: schemaTestEnabled, "python3 with jsonschema is not installed"))
    func schema() throws {
        #expect(jsonschemaAvailable, "RENOSIM_REQUIRE_JSONSCHEMA is set but python3 cannot import jsonschema")
        let w = try Workspace()
        let run = try w.run(["run", "s.yaml", "--replications", "3", "--out", "out"])
        #expect(run.status == 0, "\(run.stderr)")
        let shipped = try CLIRunner.run(["run", "scenarios/yonghong-2022.yaml", "--plan", "three-year", "--replications", "2",
                                         "--out", w.folder.appendingPathComponent("yonghong").path, "--quiet"])
        #expect(shipped.status == 0, "\(shipped.stderr)")
        let baselines = try FileManager.default.contentsOfDirectory(
            atPath: CLIRunner.root.appendingPathComponent("results/baselines").path)
            .filter { $0.hasSuffix(".json") }.sorted()
            .map { CLIRunner.root.appendingPathComponent("results/baselines/\($0)").path }
        #expect(baselines.count >= 3)
        let files = [w.folder.appendingPathComponent("out/result.json").path, w.folder.appendingPathComponent("b.json").path,
                     w.folder.appendingPathComponent("yonghong/result.json").path] + baselines
        let valid = try validate(files)
        #expect(valid.status == 0 && valid.output.isEmpty, "\(valid.output)")
        // And a file that breaks the schema is caught: the validator does validate.
        try w.write("broken.json", String(decoding: try w.data("b.json"), as: UTF8.self)
            .replacingOccurrences(of: "\"finished\" : true", with: "\"finished\" : \"yes\""))
        let broken = try validate([w.folder.appendingPathComponent("broken.json").path])
        #expect(broken.status == 1 && broken.output.contains("'yes' is not of type 'boolean'"), "\(broken.output)")
    }

    /// Runs `scripts/validate-results.py` on `files`.
    private func validate(_ files: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", CLIRunner.root.appendingPathComponent("scripts/validate-results.py").path] + files
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let output = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, output)
    }
}
