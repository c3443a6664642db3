/// A compiled community: its buildings are a contiguous index range.
public struct Community: Sendable {
    public let name: String
    public let district: String
    public let buildings: Range<Int>
    public let units: Int
    public let households: Int
    public let floors: Int
    /// Sums of its buildings' inventory quantities, one per ``Buildings/quantities`` column.
    public let quantities: [Double]
}

/// Buildings as a struct of arrays: a million of them fit in a few tens of megabytes.
public struct Buildings: Sendable {
    public internal(set) var community: [Int32] = []
    public internal(set) var units: [Int32] = []
    public internal(set) var households: [Int32] = []
    public internal(set) var floors: [Int32] = []
    /// Names given in the scenario; generated buildings are named by community and number.
    public internal(set) var names: [String?] = []
    /// Inventory quantities, one array per column (`per: roof_m2`), each with one value per building.
    public internal(set) var quantities: [[Double]] = []

    public var count: Int { community.count }

    mutating func append(community c: Int, units u: Int, households h: Int, floors f: Int, name: String?) {
        community.append(Int32(c))
        units.append(Int32(u))
        households.append(Int32(h))
        floors.append(Int32(f))
        names.append(name)
    }

    mutating func append(quantities values: [Double]) {
        for (q, value) in values.enumerated() where q < quantities.count { quantities[q].append(value) }
    }
}
