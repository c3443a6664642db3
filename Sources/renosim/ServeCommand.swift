import ArgumentParser
import Dispatch
import Foundation
import Hummingbird
import Renovation
import Synchronization
import WhatIf

struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve a what-if page for the given scenarios in the browser.",
        discussion: """
            Reads the scenario files once, then serves one self-contained page: choose a scenario and a \
            plan, change crews, supervisors, the response team, the release phasing, the dispatch rule \
            and the deadline, and run; two variants compare on common random numbers. Listens on \
            127.0.0.1 (this machine only) unless --host says otherwise. Stop it with Ctrl-C.

              renosim serve scenarios/yonghong-2022.yaml scenarios/benxi-2018.yaml
              renosim serve scenarios/yonghong-2022.yaml --port 0        # a free port, printed on stderr
            """
    )

    @Argument(help: "Scenario files (YAML): the only files the page can run.") var scenarios: [String]
    @Option(help: "Port to listen on (0: any free port).") var port = 8080
    @Option(help: "Address to listen on; anything but 127.0.0.1, ::1 or localhost lets other machines in.")
    var host = "127.0.0.1"
    @Option(help: "Most replications per variant of one run.") var maxReplications = 5_000
    @Option(help: ArgumentHelp("A run still going after this long stops.", valueName: "seconds")) var timeLimit: Double = 120
    @Option(help: "Runs under way at once, over all users.") var maxRuns = 4
    @Option(help: "Worker threads per run (default: all cores).") var threads: Int?

    func validate() throws {
        guard !scenarios.isEmpty else { throw ValidationError("give at least one scenario file to serve") }
        guard (0...65_535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
        guard maxReplications >= 1 else { throw ValidationError("--max-replications must be at least 1") }
        guard timeLimit > 0, timeLimit.isFinite else { throw ValidationError("--time-limit must be a positive number of seconds") }
        guard maxRuns >= 1 else { throw ValidationError("--max-runs must be at least 1") }
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1") }
    }

    func run() throws {
        try reporting {
            let catalogue: WhatIfCatalogue
            do {
                catalogue = try WhatIfCatalogue(files: scenarios)
            } catch let error as ScenarioError {
                throw CLIFailure(message: error.description, code: error.kind == .file ? 2 : 1)
            }
            if !WhatIfServer.isLoopback(host) {
                Terminal.error("warning: listening on \(host): anyone who can reach this address can run simulations on "
                               + "this machine; there is no login. Put it behind a reverse proxy with authentication "
                               + "(README: renosim serve), or use --host 127.0.0.1")
            }
            var limits = WhatIfLimits(threads: threads ?? ProcessInfo.processInfo.activeProcessorCount)
            limits.maxReplications = maxReplications
            limits.timeLimitSeconds = timeLimit
            limits.maxActiveRuns = maxRuns
            let folder = try Self.makeFolder()
            defer { try? FileManager.default.removeItem(atPath: folder) }
            let server = WhatIfServer(catalogue: catalogue, limits: limits, folder: folder,
                                      workingFolder: FileManager.default.currentDirectoryPath)
            let app = server.application(host: host, port: port, log: { Terminal.error($0) }, running: { url in
                Terminal.note("renosim serve: \(catalogue.entries.count) scenario(s) at \(url) (Ctrl-C to stop)")
            })
            // ArgumentParser's root command is synchronous: the server runs in a task and this thread waits.
            let failure = Mutex<String?>(nil)
            let finished = DispatchSemaphore(value: 0)
            Task {
                do {
                    try await app.runService()
                } catch {
                    failure.withLock { $0 = "\(error)" }
                }
                server.cancelAll()
                finished.signal()
            }
            finished.wait()
            if let message = failure.withLock({ $0 }) {
                throw CLIFailure(message: "the server stopped: \(message)", code: 2)
            }
        }
    }

    /// A private folder for run files, removed when the server stops.
    static func makeFolder() throws -> String {
        var template = Array((NSTemporaryDirectory() as NSString).appendingPathComponent("renosim-serve-XXXXXX").utf8CString)
        guard let made = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
            throw CLIFailure(message: "cannot make a folder for run files in \(NSTemporaryDirectory()): "
                             + String(cString: strerror(errno)), code: 2)
        }
        return String(cString: made)
    }
}
