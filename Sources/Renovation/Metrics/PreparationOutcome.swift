/// What preparation did in one replication (present only in scenarios with
/// a `preparation` section; older result files have none).
public struct PreparationOutcome: Codable, Sendable, Equatable {
    /// Per community: when its preparation ended, days from the start (NaN: not within the horizon).
    public var preparedDays: [Double]
    /// Per community: how long its preparation took, from its start to its end, days (NaN: not finished).
    public var preparationDays: [Double]
    /// Per community: consultation rounds held (0: the survey never ended).
    public var consentRounds: [Int]
    /// Optional work types residents asked for, summed over communities.
    public var scopeAdded: Int
    /// Communities that reached the round limit and went ahead with the core scope.
    public var scopeCut: Int
    /// Communities that reached the round limit and were taken out of the programme.
    public var deferred: Int

    public init(preparedDays: [Double], preparationDays: [Double], consentRounds: [Int], scopeAdded: Int,
                scopeCut: Int, deferred: Int) {
        self.preparedDays = preparedDays
        self.preparationDays = preparationDays
        self.consentRounds = consentRounds
        self.scopeAdded = scopeAdded
        self.scopeCut = scopeCut
        self.deferred = deferred
    }
}
