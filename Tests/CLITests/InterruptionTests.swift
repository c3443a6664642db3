import Foundation
import Testing

@Suite("Interrupted runs")
struct InterruptionTests {
    @Test("SIGINT saves finished replications and says how to resume; --resume ends byte-identical")
    func interruptAndResume() throws {
        let folder = try CLIRunner.temporaryDirectory()
        let interrupted = folder.appendingPathComponent("interrupted").path
        let args = ["run", "scenarios/yonghong-2022.yaml", "--plan", "three-year", "--replications", "80",
                    "--seed", "5", "--threads", "1", "--quiet", "--checkpoint-every", "0"]

        let process = Process()
        process.executableURL = CLIRunner.binary
        process.arguments = args + ["--out", interrupted]
        process.currentDirectoryURL = CLIRunner.root
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        // Interrupt as soon as the first chunk of replications is saved.
        let firstChunk = interrupted + "/.renosim-checkpoint/chunk-000000.json"
        let deadline = Date().addingTimeInterval(120)
        while !FileManager.default.fileExists(atPath: firstChunk) && process.isRunning && Date() < deadline {
            Thread.sleep(forTimeInterval: 0.05)
        }
        process.interrupt()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()

        #expect(process.terminationStatus == 130, "\(message)")
        #expect(message.contains("interrupted by SIGINT"))
        #expect(message.contains("--resume"))
        // No result file, whole or half.
        #expect(!FileManager.default.fileExists(atPath: interrupted + "/result.json"))

        let resumed = try CLIRunner.run(args + ["--out", interrupted, "--resume"])
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(resumed.stderr.contains("resuming:"))
        let whole = folder.appendingPathComponent("whole").path
        let reference = try CLIRunner.run(args + ["--out", whole])
        #expect(reference.status == 0)
        #expect(resumed.stdout == reference.stdout)
        for name in ["result.json", "replications.csv", "buildings.csv", "communities.csv", "schedule.csv", "results.sqlite"] {
            let a = try Data(contentsOf: URL(fileURLWithPath: interrupted + "/" + name))
            let b = try Data(contentsOf: URL(fileURLWithPath: whole + "/" + name))
            #expect(a == b, "\(name) differs after resuming")
        }
        // The checkpoint is gone once the results are written.
        #expect(!FileManager.default.fileExists(atPath: interrupted + "/.renosim-checkpoint"))
    }

    @Test("--resume with nothing to resume, or a checkpoint of another run, is refused")
    func refused() throws {
        let folder = try CLIRunner.temporaryDirectory().path
        let none = try CLIRunner.run(["run", "scenarios/yonghong-2022.yaml", "--replications", "3", "--out", folder, "--resume"])
        #expect(none.status == 1)
        #expect(none.stderr.contains("no checkpoint"))
        let usage = try CLIRunner.run(["run", "scenarios/yonghong-2022.yaml", "--resume"])
        #expect(usage.status != 0)
    }
}
