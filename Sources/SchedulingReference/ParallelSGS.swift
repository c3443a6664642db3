/// The textbook priority rules, as keys: lower first, ties to the lower job number.
public enum PriorityRule: String, CaseIterable, Sendable {
    case fifo, community, shortest
    case latestFinish = "latest_finish"
    case latestStart = "latest_start"
    case mostSuccessors = "most_successors"

    /// Static keys; `fifo`'s key is the time a job became eligible, so it returns nil.
    public func keys(_ instance: SchedulingInstance) -> [Double]? {
        let n = instance.jobCount
        switch self {
        case .fifo:
            return nil
        case .community:
            return [Double](repeating: 0, count: n)   // one community, one building: all tie
        case .shortest:
            return instance.durations.map(Double.init)
        case .latestFinish, .latestStart:
            // Backward pass from the critical path length.
            let horizon = instance.criticalPathLength
            var latestFinish = [Int](repeating: horizon, count: n)
            let successors = instance.successors
            for j in instance.topologicalOrder.reversed() {
                latestFinish[j] = successors[j].map { latestFinish[$0] - instance.durations[$0] }.min() ?? horizon
            }
            return (0..<n).map { Double(self == .latestFinish ? latestFinish[$0] : latestFinish[$0] - instance.durations[$0]) }
        case .mostSuccessors:
            let successors = instance.successors
            return (0..<n).map { j in
                var seen = Set<Int>(), stack = successors[j]
                while let s = stack.popLast() {
                    if seen.insert(s).inserted { stack += successors[s] }
                }
                return -Double(seen.count)
            }
        }
    }
}

/// The parallel schedule-generation scheme (Kelley 1963; Kolisch 1996):
/// at each decision time — 0, then each time a job finishes — the jobs
/// whose predecessors have all finished are taken in priority order, and
/// each one whose demands fit the free capacity starts now.
public enum ParallelSGS {
    /// Start times of every job under `rule`.
    public static func schedule(_ instance: SchedulingInstance, rule: PriorityRule) -> [Int] {
        let n = instance.jobCount
        let keys = rule.keys(instance)
        var start = [Int?](repeating: nil, count: n)
        var eligibleSince = [Int](repeating: 0, count: n)
        var t = 0
        while start.contains(where: { $0 == nil }) {
            var free = instance.capacities
            for j in 0..<n {
                guard let s = start[j], s <= t, t < s + instance.durations[j] else { continue }
                for r in 0..<instance.resourceCount { free[r] -= instance.demands[j][r] }
            }
            let eligible = (0..<n).filter { j in
                start[j] == nil && instance.predecessors[j].allSatisfy { p in
                    start[p].map { $0 + instance.durations[p] <= t } ?? false
                }
            }
            for j in eligible where eligibleSince[j] == 0 {
                eligibleSince[j] = instance.predecessors[j].map { start[$0]! + instance.durations[$0] }.max() ?? 0
            }
            let ranked = eligible.sorted { a, b in
                let ka = keys?[a] ?? Double(eligibleSince[a]), kb = keys?[b] ?? Double(eligibleSince[b])
                return ka != kb ? ka < kb : a < b
            }
            for j in ranked where (0..<instance.resourceCount).allSatisfy({ instance.demands[j][$0] <= free[$0] }) {
                start[j] = t
                for r in 0..<instance.resourceCount { free[r] -= instance.demands[j][r] }
            }
            // The next decision: the earliest finish after t.
            let finishes = (0..<n).compactMap { j in start[j].map { $0 + instance.durations[j] } }.filter { $0 > t }
            guard let next = finishes.min() else { break }
            t = next
        }
        return start.map { $0 ?? -1 }
    }

    public static func makespan(_ instance: SchedulingInstance, starts: [Int]) -> Int {
        zip(starts, instance.durations).map { $0 + $1 }.max() ?? 0
    }
}
