import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension AtomicFile {
    public enum CreateError: Error, CustomStringConvertible {
        /// The file was there already, and is left as it was.
        case exists(path: String)
        case write(WriteError)

        public var description: String {
            switch self {
            case let .exists(path): "\(path) exists"
            case let .write(error): error.description
            }
        }
    }

    /// Writes a new file whole, or not at all if `path` exists — checked and
    /// claimed in one step: the data goes to a temporary file, which is then
    /// hard-linked to `path` (the link fails when `path` exists).
    public static func create(_ data: Data, at path: String) throws(CreateError) {
        let temporary: String
        do {
            temporary = try writeTemporary(data, beside: path)
        } catch {
            throw .write(error)
        }
        defer { _ = unlink(temporary) }
        guard link(temporary, path) != 0 else { return }
        let code = errno
        if code == EEXIST { throw .exists(path: path) }
        throw .write(WriteError(path: path, reason: reason(code)))
    }
}
