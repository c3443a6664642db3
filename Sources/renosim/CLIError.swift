import ArgumentParser
import Foundation

/// Prints a planner-readable error on stderr and exits with `code`:
/// 1 for bad input the user can fix, 2 for files that cannot be read or written.
struct CLIFailure: Error, CustomStringConvertible {
    let message: String
    let code: Int32

    var description: String { message }
}

enum Terminal {
    static func error(_ message: String) {
        FileHandle.standardError.write(Data(("renosim: " + message + "\n").utf8))
    }

    static func note(_ message: String) {
        FileHandle.standardError.write(Data((message + "\n").utf8))
    }
}

extension ParsableCommand {
    /// Runs `body`, turning a `CLIFailure` into a message and an exit code.
    func reporting(_ body: () throws -> Void) throws {
        do {
            try body()
        } catch let failure as CLIFailure {
            Terminal.error(failure.message)
            throw ExitCode(failure.code)
        }
    }
}
