/// A resource-constrained project scheduling instance (RCPSP): jobs with
/// constant integer durations, precedence, and per-resource demands within
/// constant capacities.
///
/// This target is an independent reference for renosim's dispatch: it knows
/// nothing of scenarios or the simulation, only the textbook definitions.
public struct SchedulingInstance: Sendable, Equatable {
    public var durations: [Int]
    /// `predecessors[j]`: jobs that must finish before job `j` starts.
    public var predecessors: [[Int]]
    /// `demands[j][r]`: units of resource `r` job `j` needs while it runs.
    public var demands: [[Int]]
    public var capacities: [Int]

    public init(durations: [Int], predecessors: [[Int]], demands: [[Int]], capacities: [Int]) {
        self.durations = durations
        self.predecessors = predecessors
        self.demands = demands
        self.capacities = capacities
    }

    public var jobCount: Int { durations.count }
    public var resourceCount: Int { capacities.count }

    public var successors: [[Int]] {
        var result = [[Int]](repeating: [], count: jobCount)
        for j in 0..<jobCount { for p in predecessors[j] { result[p].append(j) } }
        return result
    }

    /// Jobs with every job after its predecessors (jobs are generated that way: predecessors have lower numbers).
    public var topologicalOrder: [Int] {
        var remaining = predecessors.map(\.count)
        var ready = (0..<jobCount).filter { remaining[$0] == 0 }.reversed() as [Int]
        var order: [Int] = []
        let successors = self.successors
        while let j = ready.popLast() {
            order.append(j)
            for s in successors[j] {
                remaining[s] -= 1
                if remaining[s] == 0 { ready.append(s) }
            }
        }
        return order
    }

    /// Earliest starts with precedence alone (unlimited resources).
    public var earliestStarts: [Int] {
        var start = [Int](repeating: 0, count: jobCount)
        for j in topologicalOrder {
            start[j] = predecessors[j].map { start[$0] + durations[$0] }.max() ?? 0
        }
        return start
    }

    /// The critical path length: a lower bound on any makespan.
    public var criticalPathLength: Int {
        zip(earliestStarts, durations).map { $0 + $1 }.max() ?? 0
    }

    /// Whether `starts` respects precedence and capacities.
    public func isFeasible(starts: [Int]) -> Bool {
        for j in 0..<jobCount where predecessors[j].contains(where: { starts[$0] + durations[$0] > starts[j] }) {
            return false
        }
        let end = zip(starts, durations).map { $0 + $1 }.max() ?? 0
        for t in 0..<end {
            for r in 0..<resourceCount {
                var used = 0
                for j in 0..<jobCount where starts[j] <= t && t < starts[j] + durations[j] { used += demands[j][r] }
                if used > capacities[r] { return false }
            }
        }
        return true
    }
}
