import Foundation

/// JSON that gives back exactly the numbers it was given: what checkpoints
/// and shard files store, so that a resumed or merged run is byte-identical
/// to one that ran whole.
///
/// Not ``ResultJSON``: that format writes every non-finite number as null
/// and reads null back as NaN, so an infinity would come back as NaN.
/// Here "inf", "-inf" and "nan" stay apart, and finite doubles round-trip
/// (Foundation writes the shortest digits that read back to the same bits).
public enum LosslessJSON {
    public static func encode<T: Encodable>(_ value: T, pretty: Bool = false) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes] : [.sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return try encoder.encode(value)
    }

    public static func decode<T: Decodable>(_ type: T.Type, from data: Data) throws -> T {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return try decoder.decode(type, from: data)
    }
}
