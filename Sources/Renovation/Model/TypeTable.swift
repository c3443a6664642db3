/// The work types' fields the simulation reads on every event, as flat
/// arrays of plain values: reading one copies a number, never a struct
/// holding arrays and strings (whose retain and release showed up in the
/// profile of the Benxi scenario).
public struct TypeTable: Sendable {
    public let calendar: [Int]
    public let failureProbability: [Double]
    public let crewCostPerHour: [Double]
    public let materialCost: [Double]
    public let hold: [Bool]
    public let disruptive: [Bool]
    public let hasPredecessors: [Bool]
    public let isCommunity: [Bool]
    public let localIndex: [Int]
    /// Needs of type k are `needTrade[needStart[k]..<needStart[k + 1]]` (and `needCrews`).
    public let needStart: [Int]
    public let needTrade: [Int]
    public let needCrews: [Int]
    /// Successor types of type k are `successor[successorStart[k]..<successorStart[k + 1]]`.
    public let successorStart: [Int]
    public let successor: [Int]

    init(_ types: [WorkType]) {
        calendar = types.map(\.calendar)
        failureProbability = types.map(\.failureProbability)
        crewCostPerHour = types.map(\.crewCostPerHour)
        materialCost = types.map(\.materialCost)
        hold = types.map { $0.shutdownRule == .hold }
        disruptive = types.map(\.disruptive)
        hasPredecessors = types.map { !$0.predecessors.isEmpty }
        isCommunity = types.map { $0.level == .community }
        localIndex = types.map(\.localIndex)
        var needStart = [0], needTrade: [Int] = [], needCrews: [Int] = []
        var successorStart = [0], successor: [Int] = []
        for type in types {
            needTrade += type.needs.map(\.trade)
            needCrews += type.needs.map(\.crews)
            needStart.append(needTrade.count)
            successor += type.successors
            successorStart.append(successor.count)
        }
        self.needStart = needStart
        self.needTrade = needTrade
        self.needCrews = needCrews
        self.successorStart = successorStart
        self.successor = successor
    }

    @inlinable public func needCount(_ k: Int) -> Int { needStart[k + 1] - needStart[k] }
}
