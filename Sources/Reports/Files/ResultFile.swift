import Experiments
import Foundation
import Renovation

/// Reads and writes result documents (`result.json`, baselines) as
/// ``ResultJSON``, always whole: a file is either the old one or the new
/// one, never half of either.
///
///     try ResultFile.write(document, to: "results/baselines/benxi.json", overwrite: false)
///     let document = try ResultFile.read("results/baselines/benxi.json")
public enum ResultFile {
    /// Reads `path` and checks it is a result document this version can
    /// use. Every way a file can be wrong is a ``ResultFileError``, never a crash.
    public static func read(_ path: String) throws(ResultFileError) -> ResultDocument {
        let bytes: [UInt8]
        do {
            bytes = try FileBytes.read(path, limit: maximumFileSize)
        } catch {
            switch error {
            case .missing: throw .missing(path: path)
            case .folder: throw .unreadable(path: path, reason: "it is a folder; expected a result file (.json)")
            case .tooLarge, .unreadable: throw .unreadable(path: path, reason: error.description)
            }
        }
        return try decode(bytes, path: path)
    }

    /// Larger files are refused before reading, and a stream such as
    /// `/dev/zero` after this much: about 100,000 replications at ~2.2 kB
    /// each. Reading one takes about 8–12× its size in memory (an 8 MB,
    /// 5,000-replication file peaked at 95 MB in `report`), so this bounds
    /// `report` and `check` at about 3 GiB.
    public static let maximumFileSize = 256 << 20

    /// The bytes of a result file, checked as ``read(_:)`` does; `path` names it in errors.
    public static func decode(_ bytes: [UInt8], path: String) throws(ResultFileError) -> ResultDocument {
        let data = Data(bytes)
        guard data.contains(where: { !Self.isSpace($0) }) else { throw .notJSON(path: path, reason: "the file is empty") }
        guard (try? JSONSerialization.jsonObject(with: data, options: .fragmentsAllowed)) != nil else {
            throw .notJSON(path: path, reason: "it does not parse as JSON (truncated or corrupted?)")
        }
        let version: Int?
        do {
            version = try ResultJSON.decode(SchemaProbe.self, from: data).schemaVersion
        } catch {
            throw .notAResultDocument(path: path, reason: describe(error))
        }
        guard let version else { throw .notAResultDocument(path: path, reason: "it has no schema_version") }
        if version > ResultDocument.supportedSchemaVersion {
            throw .invalid(path: path, reason: .newerSchema(found: version, supported: ResultDocument.supportedSchemaVersion))
        }
        let document: ResultDocument
        do {
            document = try ResultJSON.decode(ResultDocument.self, from: data)
        } catch {
            throw .notAResultDocument(path: path, reason: describe(error))
        }
        do {
            try document.validate()
        } catch {
            throw .invalid(path: path, reason: error)
        }
        return document
    }

    /// Writes `document`; with `overwrite` false an existing file is left
    /// as it was and the call throws ``ResultFileError/exists(path:)``.
    public static func write(_ document: ResultDocument, to path: String, overwrite: Bool) throws(ResultFileError) {
        let data: Data
        do {
            data = try ResultJSON.encode(document)
        } catch {
            throw .cannotWrite(path: path, reason: "\(error)")
        }
        do {
            if overwrite {
                try AtomicFile.write(data, to: path)
            } else {
                try AtomicFile.create(data, at: path)
            }
        } catch AtomicFile.CreateError.exists {
            throw .exists(path: path)
        } catch {
            throw .cannotWrite(path: path, reason: (error as? AtomicFile.WriteError)?.reason ?? "\(error)")
        }
    }

    private struct SchemaProbe: Decodable {
        var schemaVersion: Int?
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    }

    /// A decoding error as "where: what", with the path in the file's own keys.
    static func describe(_ error: any Error) -> String {
        func path(_ keys: [any CodingKey]) -> String {
            let text = keys.map { key in key.intValue.map { "[\($0)]" } ?? "." + snake(key.stringValue) }.joined()
            return text.hasPrefix(".") ? String(text.dropFirst()) : (text.isEmpty ? "the top level" : text)
        }
        switch error as? DecodingError {
        case let .keyNotFound(key, context)?:
            let at = path(context.codingPath)
            return "\(at == "the top level" ? "" : at + ".")\(snake(key.stringValue)) is missing"
        case let .typeMismatch(type, context)?:
            return "\(path(context.codingPath)) is not \(expected(type))"
        case let .valueNotFound(type, context)?:
            return "\(path(context.codingPath)) is null; expected \(expected(type))"
        case let .dataCorrupted(context)?:
            return "\(path(context.codingPath)): \(context.debugDescription)"
        default:
            return "\(error)"
        }
    }

    private static func expected(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Bool.Type: "true or false"
        case is Double.Type: "a number"
        case is Int.Type, is UInt64.Type: "a whole number"
        default: "what the schema expects here (\(type))"
        }
    }

    /// `perReplication` → `per_replication`: coding paths name the Swift keys.
    private static func snake(_ key: String) -> String {
        var out = ""
        for c in key {
            if c.isUppercase {
                out += "_" + c.lowercased()
            } else {
                out.append(c)
            }
        }
        return out
    }
}

/// Why a result file cannot be read, written or used.
public enum ResultFileError: Error, CustomStringConvertible {
    case missing(path: String)
    case unreadable(path: String, reason: String)
    case notJSON(path: String, reason: String)
    case notAResultDocument(path: String, reason: String)
    case invalid(path: String, reason: ResultDocumentError)
    case exists(path: String)
    case cannotWrite(path: String, reason: String)

    public var description: String {
        switch self {
        case let .missing(path):
            "\(path): no such file"
        case let .unreadable(path, reason):
            "\(path): cannot be read: \(reason)"
        case let .notJSON(path, reason):
            "\(path): not a result file: \(reason)"
        case let .notAResultDocument(path, reason):
            "\(path): not a renosim result file: \(reason)"
        case let .invalid(path, reason):
            "\(path): \(reason)"
        case let .exists(path):
            "\(path) exists; pass --force to replace it"
        case let .cannotWrite(path, reason):
            "cannot write \(path): \(reason)"
        }
    }
}
