import Renovation

/// Which trades and work types decided when the programme finished, as
/// shares of the finished replications (unfinished ones have no end to
/// decide), each with its 95 % Wilson interval.
///
/// - A trade is **binding** in a replication when the work orders accepted
///   in the final window — the last 10 % of the time from the start to the
///   last acceptance (``ReplicationResult/finalWindowShare``) — waited
///   longer for its crews than for any other trade's
///   (``ReplicationResult/finalWindowCrewWaitDays``). A replication where
///   nothing accepted in that window waited for a crew has no binding trade
///   (ties go to the trade listed first).
/// - A work type is **critical** in a replication when its last acceptance
///   is the programme's last acceptance: it finished last. Several types
///   finishing at the same instant are each critical, so these shares can
///   add up to more than 1.
///
///     let c = Criticality(model: model, results: results)
///     c.trades[0].share.estimate    // share of replications the first trade bound
public struct Criticality: Codable, Sendable, Equatable {
    /// Finished replications: the trials of every share below.
    public var finishedReplications: Int
    /// Per trade, in the scenario's order.
    public var trades: [NamedProportion]
    /// Replications where nothing accepted in the final window waited for a crew.
    public var noBindingTrade: ProportionSummary
    /// Per work type (building types, then community types).
    public var workTypes: [NamedProportion]

    public init(model: CompiledPlan, results: [ReplicationResult]) {
        let finished = results.filter(\.finished)
        var binding = [Int](repeating: 0, count: model.tradeNames.count)
        var unbound = 0
        var last = [Int](repeating: 0, count: model.types.count)
        for r in finished {
            if let t = Self.bindingTrade(r.finalWindowCrewWaitDays) { binding[t] += 1 } else { unbound += 1 }
            for (k, days) in r.lastAcceptanceDaysByType.enumerated() where days == r.finishDays { last[k] += 1 }
        }
        finishedReplications = finished.count
        trades = model.tradeNames.indices.map {
            NamedProportion(name: model.tradeNames[$0], share: ProportionSummary(successes: binding[$0], trials: finished.count))
        }
        noBindingTrade = ProportionSummary(successes: unbound, trials: finished.count)
        workTypes = model.types.indices.map {
            NamedProportion(name: model.types[$0].name, share: ProportionSummary(successes: last[$0], trials: finished.count))
        }
    }

    /// The trade with the largest positive wait, the first on ties; nil when none waited.
    static func bindingTrade(_ waits: [Double]) -> Int? {
        var best: Int?
        for (t, wait) in waits.enumerated() where wait > 0 && wait > (best.map { waits[$0] } ?? 0) { best = t }
        return best
    }
}

/// A name and a share of replications.
public struct NamedProportion: Codable, Sendable, Equatable {
    public var name: String
    public var share: ProportionSummary

    public init(name: String, share: ProportionSummary) {
        self.name = name
        self.share = share
    }
}
