import DiscreteEvent
import Renovation
import Stochastic

/// Project mode (docs/optimise.md): a plan that is one deterministic
/// project — one building or community, so every work type is one job;
/// constant durations; one working calendar for every trade; nothing else
/// that moves work (no inspections, rain, shutdowns, budget, funding,
/// risks, preparation, status date or `not_before` of its own) — is a resource-constrained project
/// scheduling instance in working time. There a candidate's priority list is decoded by
/// the serial schedule-generation scheme and improved by forward-backward
/// passes (justification), and the schedule is handed to the simulation
/// as the plan's `not_before` (each job's start), which renosim's dispatch
/// reproduces exactly (docs/scenario-reference.md, "Not before"). The
/// simulation's finish, not this model's, is what the search ranks.
///
/// Times are whole hours of working time (every duration a whole number
/// of hours, at least one; the shift and the release on whole hours), so
/// resource use is a profile indexed by the hour and every start is a
/// whole hour of the calendar, which `not_before` carries exactly. A start in working time becomes a
/// calendar time through the calendar: the first working instant at or
/// after the moment that much working time has passed since the release.
/// Every job that ends at or before it in working time has ended by then
/// on the calendar, so the simulation runs the working-time schedule exactly.
struct ProjectSchedule: Sendable {
    let durations: [Int]
    let predecessors: [[Int]]
    let successors: [[Int]]
    /// Each job's (resource, amount) pairs.
    let demands: [[(resource: Int, amount: Int)]]
    let capacities: [Int]
    /// Σ durations: no schedule decoded here is longer.
    let horizon: Int
    /// The calendar every trade works on, and the community's release (hours).
    let calendar: WorkingCalendar
    let release: Double

    /// Schedule passes made (decodings, and each forward or backward pass).
    private(set) var passes = 0
    private var usage: [Int32] = []

    /// Nil when `plan` is not a deterministic single project (see the type's notes).
    init?(plan: CompiledPlan) {
        let n = plan.types.count
        // The plan's own `not_before` would be replaced by the decoded starts: not searched here.
        guard n > 0, plan.orderCount == n, plan.communities.count == 1, plan.notBeforeHours.isEmpty,
              plan.supervisors == 0, plan.funding == nil, plan.risks.isEmpty, plan.preparation == nil,
              plan.status == nil, plan.budgetPerYear.allSatisfy({ $0 == .infinity }),
              plan.rainProbability.allSatisfy({ $0 == 0 }),
              plan.shutdownWindows.allSatisfy(\.isEmpty),
              plan.calendars.allSatisfy({ $0 == plan.baseCalendar }),
              plan.baseCalendar.shiftStart == plan.baseCalendar.shiftStart.rounded(),
              plan.releaseTime[0] == plan.releaseTime[0].rounded()
        else { return nil }
        var hours: [Int] = []
        for o in 0..<n {
            // Whole hours, so every start is a whole hour that `not_before` carries exactly; no
            // job of no time, which takes its crews for an instant the time-indexed profile has not.
            guard plan.typeIndex(of: o) == o, case .constant(let h) = plan.types[o].hours else { return nil }
            let duration = h * plan.scale(of: o)
            guard duration >= 1, duration <= 1_000_000, duration == duration.rounded() else { return nil }
            hours.append(Int(duration))
        }
        durations = hours
        let total = durations.reduce(0, +)
        // A time-indexed profile: kept to a size that decodes quickly.
        guard total <= 1_000_000, total * plan.tradeNames.count <= 20_000_000 else { return nil }
        horizon = total + 1
        predecessors = plan.types.map(\.predecessors)
        successors = plan.types.map(\.successors)
        demands = plan.types.map { $0.needs.map { (resource: $0.trade, amount: $0.crews) } }
        capacities = plan.crews
        calendar = plan.baseCalendar
        release = plan.releaseTime[0]
    }

    /// The candidate's list decoded and improved: the list in start order
    /// (ties by the given list) and each work type's start in calendar
    /// hours after the release (past the calendar's end: its end).
    mutating func decode(_ list: [Int], improvementPasses: Int = 4) -> (list: [Int], startHours: [Double]) {
        var starts = serial(list, before: predecessors, after: successors)
        var makespan = length(starts)
        // Forward-backward improvement: right-justify in order of latest
        // finish first, then left-justify in order of earliest start; keep
        // the pair while it shortens the schedule.
        for _ in 0..<improvementPasses {
            let finishes = durations.indices.map { starts[$0] + durations[$0] }
            let backward = serial(durations.indices.sorted { (finishes[$0], starts[$0], $0) > (finishes[$1], starts[$1], $1) },
                                  before: successors, after: predecessors)
            let end = length(backward)
            let mirrored = durations.indices.map { end - backward[$0] - durations[$0] }
            let forward = serial(durations.indices.sorted { (mirrored[$0], $0) < (mirrored[$1], $1) },
                                 before: predecessors, after: successors)
            let shorter = length(forward)
            guard shorter < makespan else { break }
            (starts, makespan) = (forward, shorter)
        }
        var position = [Int](repeating: 0, count: list.count)
        for (i, j) in list.enumerated() { position[j] = i }
        let ordered = durations.indices.sorted { (starts[$0], position[$0]) < (starts[$1], position[$1]) }
        let end = calendar.horizon - release
        return (ordered, starts.map { s in
            // The first instant s working hours have passed, moved on to the next working
            // instant (the start of the next shift, not the end of the last).
            guard let passed = calendar.finishTime(start: release, workHours: Double(s)),
                  let start = calendar.nextWorkingTime(from: passed) else { return end }
            return start - release
        })
    }

    func length(_ starts: [Int]) -> Int {
        durations.indices.map { starts[$0] + durations[$0] }.max() ?? 0
    }

    /// The serial scheme over a network (`before` the predecessors and
    /// `after` the successors, or the other way round for a backward pass): repeatedly the first job of `list` whose
    /// predecessors are placed, at the earliest time after them at which
    /// its demands fit beside the jobs already placed, for its whole duration.
    private mutating func serial(_ list: [Int], before: [[Int]], after: [[Int]]) -> [Int] {
        passes += 1
        let size = capacities.count * horizon
        if usage.count == size {
            usage.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
        } else {
            usage = [Int32](repeating: 0, count: size)
        }
        var start = [Int](repeating: -1, count: durations.count)
        var waiting = before.map(\.count)
        var placed = [Bool](repeating: false, count: durations.count)
        for _ in 0..<durations.count {
            guard let j = list.first(where: { !placed[$0] && waiting[$0] == 0 }) else { break }
            var s = before[j].map { start[$0] + durations[$0] }.max() ?? 0
            while let clash = lastClash(j, at: s) { s = clash + 1 }
            start[j] = s
            placed[j] = true
            for (r, amount) in demands[j] {
                for t in s..<(s + durations[j]) { usage[r * horizon + t] += Int32(amount) }
            }
            for k in after[j] { waiting[k] -= 1 }
        }
        return start
    }

    /// The last time in [s, s + d) at which job `j` does not fit, if any: no
    /// start up to it can fit, so the search goes on after it.
    private func lastClash(_ j: Int, at s: Int) -> Int? {
        var clash: Int?
        for (r, amount) in demands[j] {
            let free = Int32(capacities[r] - amount)
            var t = s + durations[j] - 1
            while t >= s {
                if usage[r * horizon + t] > free {
                    clash = max(clash ?? t, t)
                    break
                }
                t -= 1
            }
        }
        return clash
    }
}
