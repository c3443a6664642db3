/// What a random stream is for; part of every stream key.
public enum StreamPurpose {
    public static let structure: UInt64 = 1
    public static let workContent: UInt64 = 2
    public static let communityFactor: UInt64 = 3
    public static let inspection: UInt64 = 4
    public static let weather: UInt64 = 5
    public static let defectArrivals: UInt64 = 6
    public static let defectService: UInt64 = 7
    /// A community's preparation; the high 32 bits say which step
    /// (``PreparationOffice``), so each consultation round draws the same in every plan.
    public static let preparation: UInt64 = 8
    /// A funding tranche's arrival delay, then its amount; the tranche's position is the entity.
    public static let funding: UInt64 = 9
    /// Whether a risk occurs in a unit of its scope; the driver's name in the high 32 bits.
    public static let riskOccurrence: UInt64 = 10
    /// What an occurrence does; the risk's name in the high 32 bits.
    public static let riskImpact: UInt64 = 11
    /// The plan search's own choices (`PlanOptimiser`): never used inside a replication.
    public static let optimiser: UInt64 = 12
    /// The remaining hours of work under way at a status date, drawn
    /// given the hours already worked (``PlanStatus``); the order is the entity.
    public static let statusRemaining: UInt64 = 13
}
