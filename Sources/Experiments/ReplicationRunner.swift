import Dispatch
import Renovation
import Synchronization

/// Runs replications of one compiled model on several threads.
///
/// Each replication is a pure function of (model, seed, replication
/// number): its random streams are keyed by that number, not by the thread
/// or the order in which replications finish. Results are stored by index
/// and reduced in index order afterwards, so the output is byte-identical
/// for any thread count.
///
///     let results = ReplicationRunner(threads: 2).run(model: model, seed: 1, replications: 0..<100)
public struct ReplicationRunner: Sendable {
    public let threads: Int

    public init(threads: Int) {
        self.threads = max(1, threads)
    }

    /// Replications `range`, in index order. `progress` is called (from any
    /// thread) with the number finished so far.
    public func run(model: CompiledPlan, seed: UInt64, replications range: Range<Int>,
                    progress: (@Sendable (Int) -> Void)? = nil,
                    stop: (@Sendable () -> Bool)? = nil) -> [ReplicationResult] {
        run(count: range.count, progress: progress, stop: stop) { i in
            Replication.run(plan: model, seed: seed, replication: range.lowerBound + i)
        }
    }

    /// `count` independent jobs, results in index order. When `stop`
    /// returns true no new job starts; the jobs under way finish, so the
    /// result is then the first k jobs' results for some k < `count`.
    public func run<Result: Sendable>(count: Int, progress: (@Sendable (Int) -> Void)? = nil,
                                      stop: (@Sendable () -> Bool)? = nil,
                                      _ job: @Sendable (Int) -> Result) -> [Result] {
        guard count > 0 else { return [] }
        let slots = Mutex<[Result?]>(Array(repeating: nil, count: count))
        let next = Atomic<Int>(0)
        let done = Atomic<Int>(0)
        let workers = min(threads, count)
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while true {
                if stop?() == true { return }
                let i = next.wrappingAdd(1, ordering: .relaxed).oldValue
                guard i < count else { return }
                let result = job(i)
                slots.withLock { $0[i] = result }
                let finished = done.wrappingAdd(1, ordering: .relaxed).newValue
                progress?(finished)
            }
        }
        return slots.withLock { $0.compactMap { $0 } }
    }
}
