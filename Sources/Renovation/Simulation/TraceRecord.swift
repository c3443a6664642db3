/// One line of the event log written with `--trace`: enough to follow one
/// building through its works.
public struct TraceRecord: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable {
        case released, started, held, budgetBlocked = "budget_blocked", fundingBlocked = "funding_blocked", workDone = "work_done"
        case failed, accepted, stranded
        case preparationStarted = "preparation_started", surveyed, prepared, deferred, skipped
    }

    /// Hours from the start.
    public var time: Double
    public var kind: Kind
    /// Work order number, or -1.
    public var order: Int
    public var community: Int
    /// Building number, or -1 for community work.
    public var building: Int
    /// Working hours for `started`, consultation rounds for `prepared` and `deferred`, otherwise 0.
    public var value: Double
}

extension Replication {
    @inline(__always)
    mutating func record(_ kind: TraceRecord.Kind, _ time: Double, order: Int = -1, community: Int = -1,
                         value: Double = 0) {
        guard trace != nil else { return }
        let c = order >= 0 ? plan.community(of: order) : community
        let b = order >= 0 ? (plan.building(of: order) ?? -1) : -1
        trace?.append(TraceRecord(time: time, kind: kind, order: order, community: c, building: b, value: value))
    }
}
