import DiscreteEvent

/// Where a programme stood at its status date, read from a progress file
/// (``ProgressReader``) and checked against one compiled plan: what a
/// forecast starts from (docs/scenario-reference.md, "Status date").
///
/// Times are hours from the programme's start, like every time of the
/// model: a start date is the midnight that begins it, a finish date and
/// the status date the midnight that ends them.
public struct PlanStatus: Sendable {
    /// What a listed work order had come to by the status date.
    public enum Progress: UInt8, Sendable {
        /// Started, not finished: it holds its crews at the status date.
        case underWay
        /// Finished, no outcome yet: it waits for a supervisor at the status date.
        case awaitingInspection
        /// Finished and failed its inspection: rework is pending.
        case failed
        /// Finished and passed (or finished in a scenario without supervisors).
        case accepted
    }

    /// One row of the progress file, resolved to a work order.
    public struct Entry: Sendable, Equatable {
        public let order: Int
        public let progress: Progress
        /// Hours from the programme's start.
        public let start: Double
        /// NaN while under way.
        public let finish: Double
        /// Working hours of the order's calendar without rain from its start
        /// to its finish, or to the status date while under way.
        public let worked: Double
    }

    public let date: CivilDate
    /// The end of the status date, hours from the programme's start.
    public let hours: Double
    /// The progress file as given, and the SHA-256 of its bytes (lowercase hex).
    public let file: String
    public let sha256: String
    /// In file order.
    public let entries: [Entry]
    /// Whether each work order is listed (one byte an order).
    public let listed: [Bool]
}

extension CompiledPlan {
    /// This plan forecast from `status`: replications start from it (``Replication``).
    public func forecasting(from status: PlanStatus) -> CompiledPlan {
        var copy = self
        copy.status = status
        return copy
    }
}
