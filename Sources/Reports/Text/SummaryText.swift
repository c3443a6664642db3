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

        line("\(s.scenario.terminalSafe) — plan \(s.plan.terminalSafe): \(s.replications) replications, seed \(s.seed)"
             + (s.statusDate.map { ", forecast from status date \($0)" } ?? ""))
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
        func value(_ metric: Metric, _ index: String? = nil) -> String {
            TextNumber.value(s.summary(metric, index).mean, metric.unit)
        }
        func indexed(_ metric: Metric) {
            for row in s.indexed(metric) { line("  \(pad(row.name, 18)) \(TextNumber.value(row.summary.mean, metric.unit))") }
        }
        line("Crew utilisation (\(Metric.utilisation.name): worked ÷ available crew-hours)")
        indexed(.utilisation)
        line("Waits by cause (\(Metric.waitDays.name): calendar days of delay summed over work orders, mean per replication)")
        indexed(.waitDays)
        line("Inspections        \(value(.inspections)) per replication, failure rate \(value(.failureRate)), "
             + "rework \(value(.reworkHours)) h")
        line("Defects reported   \(value(.defectsReported)) per replication; 54321 attainment:")
        indexed(.attainment)
        if s.summary(.preparationDays).count > 0 {
            line("Preparation        \(value(.preparationDays)) days per community (mean), \(value(.consentRounds)) consent rounds per community, "
                 + "\(value(.scopeAdded)) optional works added; share of the span in preparation \(value(.preparationShare))")
        }
        if s.summary(.peakAdvance).count > 0 {
            line("Funding            \(value(.fundingWaitDays)) days of work held for money (summed over orders); peak city advance \(value(.peakAdvance))")
        }
        for r in s.risks ?? [] {
            line("Risk               \(r.name.terminalSafe): occurred in \(percent(r.observedProbability)) of \(r.units) unit(s) "
                 + "(declared \(percent(r.declaredProbability))); mean \(fixed(r.meanDaysLost)) days lost, cost \(TextNumber.grouped(r.meanCost))")
        }
        line("Disruption         \(value(.householdDaysDisrupted)) household-days")
        line("Peak sites         \(value(.peakSites)) buildings under works at once (mean of peaks)")
        line("Buildings completed and money committed per year (means)")
        let completions = s.indexed(.completions), costs = s.indexed(.cost)
        for (y, (c, m)) in zip(completions, costs).enumerated() where c.summary.mean > 0 || m.summary.mean > 0 {
            let budget = (y < s.budgets.count ? s.budgets[y].budget : nil).map { " of budget " + TextNumber.grouped($0) } ?? ""
            line("  \(c.name)  \(pad(TextNumber.grouped(c.summary.mean, digits: 1), 8)) buildings   "
                 + "cost \(TextNumber.grouped(m.summary.mean))\(budget)")
        }
        return out
    }

    static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }
}
