import Foundation
import Testing

/// Issue 14, the command line: outputs never overwrite inputs, flags that
/// cannot mean what they say are refused, nothing pasted runs anything.
@Suite("Hostile use, round two")
struct HostileUseTests {
    let minimal = "Tests/Fixtures/minimal.yaml"

    @Test("a report onto its own input, a baseline or another output of the same command is refused, the file untouched")
    func reportOverOwnFiles() throws {
        let folder = try CLIRunner.temporaryDirectory().path
        let out = folder + "/run"
        let first = try CLIRunner.run(["run", minimal, "--replications", "3", "--quiet", "--out", out])
        #expect(first.status == 0, "\(first.stderr)")
        let result = out + "/result.json"
        let before = try Data(contentsOf: URL(fileURLWithPath: result))
        let onto = try CLIRunner.run(["report", result, "-o", result])
        #expect(onto.status == 1)
        #expect(onto.stderr.contains("is an input of this command"))
        // The same file by another name.
        let other = try CLIRunner.run(["report", result, "-o", out + "/../run/result.json"])
        #expect(other.status == 1)
        let copy = folder + "/B.json"
        try before.write(to: URL(fileURLWithPath: copy))
        let baseline = try CLIRunner.run(["report", result, "-o", copy])
        #expect(baseline.status == 1)
        #expect(baseline.stderr.contains("holds JSON (a result or baseline file)"))
        let runOnto = try CLIRunner.run(["run", minimal, "--replications", "3", "--quiet", "--out", out, "--report", result])
        #expect(runOnto.status == 1)
        #expect(runOnto.stderr.contains("is another output of this command"))
        let scenario = try CLIRunner.run(["run", minimal, "--replications", "3", "--quiet", "--report", minimal])
        #expect(scenario.status == 1)
        #expect(try Data(contentsOf: URL(fileURLWithPath: result)) == before)
        #expect(try Data(contentsOf: URL(fileURLWithPath: copy)) == before)
        let fine = try CLIRunner.run(["report", result, "-o", folder + "/report.html"])
        #expect(fine.status == 0, "\(fine.stderr)")
    }

    @Test("flags that cannot mean what they say: --out \"\", --plans a,a, --max-replications below --replications, size --target 1")
    func contradictoryFlags() throws {
        let empty = try CLIRunner.run(["run", minimal, "--replications", "2", "--out", ""])
        #expect(empty.status == 64)
        #expect(empty.stderr.contains("--out is empty"))
        let twice = try CLIRunner.run(["compare", minimal, "--plans", "staged,staged"])
        #expect(twice.status == 64)
        #expect(twice.stderr.contains("--plans names 'staged' twice"))
        let lowered = try CLIRunner.run(["run", minimal, "--precision", "5", "--replications", "50", "--max-replications", "10"])
        #expect(lowered.status == 64)
        #expect(lowered.stderr.contains("--max-replications (10) is below --replications (50)"))
        let target = try CLIRunner.run(["size", minimal, "--plan", "all-at-once", "--target", "1"])
        #expect(target.status == 64)
        #expect(target.stderr.contains("--target must be above 0 and below 1"))
        let help = try CLIRunner.run(["size", "--help"])
        #expect(help.stdout.contains("above 0"))
    }

    @Test("--format json | head -1: result files are written first, and the closed pipe is an error with a message")
    func closedPipe() throws {
        let folder = try CLIRunner.temporaryDirectory().path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-c", "\"$0\" run \(minimal) --replications 3 --quiet --format json --out \(folder) | head -c 1 >/dev/null; "
                             + "echo \"${PIPESTATUS[0]}\" >&2", CLIRunner.binary.path]
        process.currentDirectoryURL = CLIRunner.root
        let err = Pipe()
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(FileManager.default.fileExists(atPath: folder + "/result.json"))
        // The output is small: it may fit the pipe before head closes it (exit 0); never a silent SIGPIPE (141).
        let status = message.split(separator: "\n").last.map(String.init)
        #expect(status == "0" || (status == "2" && message.contains("cannot write to standard output")), "\(message)")
    }

    @Test("control characters in names are escaped on the terminal")
    func controlCharacters() throws {
        let folder = try CLIRunner.temporaryDirectory()
        var yaml = try String(contentsOf: CLIRunner.root.appendingPathComponent(minimal), encoding: .utf8)
        yaml = yaml.replacingOccurrences(of: "name: minimal", with: "name: \"evil\\e[31mred\\nline\"")
        yaml = yaml.replacingOccurrences(of: "  - name: all-at-once", with: "  - name: \"all\\e[2Jclear\"")
        let path = folder.appendingPathComponent("s.yaml").path
        try yaml.write(toFile: path, atomically: true, encoding: .utf8)
        let run = try CLIRunner.run(["run", path, "--replications", "2", "--quiet"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(!run.stdout.contains("\u{1B}"))
        #expect(run.stdout.contains("evil\\u{1B}[31mred\\nline — plan all\\u{1B}[2Jclear"))
        let validate = try CLIRunner.run(["validate", path])
        #expect(!validate.stdout.contains("\u{1B}"))
        let missing = try CLIRunner.run(["run", path, "--plan", "x\u{1B}[2J"])
        #expect(missing.status == 1)
        #expect(!missing.stderr.contains("\u{1B}"))
    }
}
