import Renovation

/// The crew cost model and the crew moves `renosim size` and `renosim
/// optimise --objective cost` share.
///
/// A crew costs its trade's `cost_per_hour` where the scenario gives any
/// cost, else every crew counts one. A trade may not go below what its
/// largest job needs at once (the validator's rule) nor, in a forecast,
/// below its crews busy at the status date; and a search step is
/// 10 % of the trade's crews (at least one).
public struct CrewCost: Sendable, Equatable {
    public let trades: [String]
    /// Cost of one crew of each trade per working hour (1 each when no trade has a cost).
    public let costs: [Double]
    /// Fewest crews each trade may have: what its largest job needs at once.
    public let minimum: [Int]
    /// The plan's crews, raised to `minimum`.
    public let starting: [Int]

    /// With `status` (a forecast), work under way at the status date keeps its crews: never fewer.
    public init(plan: CompiledPlan, status: PlanStatus? = nil) {
        trades = plan.tradeNames
        costs = plan.costPerHour.contains { $0 > 0 } ? plan.costPerHour.map { max($0, 0) } : plan.tradeNames.map { _ in 1.0 }
        var minimum = [Int](repeating: 0, count: plan.tradeNames.count)
        for type in plan.types { for need in type.needs { minimum[need.trade] = max(minimum[need.trade], need.crews) } }
        var busy = [Int](repeating: 0, count: plan.tradeNames.count)
        for entry in status?.entries ?? [] where entry.progress == .underWay {
            for need in plan.types[plan.typeIndex(of: entry.order)].needs { busy[need.trade] += need.crews }
        }
        self.minimum = zip(minimum, busy).map { max($0, $1) }
        starting = zip(plan.crews, self.minimum).map { max($0, $1) }
    }

    /// Σ crews × cost per crew.
    public func cost(_ crews: [Int]) -> Double {
        zip(crews, costs).reduce(0) { $0 + Double($1.0) * $1.1 }
    }

    /// A search step from `count` crews: 10 %, at least one.
    public static func step(_ count: Int) -> Int { max(1, Int((Double(count) * 0.1).rounded(.up))) }

    /// Prune: remove crews, the largest saving first, while `meets` says
    /// the mix still reaches the target; steps shrink from 10 % to single
    /// crews before it stops. `meets` gets every trade's reduced mix of one
    /// round at once (so a caller may simulate them in parallel) and answers
    /// for each; `more` says whether another round may be paid for.
    public func prune<E: Error>(_ start: [Int], more: () -> Bool,
                                meets: ([[Int]]) throws(E) -> [Bool]) throws(E) -> [Int] {
        var crews = start
        var coarse = true
        while more() {
            let reducible = trades.indices.filter { crews[$0] > minimum[$0] }
            let candidates = reducible.map { t in
                var candidate = crews
                candidate[t] = max(minimum[t], crews[t] - (coarse ? Self.step(crews[t]) : 1))
                return candidate
            }
            let answers = try meets(candidates)
            var best: (saving: Double, crews: [Int])?
            for (k, t) in reducible.enumerated() where answers[k] {
                let saving = Double(crews[t] - candidates[k][t]) * costs[t]
                if best.map({ saving > $0.saving }) ?? true { best = (saving, candidates[k]) }
            }
            if let chosen = best {
                crews = chosen.crews
            } else if coarse {
                coarse = false
            } else {
                break
            }
        }
        return crews
    }
}
