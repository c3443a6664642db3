import ArgumentParser
import Foundation
import Reports

/// Prints a planner-readable error on stderr and exits with `code`:
/// 1 for bad input the user can fix, 2 for files that cannot be read or written.
struct CLIFailure: Error, CustomStringConvertible {
    let message: String
    let code: Int32

    var description: String { message }
}

enum Terminal {
    static func error(_ message: String) {
        write("renosim: " + message + "\n")
    }

    static func note(_ message: String) {
        write(message + "\n")
    }

    /// To stderr. Not `FileHandle.write(_: Data)`: it traps (`try!` inside
    /// Foundation) when stderr is closed or full, e.g. `2>/dev/full`.
    /// Control characters from names in messages are escaped; line breaks stay.
    static func write(_ text: String) {
        try? FileHandle.standardError.write(contentsOf: Data(text.terminalSafeKeepingLines.utf8))
    }
}

extension ParsableCommand {
    /// Runs `body`, turning a `CLIFailure` into a message and an exit code.
    func reporting(_ body: () throws -> Void) throws {
        do {
            try body()
            // Results left in stdout's buffer that cannot be written (`>/dev/full`) are a failure, not a
            // success. (Swift 6 will not read C's `stdout` for ferror(): a long output whose earlier
            // writes failed and whose buffer is empty at the end still exits 0.)
            if fflush(nil) != 0 {
                throw CLIFailure(message: "cannot write to standard output: \(String(cString: strerror(errno)))", code: 2)
            }
        } catch let failure as CLIFailure {
            Terminal.error(failure.message)
            throw ExitCode(failure.code)
        }
    }
}
