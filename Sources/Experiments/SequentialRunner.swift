import Renovation

/// Adds replications in deterministic batches until the 95 % interval of
/// the mean finish date is narrow enough.
///
/// Replications are always numbered 0, 1, 2, …, so the final result is
/// exactly the plain run with that many replications, whatever the thread
/// count. The next batch size depends only on what has been run: the
/// classic estimate n·(h/d)² − n of the replications still needed, at
/// least 10, at most doubling, rounded up to a multiple of 10.
///
///     let outcome = SequentialRunner(runner: .init(threads: 2))
///         .run(model: model, seed: 1, initial: 50, halfWidthDays: 5, maxReplications: 2_000)
///     outcome.reached     // true once the half-width is ≤ 5 days
public struct SequentialRunner: Sendable {
    public let runner: ReplicationRunner

    public init(runner: ReplicationRunner) { self.runner = runner }

    public struct Outcome: Sendable {
        public var results: [ReplicationResult]
        /// Whether the half-width target was met (else the replication limit stopped it).
        public var reached: Bool
        /// Half-width of the finish-days interval after each batch, with the replications so far.
        public var steps: [(replications: Int, halfWidthDays: Double)]
    }

    public func run(model: CompiledPlan, seed: UInt64, initial: Int, halfWidthDays target: Double,
                    maxReplications: Int, progress: (@Sendable (Int) -> Void)? = nil) -> Outcome {
        let limit = max(2, maxReplications)
        var results: [ReplicationResult] = []
        var steps: [(Int, Double)] = []
        var next = min(limit, max(2, initial))
        while true {
            let done = results.count
            let batch = runner.run(model: model, seed: seed, replications: done..<next) { finished in
                progress?(done + finished)
            }
            results += batch
            let halfWidth = MetricSummary(results.map(\.finishDays)).halfWidth
            steps.append((results.count, halfWidth))
            if halfWidth <= target { return Outcome(results: results, reached: true, steps: steps) }
            if results.count >= limit { return Outcome(results: results, reached: false, steps: steps) }
            next = min(limit, results.count + Self.batchSize(count: results.count, halfWidth: halfWidth, target: target))
        }
    }

    /// Replications to add after `count` gave `halfWidth`.
    static func batchSize(count: Int, halfWidth: Double, target: Double) -> Int {
        let n = Double(count)
        let ratio = halfWidth / target
        let estimate = ratio.isFinite ? n * ratio * ratio - n : n
        let bounded = min(n, max(10, estimate.rounded(.up)))
        return Int((bounded / 10).rounded(.up)) * 10
    }
}
