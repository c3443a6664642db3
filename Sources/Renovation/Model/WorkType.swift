import Stochastic

/// Where a work type applies.
public enum WorkLevel: String, Sendable, Codable {
    case building, community
}

/// A compiled work type: trades resolved to indexes, precedence to type indexes.
public struct WorkType: Sendable {
    public let name: String
    public let level: WorkLevel
    /// Position among the types of its level.
    public let localIndex: Int
    /// (trade index, crews) in the scenario's trade order: the order crews are acquired in.
    public let needs: [(trade: Int, crews: Int)]
    public let hours: Distribution
    public let per: ScaleUnit
    /// The column of ``Buildings/quantities`` when `per` is ``ScaleUnit/quantity``; -1 otherwise.
    public let quantity: Int
    public let materialCost: Double
    public let shutdownRule: ShutdownRule
    public let disruptive: Bool
    /// The highest failure probability among its trades.
    public let failureProbability: Double
    /// Type indexes this type waits for, and the ones waiting for it.
    public let predecessors: [Int]
    public let successors: [Int]
    /// Index into the model's calendars.
    public let calendar: Int
    /// Cost of its crews for one working hour.
    public let crewCostPerHour: Double
    /// Whether rain stops it.
    public let rainSensitive: Bool
}
