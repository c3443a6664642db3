import Foundation
import Testing

@Suite("renosim serve, end to end")
struct ServeCommandTests {
    @Test("listens on loopback by default, on a free port with --port 0, and stops on SIGTERM")
    func loopbackByDefault() throws {
        let process = Process()
        process.executableURL = CLIRunner.binary
        process.arguments = ["serve", "Tests/Fixtures/minimal.yaml", "--port", "0"]
        process.currentDirectoryURL = CLIRunner.root
        let err = Pipe()
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { process.terminate() } }
        // Read stderr until the address line (bounded: 30 s).
        var text = ""
        let deadline = Date().addingTimeInterval(30)
        while !text.contains("(Ctrl-C to stop)"), Date() < deadline, process.isRunning {
            let data = err.fileHandleForReading.availableData
            if data.isEmpty { Thread.sleep(forTimeInterval: 0.05) } else { text += String(decoding: data, as: UTF8.self) }
        }
        #expect(text.contains("1 scenario(s) at http://127.0.0.1:"), "\(text)")
        #expect(!text.contains("warning"))
        process.terminate()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
    }

    @Test("another host is warned about; an address it cannot listen on is exit 2 with the reason")
    func otherHost() throws {
        // 192.0.2.1 (TEST-NET-1) is on no interface here: the bind fails, no traffic is sent.
        let output = try CLIRunner.run(["serve", "Tests/Fixtures/minimal.yaml", "--host", "192.0.2.1", "--port", "0"])
        #expect(output.status == 2)
        #expect(output.stderr.contains("warning: listening on 192.0.2.1"))
        #expect(output.stderr.contains("the server stopped"))
    }

    @Test("a scenario that does not load is refused before serving, located, exit 1 (2 for a missing file)")
    func badScenario() throws {
        let folder = try CLIRunner.temporaryDirectory()
        let file = folder.appendingPathComponent("bad.yaml")
        let source = try String(contentsOf: CLIRunner.root.appendingPathComponent("Tests/Fixtures/minimal.yaml"), encoding: .utf8)
        try source.replacingOccurrences(of: "{crews: 2, cost_per_hour: 300}", with: "{crews: -2, cost_per_hour: 300}")
            .write(to: file, atomically: true, encoding: .utf8)
        let bad = try CLIRunner.run(["serve", file.path, "--port", "0"])
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("bad.yaml:12:") && bad.stderr.contains("trades.roofing.crews"))
        let missing = try CLIRunner.run(["serve", "no/such/file.yaml", "--port", "0"])
        #expect(missing.status == 2 && missing.stderr.contains("no/such/file.yaml"))
    }
}
