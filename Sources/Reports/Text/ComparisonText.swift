import Experiments

/// The readable comparison `renosim compare` prints: each plan's finish
/// and deadline odds, then every plan against the baseline, metric by metric.
public enum ComparisonText {
    public static func render(_ c: PlanComparison) -> String {
        var out = "\(c.scenario) — \(c.plans.count) plans on the same \(c.replications) replications, seed \(c.seed) "
            + "(common random numbers)" + (c.plans.first?.statusDate.map { ", forecast from status date \($0)" } ?? "") + "\n\n"
        var plans = TextTable(header: ["plan", "P50 finish", "P90 finish", "P(deadline met)", "95 % Wilson", "deadline"],
                              rightAligned: [false, false, false, true, false, false])
        for s in c.plans {
            func date(_ days: Double) -> String { days.isNaN ? "—" : s.date(days: days).description }
            let p = s.deadlineMet
            plans.append([s.plan, date(s.finishDays.p50), date(s.finishDays.p90), TextNumber.percent(p.estimate),
                          TextNumber.interval(p.lower, p.upper), s.deadline.description])
        }
        out += plans.render()
        if let first = c.plans.first?.milestones, !first.isEmpty {
            var milestones = TextTable(header: ["plan", "milestone", "date", "P(met)", "95 % Wilson"],
                                       rightAligned: [false, false, false, true, false])
            for s in c.plans {
                for m in s.milestones ?? [] {
                    milestones.append([s.plan, m.name, m.date.description, TextNumber.percent(m.met.estimate),
                                       TextNumber.interval(m.met.lower, m.met.upper)])
                }
            }
            out += "\nMilestones\n" + milestones.render()
        }
        for pair in c.pairs {
            out += "\n\(pair.plan) − \(pair.baseline), paired by replication\n"
            var table = TextTable(
                header: ["metric", "mean difference", "paired 95 % CI", "significant", "independent ±", "variance reduction"],
                rightAligned: [false, true, false, false, true, true])
            for d in pair.differences {
                table.append([d.metric, TextNumber.compact(d.meanDifference),
                              "[\(TextNumber.compact(d.ciLower)), \(TextNumber.compact(d.ciUpper))]",
                              d.significant ? "yes" : "no", TextNumber.compact(d.independentHalfWidth),
                              TextNumber.percent(d.varianceReduction)])
            }
            out += table.render()
        }
        out += "\nvariance reduction = 1 − var(plan − baseline) ÷ (var(baseline) + var(plan)): the share of an independent "
            + "comparison's variance that pairing removed.\n"
        return out
    }
}
