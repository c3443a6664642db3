import Foundation
import Testing

/// `--status` and `--write-status` end to end: a progress file written by
/// one run is the start of the next; a bad one is refused with located
/// errors; a changed one makes `check` refuse.
@Suite("Forecasts from a status date (CLI)")
struct StatusCommandTests {
    static let scenario = "Tests/Fixtures/minimal.yaml"

    /// Replication 0's state on 10 April 2024 written as `dir/progress.csv`: its path.
    static func writeProgress(in dir: URL) throws -> String {
        let progress = dir.appendingPathComponent("progress.csv").path
        let wrote = try CLIRunner.run(["run", scenario, "--replications", "1", "--quiet",
                                       "--write-status", progress, "--write-status-date", "2024-04-10"])
        #expect(wrote.status == 0, "\(wrote.stderr)")
        return progress
    }

    @Test("write-status, then run --status: the summary says so, result.json records the file, check reruns it")
    func writeThenForecast() throws {
        let dir = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let progress = try Self.writeProgress(in: dir)
        let text = try String(contentsOfFile: progress, encoding: .utf8)
        #expect(text.hasPrefix("status_date,2024-04-10\ncommunity,building,work_type,start,finish,inspection\n"))
        let out = dir.appendingPathComponent("out").path
        let run = try CLIRunner.run(["run", Self.scenario, "--replications", "5", "--quiet", "--status", progress, "--out", out])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.split(separator: "\n").first?.hasSuffix("seed 42, forecast from status date 2024-04-10") == true)
        let json = try String(contentsOfFile: out + "/result.json", encoding: .utf8)
        #expect(json.contains("\"status\" : {") && json.contains("\"date\" : \"2024-04-10\""))
        #expect(json.contains("\"status_date\" : \"2024-04-10\""))
        let check = try CLIRunner.run(["check", out + "/result.json", "--exact", "--quiet"])
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        try (text + "\n").write(toFile: progress, atomically: true, encoding: .utf8)
        let changed = try CLIRunner.run(["check", out + "/result.json", "--exact", "--quiet"])
        #expect(changed.status == 2)
        #expect(changed.stderr.contains("the progress file") && changed.stderr.contains("changed since"))
    }

    @Test("comparison.json and sizing.json carry the progress file's hash beside its status date")
    func hashInComparisonAndSizing() throws {
        let dir = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let progress = try Self.writeProgress(in: dir)
        let hasher = Process()
        hasher.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
        hasher.arguments = [progress]
        let pipe = Pipe()
        hasher.standardOutput = pipe
        try hasher.run()
        hasher.waitUntilExit()
        let sha = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).prefix(64)
        #expect(sha.count == 64)
        let out = dir.appendingPathComponent("out").path
        let compare = try CLIRunner.run(["compare", Self.scenario, "--plans", "all-at-once,staged", "--replications", "3",
                                         "--quiet", "--status", progress, "--out", out])
        #expect(compare.status == 0, "\(compare.stderr)")
        let comparison = try String(contentsOfFile: out + "/comparison.json", encoding: .utf8)
        #expect(comparison.components(separatedBy: "\"status_sha256\" : \"\(sha)\"").count == 3, "one per plan")
        let size = try CLIRunner.run(["size", Self.scenario, "--plan", "staged", "--replications", "3", "--confirm", "3",
                                      "--status", progress, "--out", out])
        #expect(size.status == 0, "\(size.stderr)")
        let sizing = try String(contentsOfFile: out + "/sizing.json", encoding: .utf8)
        #expect(sizing.contains("\"status_sha256\" : \"\(sha)\"") && sizing.contains("\"status_date\" : \"2024-04-10\""))
        let plain = try CLIRunner.run(["compare", Self.scenario, "--plans", "all-at-once,staged", "--replications", "3",
                                       "--quiet", "--out", out])
        #expect(plain.status == 0)
        #expect(!(try String(contentsOfFile: out + "/comparison.json", encoding: .utf8)).contains("status_sha256"))
    }

    @Test("baseline --status records a forecast; check reruns it from the progress file, and refuses once the file changed")
    func baselineForecast() throws {
        let dir = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let progress = try Self.writeProgress(in: dir)
        let baseline = dir.appendingPathComponent("forecast.json").path
        let recorded = try CLIRunner.run(["baseline", Self.scenario, "--plan", "staged", "--replications", "4", "--quiet",
                                          "--status", progress, "--out", baseline])
        #expect(recorded.status == 0, "\(recorded.stderr)")
        #expect(recorded.stdout.split(separator: "\n").first?.hasSuffix("forecast from status date 2024-04-10") == true)
        let json = try String(contentsOfFile: baseline, encoding: .utf8)
        #expect(json.contains("\"status\" : {") && json.contains("\"status_date\" : \"2024-04-10\""))
        let check = try CLIRunner.run(["check", baseline, "--exact", "--quiet"])
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        let text = try String(contentsOfFile: progress, encoding: .utf8)
        try (text + "\n").write(toFile: progress, atomically: true, encoding: .utf8)
        let changed = try CLIRunner.run(["check", baseline, "--exact", "--quiet"])
        #expect(changed.status == 2)
        #expect(changed.stderr.contains("the progress file") && changed.stderr.contains("changed since"))
        let bad = try CLIRunner.run(["baseline", Self.scenario, "--plan", "staged", "--replications", "2", "--quiet",
                                     "--status", dir.appendingPathComponent("nope.csv").path, "--out", baseline, "--force"])
        #expect(bad.status == 2 && bad.stderr.contains("nope.csv"))
    }

    @Test("a bad progress file: every problem at its line and column, exit 1; a missing one exit 2")
    func badFile() throws {
        let dir = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let progress = dir.appendingPathComponent("progress.csv").path
        try """
            status_date,2024-04-10
            community,building,work_type,start,finish,inspection
            east,1,roof,2024-03-01,2024-05-01,
            westt,1,roof,2024-03-01,,

            """.write(toFile: progress, atomically: true, encoding: .utf8)
        for command in [["run", Self.scenario, "--quiet"], ["compare", Self.scenario, "--plans", "all-at-once,staged", "--quiet"],
                        ["size", Self.scenario, "--plan", "staged"]] {
            let result = try CLIRunner.run(command + ["--status", progress, "--replications", "2"])
            #expect(result.status == 1, "\(command[0])")
            #expect(result.stderr.contains("progress.csv:3:5: error: column 'finish': 2024-05-01 is after the status date 2024-04-10"))
            #expect(result.stderr.contains("progress.csv:4:1: error: column 'community': unknown community 'westt' — did you mean 'west'?"))
        }
        let missing = try CLIRunner.run(["run", Self.scenario, "--status", dir.appendingPathComponent("nope.csv").path, "--quiet"])
        #expect(missing.status == 2 && missing.stderr.contains("nope.csv"))
        let lonely = try CLIRunner.run(["run", Self.scenario, "--write-status", progress, "--quiet"])
        #expect(lonely.status != 0 && lonely.stderr.contains("--write-status-date"))
    }
}
