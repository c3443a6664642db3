#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a whole file, but never more than a limit: `Data(contentsOf:)`
/// on `/dev/zero`, a FIFO that never ends or a runaway file would fill
/// memory instead of failing. Scenario and result files both come in here.
///
///     let bytes = try FileBytes.read("scenarios/benxi-2018.yaml", limit: 64 << 20)
public enum FileBytes {
    public enum Failure: Error, Equatable, CustomStringConvertible {
        case missing
        case folder
        /// `size` is nil when the file is not a regular one and ran past the limit.
        case tooLarge(size: Int?, limit: Int)
        case unreadable(reason: String)

        public var description: String {
            switch self {
            case .missing: "no such file"
            case .folder: "is a folder"
            case let .tooLarge(size?, _): "the file has \(size) bytes"
            case let .tooLarge(nil, limit): "the file has more than \(limit) bytes"
            case let .unreadable(reason): "cannot read the file: \(reason)"
            }
        }
    }

    public static func read(_ path: String, limit: Int) throws(Failure) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw failure(errno) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw failure(errno) }
        if (info.st_mode & S_IFMT) == S_IFDIR { throw .folder }
        // A regular file says its size: refuse a large one before reading it.
        if (info.st_mode & S_IFMT) == S_IFREG, Int(info.st_size) > limit {
            throw .tooLarge(size: Int(info.st_size), limit: limit)
        }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { posixRead(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw failure(errno)
            }
            if count == 0 { return bytes }
            bytes.append(contentsOf: chunk[0..<count])
            if bytes.count > limit { throw .tooLarge(size: nil, limit: limit) }
        }
    }

    private static func failure(_ code: Int32) -> Failure {
        switch code {
        case ENOENT: .missing
        case EISDIR: .folder
        case ENOTDIR: .unreadable(reason: "a part of the path is a file, not a folder")
        default: .unreadable(reason: String(cString: strerror(code)))
        }
    }
}

/// `read(2)`, which `FileBytes.read` hides inside the enum.
private func posixRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    #if canImport(Glibc)
    Glibc.read(fd, buffer, count)
    #else
    Darwin.read(fd, buffer, count)
    #endif
}
