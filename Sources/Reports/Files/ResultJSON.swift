import Foundation

/// The JSON of result files: snake_case keys, sorted, pretty-printed, and
/// non-finite numbers as `null` (JSON has no NaN; a reader in any language
/// takes null as "no value"). Reading turns null back into NaN.
///
/// Foundation's coders have no null strategy for numbers, so a non-finite
/// number is written as a marker string and every marker string token is
/// then replaced by `null` — and the other way round when reading. Tokens
/// are found by scanning, so text inside strings is never touched; `null`
/// means a non-finite number only (optionals are left out when absent).
///
///     let data = try ResultJSON.encode(document)   // …"mean" : null…
///     let back = try ResultJSON.decode(ResultDocument.self, from: data)
public enum ResultJSON {
    /// A string no result contains: it begins with a Unicode noncharacter.
    static let marker = "\u{FFFF}renosim-non-finite\u{FFFF}"

    public static func encode<T: Encodable>(_ value: T) throws -> Data {
        try encodeGeneric(value)
    }

    /// Through Foundation's encoder, whatever the value (a result document's
    /// own ``encode(_:)-(ResultDocument)`` writes its records directly).
    static func encodeGeneric<T: Encodable>(_ value: T) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: marker, negativeInfinity: marker, nan: marker)
        var data = replacingTokens(in: try encoder.encode(value), string: markerToken(encoder), with: Data("null".utf8))
        data.append(UInt8(ascii: "\n"))
        return data
    }

    public static func decode<T: Decodable>(_ type: T.Type, from data: Data) throws -> T {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(
            positiveInfinity: "\u{FFFF}+inf", negativeInfinity: "\u{FFFF}-inf", nan: marker)
        return try decoder.decode(type, from: replacingTokens(in: data, null: markerToken(JSONEncoder())))
    }

    /// The marker as the encoder writes it, quotes included.
    static func markerToken(_ encoder: JSONEncoder) -> Data {
        (try? encoder.encode(marker)) ?? Data("\"\(marker)\"".utf8)
    }

    /// `data` with every string token equal to `string` (quotes included) replaced.
    static func replacingTokens(in data: Data, string: Data, with replacement: Data) -> Data {
        let needle = [UInt8](string)
        return scan(data) { token, isString in
            isString && token.count == needle.count && token.elementsEqual(needle) ? replacement : nil
        }
    }

    /// `data` with every `null` outside strings replaced by `replacement`.
    static func replacingTokens(in data: Data, null replacement: Data) -> Data {
        let null = Array("null".utf8)
        return scan(data) { token, isString in
            !isString && token.count == null.count && token.elementsEqual(null) ? replacement : nil
        }
    }

    /// Walks the JSON text token by token (a string, or a run of letters,
    /// digits and signs) and replaces each token for which `replace` returns
    /// something; the text between replaced tokens is copied in one piece.
    /// Malformed text is copied through for the decoder to reject.
    private static func scan(_ data: Data, _ replace: (Slice<UnsafeBufferPointer<UInt8>>, Bool) -> Data?) -> Data {
        let bytes = [UInt8](data)
        return bytes.withUnsafeBufferPointer { bytes -> Data in
            var out = Data()
            var copied = 0   // bytes[..<copied] are in `out` (or replaced there)
            var i = 0
            while i < bytes.count {
                let start = i
                let isString = bytes[i] == UInt8(ascii: "\"")
                if isString {
                    i += 1
                    while i < bytes.count, bytes[i] != UInt8(ascii: "\"") { i += bytes[i] == UInt8(ascii: "\\") ? 2 : 1 }
                    i = min(i + 1, bytes.count)
                } else if isWordByte(bytes[i]) {
                    while i < bytes.count, isWordByte(bytes[i]) { i += 1 }
                } else {
                    i += 1
                    continue
                }
                if let replacement = replace(bytes[start..<i], isString) {
                    if out.isEmpty { out.reserveCapacity(bytes.count) }
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied..<start]))
                    out.append(replacement)
                    copied = i
                }
            }
            if copied == 0 { return data }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied...]))
            return out
        }
    }

    private static func isWordByte(_ b: UInt8) -> Bool {
        (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")) || (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z"))
            || (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9")) || b == UInt8(ascii: "-") || b == UInt8(ascii: "+")
            || b == UInt8(ascii: ".")
    }
}
