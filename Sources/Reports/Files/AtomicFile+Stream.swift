import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension AtomicFile {
    /// A file written piece by piece and put in place whole: bytes go to a
    /// temporary file beside `path` through a 256 KiB buffer; ``commit()``
    /// flushes and renames it; dropped uncommitted, it leaves nothing behind.
    /// For tables too large to build in memory first.
    ///
    ///     let file = try AtomicFile.Stream(path: "out/buildings.csv")
    ///     try file.append("building,community\n")
    ///     try file.commit()
    public final class Stream {
        public let path: String
        let temporary: String
        var fd: Int32
        var buffer: [UInt8] = []
        static let capacity = 1 << 18

        public init(path: String) throws(WriteError) {
            self.path = path
            try AtomicFile.refuseSpecial(path)
            (temporary, fd) = try AtomicFile.openTemporary(beside: path)
            buffer.reserveCapacity(Self.capacity)
        }

        deinit {
            if fd >= 0 {
                close(fd)
                unlink(temporary)
            }
        }

        public func append(_ text: String) throws(WriteError) {
            var text = text
            text.withUTF8 { buffer.append(contentsOf: $0) }
            if buffer.count >= Self.capacity { try flush() }
        }

        /// One CSV line (``CSVTable``'s quoting), field by field: no row
        /// string is built, for tables of a million rows.
        public func appendRow(_ fields: [String]) throws(WriteError) {
            // Filled as a local array and put back: every access to a class's
            // stored array pays a dynamic exclusivity check, ten thousand
            // instructions a row of `schedule.csv` when appended to in place.
            var bytes: [UInt8] = []
            swap(&bytes, &buffer)
            CSVTable.appendFields(fields, to: &bytes)
            bytes.append(0x0A)
            swap(&bytes, &buffer)
            if buffer.count >= Self.capacity { try flush() }
        }

        public func append(_ bytes: some Sequence<UInt8>) throws(WriteError) {
            buffer.append(contentsOf: bytes)
            if buffer.count >= Self.capacity { try flush() }
        }

        func flush() throws(WriteError) {
            let code = buffer.withUnsafeBytes { AtomicFile.writeAll(fd, $0) }
            buffer.removeAll(keepingCapacity: true)
            if code != 0 { throw fail(code) }
        }

        /// Flushes to disk and renames into place.
        public func commit() throws(WriteError) {
            try flush()
            // Flushed before the rename: otherwise a power cut could leave an empty file under the old name.
            var code: Int32 = fsync(fd) != 0 ? errno : 0
            if close(fd) != 0, code == 0 { code = errno }
            fd = -1
            if code == 0, rename(temporary, path) != 0 { code = errno }
            guard code == 0 else {
                unlink(temporary)
                throw WriteError(path: path, reason: AtomicFile.reason(code))
            }
        }

        func fail(_ code: Int32) -> WriteError {
            close(fd)
            unlink(temporary)
            fd = -1
            return WriteError(path: path, reason: AtomicFile.reason(code))
        }
    }
}
