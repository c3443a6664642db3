/// The optimal makespan of a small instance, by branch and bound over the
/// serial schedule-generation scheme: every precedence-feasible job list,
/// each job placed at its earliest resource-feasible start. The schedules
/// so generated are the active schedules, which include an optimal one
/// (Sprecher, Kolisch and Drexl 1995). Meant for about 10 jobs.
public enum ExactMakespan {
    public static func optimum(_ instance: SchedulingInstance) -> Int {
        var search = Search(instance)
        search.best = ParallelSGS.makespan(instance, starts: ParallelSGS.schedule(instance, rule: .latestFinish))
        search.branch(depth: 0)
        return search.best
    }

    struct Search {
        let instance: SchedulingInstance
        let n: Int
        let horizon: Int
        /// Longest chain from each job's start to the end (its duration included).
        let tail: [Int]
        var usage: [[Int]]
        var finish: [Int]
        var scheduled: [Bool]
        var best = Int.max

        init(_ instance: SchedulingInstance) {
            self.instance = instance
            n = instance.jobCount
            horizon = instance.durations.reduce(0, +) + 1
            let successors = instance.successors
            var tail = instance.durations
            for j in instance.topologicalOrder.reversed() {
                tail[j] = instance.durations[j] + (successors[j].map { tail[$0] }.max() ?? 0)
            }
            self.tail = tail
            usage = [[Int]](repeating: [Int](repeating: 0, count: horizon), count: instance.resourceCount)
            finish = [Int](repeating: 0, count: n)
            scheduled = [Bool](repeating: false, count: n)
        }

        mutating func branch(depth: Int) {
            if depth == n {
                best = min(best, finish.max() ?? 0)
                return
            }
            for j in 0..<n where !scheduled[j] && instance.predecessors[j].allSatisfy({ scheduled[$0] }) {
                let ready = instance.predecessors[j].map { finish[$0] }.max() ?? 0
                var s = ready
                while !fits(j, at: s) { s += 1 }
                // Bound: this job's chain from its start, and what is already placed.
                guard s + tail[j] < best else { continue }
                place(j, at: s, sign: 1)
                scheduled[j] = true
                finish[j] = s + instance.durations[j]
                if lowerBound() < best { branch(depth: depth + 1) }
                scheduled[j] = false
                finish[j] = 0
                place(j, at: s, sign: -1)
            }
        }

        func fits(_ j: Int, at s: Int) -> Bool {
            for r in 0..<instance.resourceCount where instance.demands[j][r] > 0 {
                for t in s..<(s + instance.durations[j]) where usage[r][t] + instance.demands[j][r] > instance.capacities[r] {
                    return false
                }
            }
            return true
        }

        mutating func place(_ j: Int, at s: Int, sign: Int) {
            for r in 0..<instance.resourceCount where instance.demands[j][r] > 0 {
                for t in s..<(s + instance.durations[j]) { usage[r][t] += sign * instance.demands[j][r] }
            }
        }

        /// Placed finishes, and each unplaced job's chain from the latest finish of its placed predecessors.
        func lowerBound() -> Int {
            var bound = finish.max() ?? 0
            for j in 0..<n where !scheduled[j] {
                let ready = instance.predecessors[j].filter { scheduled[$0] }.map { finish[$0] }.max() ?? 0
                bound = max(bound, ready + tail[j])
            }
            return bound
        }
    }
}
