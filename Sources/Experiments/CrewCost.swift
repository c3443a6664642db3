import Renovation

/// The crew cost model and the crew moves (grow, prune) `renosim size`
/// and `renosim optimise --objective cost` share.
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

    /// How a mix did on some replications: what a growth step compares.
    public struct Gauge: Sendable, Equatable {
        /// P(deadline met).
        public var met: Double
        /// Mean days past the deadline (0 for a replication on time).
        public var lateness: Double

        public init(met: Double, lateness: Double) {
            self.met = met
            self.lateness = lateness
        }
    }

    /// One growth step from `crews`: every trade with work (below
    /// `ceiling`, when given) gets one step more, `gauge` measures each
    /// such mix (all at once, so a caller may simulate them in parallel),
    /// and the mix with the best rise in P per unit of added crew cost is
    /// returned — the fall in mean lateness per unit of cost breaks ties,
    /// then the earlier trade. Nil when no step raises P or lowers the lateness.
    public func growStep<E: Error>(_ crews: [Int], from current: Gauge, ceiling: [Int]? = nil,
                                   gauge: ([[Int]]) throws(E) -> [Gauge]) throws(E) -> (crews: [Int], gauge: Gauge)? {
        let growable = trades.indices.filter { minimum[$0] > 0 && crews[$0] < (ceiling?[$0] ?? .max) }
        let candidates = growable.map { t in
            var candidate = crews
            candidate[t] = min(ceiling?[t] ?? .max, crews[t] + Self.step(crews[t]))
            return candidate
        }
        let gauges = try gauge(candidates)
        var best: (score: (Double, Double), crews: [Int], gauge: Gauge)?
        for (k, t) in growable.enumerated() {
            let added = Double(candidates[k][t] - crews[t]) * costs[t]
            let score = ((gauges[k].met - current.met) / added, (current.lateness - gauges[k].lateness) / added)
            if best.map({ score > $0.score }) ?? true { best = (score, candidates[k], gauges[k]) }
        }
        guard let chosen = best, chosen.score.0 > 0 || chosen.score.1 > 0 else { return nil }
        return (chosen.crews, chosen.gauge)
    }

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
