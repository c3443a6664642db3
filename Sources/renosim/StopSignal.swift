import Dispatch
import Foundation
import Synchronization

/// SIGINT and SIGTERM, turned into a flag that a long run checks between
/// replications, so that it can save what it has and say how to resume
/// instead of dying with files half-written.
final class StopSignal: Sendable {
    private let received = Atomic<Int32>(0)

    private init() {}

    /// Installs the handlers (once) and returns the flag.
    static func install() -> StopSignal {
        let flag = StopSignal()
        for number in [SIGINT, SIGTERM] {
            Foundation.signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { flag.received.store(number, ordering: .relaxed) }
            source.resume()
            // The sources must outlive this call; they live as long as the process.
            retainedSources.append(source)
        }
        return flag
    }

    /// For runs that keep nothing to resume from: on SIGINT or SIGTERM,
    /// says so (`message` gets the signal's name) and exits at once.
    static func exitSaying(_ message: @escaping @Sendable (String) -> String) {
        for number in [SIGINT, SIGTERM] {
            Foundation.signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                Terminal.error(message(number == SIGTERM ? "SIGTERM" : "SIGINT"))
                exit(128 + number)
            }
            source.resume()
            retainedSources.append(source)
        }
    }

    /// The signal received, or nil.
    var signal: Int32? {
        let value = received.load(ordering: .relaxed)
        return value == 0 ? nil : value
    }

    var requested: Bool { signal != nil }

    /// The conventional exit status for a process stopped by `signal`.
    var exitCode: Int32 { 128 + (signal ?? SIGINT) }

    var name: String { signal == SIGTERM ? "SIGTERM" : "SIGINT" }
}

/// Written only by `install`, from the main thread, before any worker starts.
nonisolated(unsafe) private var retainedSources: [any DispatchSourceSignal] = []
