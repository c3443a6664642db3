/// Communities and buildings read from a table the city compiled (a CSV
/// file beside the scenario), one row a building:
///
///     inventory:
///       file: benxi-2018-inventory.csv     # relative to the scenario file
///       columns: {community: 小区, building: 楼栋, units: 户数, floors: 层数, roof_m2: 屋面面积}
///
/// `columns` maps a field (community, district, building, units,
/// households, floors) or a quantity name of the scenario's choosing to
/// the table's header; fields not mapped are looked for under their
/// English names, and every other header is a quantity under its own
/// name. A work type scales by a quantity with `per: roof_m2`.
/// The rules are in `docs/scenario-reference.md`, "inventory".
public struct InventorySpec: Codable, Sendable {
    /// The table, relative to the folder of the scenario file.
    public var file: String
    /// Field or quantity name → the header that holds it.
    public var columns: OrderedMapping<String>
    public var encoding: InventoryEncoding
    /// The table as read by ``ScenarioLoader`` (nil until it has been).
    public internal(set) var table: InventoryTable?

    enum CodingKeys: String, CodingKey, CaseIterable { case file, columns, encoding }

    public init(from decoder: Decoder) throws {
        let c = try decoder.strictContainer(keyedBy: CodingKeys.self)
        file = try c.decode(String.self, forKey: .file)
        columns = try c.decodeIfPresent(OrderedMapping<String>.self, forKey: .columns) ?? OrderedMapping()
        encoding = try c.decodeIfPresent(InventoryEncoding.self, forKey: .encoding) ?? .auto
    }

    /// The fields a row describes a building with; every other column is a quantity.
    public static let fields = ["community", "district", "building", "units", "households", "floors"]
}

/// How the table's bytes are text.
public enum InventoryEncoding: String, Codable, Sendable, CaseIterable {
    /// UTF-8 (with or without a byte-order mark) when the bytes are UTF-8, else GB18030.
    case auto
    case utf8 = "utf-8"
    /// What spreadsheet programs on Chinese Windows write ("ANSI", GBK's superset).
    case gb18030
}

/// An inventory as read: its communities in the order they first appear,
/// each with its buildings in file order, and the quantity columns the
/// scenario's work types scale by.
public struct InventoryTable: Sendable {
    public struct Building: Sendable {
        public var name: String?
        public var units: Int
        public var households: Int
        public var floors: Int
        /// One value per ``InventoryTable/quantityNames`` entry.
        public var quantities: [Double]
    }

    public struct Community: Sendable {
        public var name: String
        public var district: String
        public var buildings: [Building]
    }

    public var communities: [Community]
    /// The quantity columns read (those a work type's `per` names), in the order of ``quantityNames``.
    public var quantityNames: [String]
    /// Every quantity column the table has, read or not: what `per` may name.
    public var availableQuantities: [String]
    /// The table's bytes, for the scenario's hash.
    public var sha256: String
}
