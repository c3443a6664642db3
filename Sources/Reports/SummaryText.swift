import DiscreteEvent
import Experiments
import Foundation

/// The readable summary `renosim run` prints.
public enum SummaryText {
    public static func render(_ s: PlanSummary) -> String {
        var out = ""
        func line(_ text: String = "") { out += text + "\n" }
        func date(_ days: Double) -> String { days.isNaN ? "—" : s.date(days: days).description }
        func fixed(_ x: Double, _ digits: Int = 1) -> String { x.isNaN ? "—" : String(format: "%.\(digits)f", x) }
        func percent(_ x: Double) -> String { x.isNaN ? "—" : String(format: "%.1f %%", x * 100) }

        line("\(s.scenario.terminalSafe) — plan \(s.plan.terminalSafe): \(s.replications) replications, seed \(s.seed)")
        line("Start \(s.start), deadline \(s.deadline)")
        line()
        let f = s.finishDays
        line("Finish date        P10 \(date(f.p10))   P50 \(date(f.p50))   P80 \(date(f.p80))   P90 \(date(f.p90))")
        line("                   mean \(fixed(f.mean)) days ± \(fixed(f.halfWidth)) (95 % CI), range \(date(f.min)) … \(date(f.max))")
        let p = s.deadlineMet
        line("P(deadline met)    \(percent(p.estimate))   95 % Wilson [\(percent(p.lower)), \(percent(p.upper))]")
        for m in s.milestones ?? [] {
            line("Milestone          \(m.name.terminalSafe) by \(m.date): P(met) \(percent(m.met.estimate))   "
                 + "95 % Wilson [\(percent(m.met.lower)), \(percent(m.met.upper))]")
        }
        if s.unfinished > 0 {
            line("Unfinished         \(s.unfinished) replication(s) did not finish: \(s.firstStall ?? "")")
        }
        line()
        line("Crew utilisation (worked ÷ available crew-hours)")
        for u in s.crewUtilisation { line("  \(pad(u.name, 18)) \(percent(u.summary.mean))") }
        line("Waits by cause (days summed over work orders, mean per replication)")
        for w in s.waits { line("  \(pad(w.name, 18)) \(fixed(w.summary.mean))") }
        line("Inspections        \(fixed(s.inspections.mean)) per replication, failure rate \(percent(s.failureRate.mean)), rework \(fixed(s.reworkHours.mean)) h")
        line("Defects reported   \(fixed(s.defectsReported.mean)) per replication; 54321 attainment:")
        for a in s.serviceLevelAttainment { line("  \(pad(a.name, 18)) \(percent(a.summary.mean))") }
        line("Disruption         \(fixed(s.householdDaysDisrupted.mean, 0)) household-days")
        line("Peak sites         \(fixed(s.peakSites.mean)) buildings under works at once (mean of peaks)")
        line("Buildings completed and money committed per year (means)")
        for (c, m) in zip(s.completionsPerYear, s.costPerYear) where c.mean > 0 || m.mean > 0 {
            let budget = m.budget.map { " of budget " + fixed($0, 0) } ?? ""
            line("  \(c.year)  \(pad(fixed(c.mean), 8)) buildings   cost \(fixed(m.mean, 0))\(budget)")
        }
        return out
    }

    static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }
}
