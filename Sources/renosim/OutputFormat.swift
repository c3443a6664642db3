import ArgumentParser
import Reports

/// What a command prints on stdout: the readable tables, JSON or CSV.
/// Notes and progress go to stderr whatever the format, so stdout can be
/// piped into another program.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable, Sendable {
    case table, json, csv

    static let help = "What to print on stdout: table, json or csv."
}

extension OutputFormat {
    /// Prints the rendering this format names on stdout: the one place for
    /// the switch every command had. A note goes under the table, or to
    /// stderr beside JSON and CSV so that their stdout stays machine-readable.
    /// JSON that cannot be encoded is exit 2.
    func emit(table: () throws -> String, json: () throws -> String, csv: () throws -> String,
              note: String? = nil) throws {
        switch self {
        case .table:
            print(try table(), terminator: "")
            if let note { print(note) }
        case .json:
            let text: String
            do { text = try json() } catch { throw CLIFailure(message: "\(error)", code: 2) }
            print(text, terminator: "")
            if let note { Terminal.note(note) }
        case .csv:
            print(try csv(), terminator: "")
            if let note { Terminal.note(note) }
        }
    }
}
