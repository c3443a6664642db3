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
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent()
        let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try data.write(to: temporary)
        } catch {
            throw .write(WriteError(path: path, reason: (error as NSError).localizedDescription))
        }
        defer { _ = unlink(temporary.path) }
        guard link(temporary.path, url.path) != 0 else { return }
        let code = errno
        if code == EEXIST { throw .exists(path: path) }
        throw .write(WriteError(path: path, reason: String(cString: strerror(code))))
    }
}
