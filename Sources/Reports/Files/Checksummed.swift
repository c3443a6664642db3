import Foundation
import Renovation

/// A file whose first line is the SHA-256 (hex) of the rest: checkpoint
/// chunks and shard files, which a later command trusts only when their
/// content is exactly what renosim wrote (an edited id or number is refused).
public enum Checksummed {
    public enum Failure: Error, Sendable {
        /// No first line holding a checksum (damaged, or written by an older renosim).
        case noChecksumLine
        /// The content does not match the checksum (edited or damaged).
        case mismatch
    }

    /// `body` with its checksum line in front.
    public static func seal(_ body: Data) -> Data {
        Data((SHA256.hex(body) + "\n").utf8) + body
    }

    /// The body of a sealed file, once its checksum matches.
    public static func open(_ data: Data) throws(Failure) -> Data {
        guard let newline = data.firstIndex(of: UInt8(ascii: "\n")), newline - data.startIndex == 64 else {
            throw .noChecksumLine
        }
        let stated = String(decoding: data[data.startIndex..<newline], as: UTF8.self)
        let body = Data(data[(newline + 1)...])
        guard stated == SHA256.hex(body) else { throw .mismatch }
        return body
    }
}
