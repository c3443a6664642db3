import Foundation
import Synchronization

/// Replications done of total, rate and time left, redrawn in place on
/// stderr at most 10 times a second — only when stderr is a terminal and
/// not `--quiet`, so pipes and logs stay clean. Safe to call from the
/// worker threads.
final class ProgressBar: Sendable {
    private struct State {
        var done = 0
        var lastDraw = 0.0
        var drawn = false
    }

    private let total: Int
    private let label: String
    private let enabled: Bool
    private let start = Date()
    private let state = Mutex(State())

    init(label: String, total: Int, quiet: Bool) {
        self.label = label
        self.total = max(1, total)
        enabled = !quiet && isatty(STDERR_FILENO) == 1
    }

    /// `done` replications of `total` have finished.
    func update(_ done: Int) {
        guard enabled else { return }
        let elapsed = Date().timeIntervalSince(start)
        let line: String? = state.withLock { state in
            state.done = max(state.done, done)
            guard elapsed - state.lastDraw >= 0.1 || state.done >= total else { return nil }
            state.lastDraw = elapsed
            state.drawn = true
            return render(state.done, elapsed)
        }
        if let line { Terminal.write(line) }
    }

    /// Clears the bar so that what follows starts on a clean line.
    func finish() {
        guard enabled, state.withLock({ $0.drawn }) else { return }
        Terminal.write("\r\u{1B}[2K")
    }

    private func render(_ done: Int, _ elapsed: Double) -> String {
        let width = 28
        let filled = min(width, width * done / total)
        let rate = elapsed > 0 ? Double(done) / elapsed : 0
        let left = rate > 0 ? Double(total - done) / rate : 0
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        return "\r\u{1B}[2K\(label) \(bar) \(done)/\(total)  " + String(format: "%.1f", rate) + "/s  ETA " + Self.clock(left)
    }

    private static func clock(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        return s >= 3600 ? String(format: "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                         : String(format: "%d:%02d", s / 60, s % 60)
    }
}
