import ArgumentParser
import Reports

/// What a command prints on stdout: the readable tables, JSON or CSV.
/// Notes and progress go to stderr whatever the format, so stdout can be
/// piped into another program.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable, Sendable {
    case table, json, csv

    static let help = "What to print on stdout: table, json or csv."
}

/// Prints the JSON of `value` on stdout; exit 2 when it cannot be encoded.
func printJSON<T: Encodable>(_ value: T) throws {
    do {
        print(try RunOutput.json(value), terminator: "")
    } catch {
        throw CLIFailure(message: "\(error)", code: 2)
    }
}
