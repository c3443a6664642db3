/// The serial schedule-generation scheme (Kelley 1963; Kolisch 1996): the
/// jobs of a precedence-feasible list, one at a time, each at the earliest
/// time its predecessors have finished and its demands fit for its whole
/// duration beside the jobs already placed.
public enum SerialSGS {
    /// Start times of every job decoded from `list` (each job once, after its predecessors).
    public static func schedule(_ instance: SchedulingInstance, list: [Int]) -> [Int] {
        let horizon = instance.durations.reduce(0, +) + 1
        var usage = [[Int]](repeating: [Int](repeating: 0, count: horizon), count: instance.resourceCount)
        var start = [Int](repeating: -1, count: instance.jobCount)
        for j in list {
            var s = instance.predecessors[j].map { start[$0] + instance.durations[$0] }.max() ?? 0
            func fits(_ s: Int) -> Bool {
                for r in 0..<instance.resourceCount where instance.demands[j][r] > 0 {
                    for t in s..<(s + instance.durations[j]) where usage[r][t] + instance.demands[j][r] > instance.capacities[r] {
                        return false
                    }
                }
                return true
            }
            while !fits(s) { s += 1 }
            start[j] = s
            for r in 0..<instance.resourceCount where instance.demands[j][r] > 0 {
                for t in s..<(s + instance.durations[j]) { usage[r][t] += instance.demands[j][r] }
            }
        }
        return start
    }
}
