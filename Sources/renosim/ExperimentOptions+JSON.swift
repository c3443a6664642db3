import Foundation
import Reports

extension ExperimentOptions {
    /// Writes `value` as pretty JSON named `name` in the --out folder, if one
    /// was given, and says so on stderr; exit 2 when it cannot.
    func writeJSON<T: Encodable>(_ value: T, as name: String) throws {
        guard let out else { return }
        let path = (out as NSString).appendingPathComponent(name)
        do {
            try AtomicFile.write(try RunOutput.json(value), to: path)
        } catch {
            throw CLIFailure(message: "\(error)", code: 2)
        }
        Terminal.note("wrote " + path)
    }
}
