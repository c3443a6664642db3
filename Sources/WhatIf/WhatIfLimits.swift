/// What one server lets a request cost: a page on a shared machine must
/// not be able to fill its memory, disk or cores.
public struct WhatIfLimits: Sendable {
    /// Request bodies above this are refused with 413 before they are read whole.
    public var maxBodyBytes = 64 << 10
    /// Replications per variant of one run.
    public var maxReplications = 5_000
    /// A run still going after this many seconds stops (no new replication starts) and reports it.
    public var timeLimitSeconds: Double = 120
    /// Runs under way at once, over all clients; more are refused with 429 until one ends.
    public var maxActiveRuns = 4
    /// Runs kept for their results and files; the oldest finished one is dropped past this.
    public var keptRuns = 32
    /// Worker threads per run.
    public var threads: Int

    public init(threads: Int) {
        self.threads = max(1, threads)
    }
}
