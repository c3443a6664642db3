import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes files whole or not at all: a temporary file in the same folder,
/// flushed to disk, then a rename, so a reader (or a crash, or a full disk)
/// never sees half a file and the file that was there stays as it was.
/// A failed write leaves no temporary file behind.
public enum AtomicFile {
    public struct WriteError: Error, CustomStringConvertible {
        public let path: String
        public let reason: String
        public var description: String { "cannot write \(path): \(reason)" }
    }

    public static func write(_ data: Data, to path: String) throws(WriteError) {
        try refuseSpecial(path)
        let temporary = try writeTemporary(data, beside: path)
        guard rename(temporary, path) == 0 else {
            let code = errno
            _ = unlink(temporary)
            throw WriteError(path: path, reason: reason(code))
        }
    }

    public static func write(_ text: String, to path: String) throws(WriteError) {
        try write(Data(text.utf8), to: path)
    }

    /// Writes `data` to a new temporary file in the folder of `path`
    /// (creating the folder) and returns its path; on any failure removes it.
    static func writeTemporary(_ data: Data, beside path: String) throws(WriteError) -> String {
        let (temporary, fd) = try openTemporary(beside: path)
        var code = data.withUnsafeBytes { writeAll(fd, $0) }
        // Flushed before the rename: otherwise a power cut could leave an empty file under the old name.
        if code == 0, fsync(fd) != 0 { code = errno }
        if close(fd) != 0, code == 0 { code = errno }
        guard code == 0 else {
            _ = unlink(temporary)
            throw WriteError(path: path, reason: reason(code))
        }
        return temporary
    }

    /// A new temporary file in the folder of `path` (creating the folder), open for writing.
    static func openTemporary(beside path: String) throws(WriteError) -> (path: String, fd: Int32) {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        let made = makeFolder(folder)
        guard made == 0 else { throw WriteError(path: path, reason: reason(made, folder: folder)) }
        let temporary = (folder as NSString).appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
        guard fd >= 0 else { throw WriteError(path: path, reason: reason(errno)) }
        return (temporary, fd)
    }

    /// Writes all of `buffer` to `fd`: 0, or the errno that stopped it.
    static func writeAll(_ fd: Int32, _ buffer: UnsafeRawBufferPointer) -> Int32 {
        guard let base = buffer.baseAddress else { return 0 }
        var offset = 0
        while offset < buffer.count {
            let written = posixWrite(fd, base + offset, buffer.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                return errno
            }
            offset += written
        }
        return 0
    }

    /// A folder, a device or a FIFO at `path` is not replaced: as root, a
    /// rename would swap `/dev/full` for a plain file.
    static func refuseSpecial(_ path: String) throws(WriteError) {
        var info = stat()
        guard lstat(path, &info) == 0 else { return }
        switch info.st_mode & S_IFMT {
        case S_IFREG, S_IFLNK: return
        case S_IFDIR: throw WriteError(path: path, reason: "it is a folder; expected a file name")
        default: throw WriteError(path: path, reason: "it is a device, FIFO or socket, not a regular file")
        }
    }

    /// `mkdir -p`: 0, or the errno of the first folder that could not be made.
    static func makeFolder(_ folder: String) -> Int32 {
        var info = stat()
        if stat(folder, &info) == 0 { return (info.st_mode & S_IFMT) == S_IFDIR ? 0 : ENOTDIR }
        if mkdir(folder, 0o777) == 0 || errno == EEXIST { return 0 }
        guard errno == ENOENT else { return errno }
        let parent = (folder as NSString).deletingLastPathComponent
        guard !parent.isEmpty, parent != folder else { return ENOENT }
        let made = makeFolder(parent)
        guard made == 0 else { return made }
        return mkdir(folder, 0o777) == 0 || errno == EEXIST ? 0 : errno
    }

    /// A planner's reading of an errno.
    static func reason(_ code: Int32, folder: String? = nil) -> String {
        let text = String(cString: strerror(code))
        switch code {
        case ENOSPC, EFBIG, EDQUOT:
            return "\(text) (the disk is full or a file size limit was reached); nothing was replaced"
        case ENOTDIR:
            return "a part of the path \(folder.map { "'\($0)' " } ?? "")is a file, not a folder"
        default:
            return text
        }
    }
}

/// `write(2)`, which `AtomicFile.write` hides inside the enum.
private func posixWrite(_ fd: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
    Glibc.write(fd, bytes, count)
    #else
    Darwin.write(fd, bytes, count)
    #endif
}
