import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Paths that cannot be read or written, a disk that fills up while results
/// are written, and a programme too large for the machine: each is a clear
/// message and a non-zero exit, never a crash or a hang, and no result file
/// that was there before is damaged. Tests run as root, so permissions do
/// not stop a write: the paths are impossible by their shape instead.
@Suite("Hostile input end to end: unreadable and unwritable paths, a full disk, a huge programme")
struct HostileInputTests {
    static let minimal = CLIRunner.root.appendingPathComponent("Tests/Fixtures/minimal.yaml").path

    /// The names in `folder` and below, temporary files included.
    static func files(in folder: URL) -> [String] {
        let names = FileManager.default.enumerator(atPath: folder.path)?.compactMap { $0 as? String } ?? []
        return names.sorted()
    }

    @Test("unreadable scenario paths: a file used as a folder, a folder, /proc/self/mem, an endless /dev/zero")
    func unreadableScenario() throws {
        let folder = try CLIRunner.temporaryDirectory()
        try Data("x".utf8).write(to: folder.appendingPathComponent("file"))
        let cases: [(String, String)] = [
            (folder.appendingPathComponent("file/s.yaml").path, "cannot read the file: a part of the path is a file, not a folder"),
            (folder.path, "is a folder; expected a scenario file (.yaml)"),
            ("/proc/self/mem", "cannot read the file: "),
            ("/dev/zero", "the file has more than 67108864 bytes; expected at most 67108864 bytes"),
        ]
        for (path, message) in cases {
            let output = try CLIRunner.run(["validate", path])
            #expect(output.status == 2, "\(path): \(output.stderr)")
            #expect(output.stderr.contains("\(path): error: \(message)"), "\(output.stderr)")
            #expect(output.stdout.isEmpty)
        }
    }

    @Test("unreadable result paths for report and check: a folder, a file used as a folder, /proc/self/mem")
    func unreadableResults() throws {
        let folder = try CLIRunner.temporaryDirectory()
        try Data("x".utf8).write(to: folder.appendingPathComponent("file"))
        let cases: [(String, String)] = [
            (folder.path, "it is a folder; expected a result file (.json)"),
            (folder.appendingPathComponent("file/result.json").path, "a part of the path is a file, not a folder"),
            ("/proc/self/mem", "cannot read the file: "),
        ]
        for (path, message) in cases {
            for arguments in [["report", path, "-o", folder.appendingPathComponent("r.html").path], ["check", path]] {
                let output = try CLIRunner.run(arguments)
                #expect(output.status == 2, "\(arguments): \(output.stderr)")
                #expect(output.stderr.contains(message), "\(output.stderr)")
            }
        }
        #expect(Self.files(in: folder) == ["file"])
    }

    @Test("unwritable result paths: under a file, onto a folder or a FIFO, inside /proc; nothing left behind")
    func unwritable() throws {
        let folder = try CLIRunner.temporaryDirectory()
        try Data("x".utf8).write(to: folder.appendingPathComponent("file"))
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("dir"), withIntermediateDirectories: false)
        #expect(mkfifo(folder.appendingPathComponent("fifo").path, 0o600) == 0)
        let run = ["run", Self.minimal, "--replications", "2", "--quiet"]
        let cases: [([String], String)] = [
            (run + ["--out", folder.appendingPathComponent("file/out").path], "is a file, not a folder"),
            (run + ["--report", folder.appendingPathComponent("dir").path], "it is a folder; expected a file name"),
            (run + ["--report", folder.appendingPathComponent("fifo").path], "it is a device, FIFO or socket, not a regular file"),
            (run + ["--out", "/proc/renosim-cannot-be-here"], "cannot write"),
            (["baseline", Self.minimal, "--plan", "staged", "--replications", "2", "--quiet",
              "--out", folder.appendingPathComponent("dir").path, "--force"], "it is a folder; expected a file name"),
        ]
        for (arguments, message) in cases {
            let output = try CLIRunner.run(arguments)
            #expect(output.status == 2, "\(arguments.last ?? ""): \(output.stderr)")
            #expect(output.stderr.contains(message), "\(output.stderr)")
        }
        // No temporary file anywhere, and the FIFO is still a FIFO.
        #expect(Self.files(in: folder) == ["dir", "fifo", "file"])
        var info = stat()
        #expect(stat(folder.appendingPathComponent("fifo").path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFIFO)
    }

    @Test("a full disk while writing results: exit 2 saying so, result.json byte-identical, no temporary file")
    func fullDisk() throws {
        let folder = try CLIRunner.temporaryDirectory()
        let out = folder.appendingPathComponent("out")
        let first = try CLIRunner.run(["run", Self.minimal, "--replications", "2", "--quiet", "--out", out.path])
        #expect(first.status == 0, "\(first.stderr)")
        let before = try Data(contentsOf: out.appendingPathComponent("result.json"))
        let names = Self.files(in: out)

        // 4 KiB per file: the new results are larger, so their writes fail with EFBIG
        // (40 replications: result.json, then saving the replications for --resume fails too;
        // 2: result.json, after which the 2 replications are saved).
        for replications in ["40", "2"] {
            let full = try CLIRunner.run(["run", Self.minimal, "--replications", replications, "--seed", "5", "--quiet",
                                          "--out", out.path], fileSizeLimitKiB: 4)
            #expect(full.status == 2, "\(full.stderr)")
            #expect(full.stderr.contains("cannot write"), "\(full.stderr)")
            #expect(full.stderr.contains("the disk is full or a file size limit was reached"), "\(full.stderr)")
            #expect(try Data(contentsOf: out.appendingPathComponent("result.json")) == before)
            #expect(!Self.files(in: out).contains { $0.hasSuffix(".tmp") }, "\(Self.files(in: out))")
        }
        #expect(Self.files(in: out).filter { !$0.hasPrefix(".renosim-checkpoint") } == names)
        // Nothing computed is lost: with space again, --resume writes the files without simulating.
        let resumed = try CLIRunner.run(["run", Self.minimal, "--replications", "2", "--seed", "5", "--quiet",
                                         "--out", out.path, "--resume"])
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(resumed.stderr.contains("resuming: 2 of 2 replications already done"), "\(resumed.stderr)")
        #expect(Self.files(in: out) == names)

        // A baseline replaced with --force on a full disk keeps its old bytes.
        let baseline = folder.appendingPathComponent("b.json")
        let recorded = try CLIRunner.run(["baseline", Self.minimal, "--plan", "staged", "--replications", "2", "--quiet",
                                          "--out", baseline.path])
        #expect(recorded.status == 0, "\(recorded.stderr)")
        let old = try Data(contentsOf: baseline)
        let forced = try CLIRunner.run(["baseline", Self.minimal, "--plan", "staged", "--replications", "30", "--quiet",
                                        "--out", baseline.path, "--force"], fileSizeLimitKiB: 4)
        #expect(forced.status == 2, "\(forced.stderr)")
        #expect(forced.stderr.contains("the disk is full or a file size limit was reached"), "\(forced.stderr)")
        #expect(try Data(contentsOf: baseline) == old)
        #expect(!Self.files(in: folder).contains { $0.hasSuffix(".tmp") })
    }

    @Test("stderr or stdout closed or full: exit 2, not a trap", arguments: [
        "validate /no/such.yaml 2>/dev/full", "validate /no/such.yaml 2>&-", "validate \"$1\" >/dev/full",
    ])
    func fullTerminal(_ command: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        // $0 is the binary, $1 the fixture.
        process.arguments = ["-c", "\"$0\" \(command)", CLIRunner.binary.path, Self.minimal]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        // Foundation's FileHandle.write(_: Data) used to trap here: SIGILL, status 132.
        #expect(process.terminationReason == .exit && process.terminationStatus == 2, "\(process.terminationStatus)")
    }

    @Test("10⁷ buildings on a small machine: refused with a memory estimate, at once")
    func tenMillionBuildings() throws {
        let folder = try CLIRunner.temporaryDirectory()
        let yaml = try String(contentsOfFile: Self.minimal, encoding: .utf8)
        let huge = yaml + "generate:\n  - {count: 1000000, name_prefix: g-, buildings: 10, units: 30}\n"
        let file = folder.appendingPathComponent("huge.yaml")
        try Data(huge.utf8).write(to: file)
        let started = Date()
        for command in ["validate", "run"] {
            let output = try CLIRunner.run([command, file.path])
            #expect(output.status == 1, "\(output.stderr)")
            #expect(output.stderr.contains("the programme has about 10000"), "\(output.stderr)")
            #expect(output.stderr.contains("GiB of memory per replication; expected at most 5000000 buildings"))
        }
        #expect(Date().timeIntervalSince(started) < 10)
    }
}
