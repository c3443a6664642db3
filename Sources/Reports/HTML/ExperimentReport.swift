import DiscreteEvent
import Experiments
import Foundation

/// HTML pages for `compare --report` and `sensitivity --report`: the same
/// page shell, CSS and escaping as ``HTMLReport``, nothing fetched from a
/// network.
public enum ExperimentReport {
    /// Chart titles of a comparison report, in page order.
    public static let comparisonChartTitles = ["Completion S-curves"]
    /// Chart titles of a sensitivity report, in page order.
    public static let sensitivityChartTitles = ["Tornado of the median finish", "Binding trade", "Work type finishing last"]

    /// A comparison page. `finishDays[i]` are plan i's finish days per
    /// replication (non-finite: the replication did not finish).
    public static func render(_ comparison: PlanComparison, finishDays: [[Double]]) -> String {
        let plans = comparison.plans
        let start = plans.first?.start
        var body = "<header><h1>\(Markup.escape(comparison.scenario)) — plans compared</h1>\n"
        body += "<p class=\"meta\">\(comparison.replications) replications per plan · seed \(comparison.seed) · "
            + "baseline <code>\(Markup.escape(comparison.baseline))</code> · common random numbers</p></header>\n"

        // Days of every plan measured from the first plan's start.
        func shift(_ plan: PlanSummary) -> Double { start.map { Double(plan.start.dayNumber - $0.dayNumber) } ?? 0 }
        let series: [[Double]] = plans.indices.map { i in
            let days = i < finishDays.count ? finishDays[i] : []
            return days.map { $0 + shift(plans[i]) }
        }
        let deadlines = plans.map { Double($0.deadline.dayNumber - $0.start.dayNumber + 1) + shift($0) }
        let chart = completionCurves(names: plans.map(\.plan), finishDays: series,
                                     deadlines: zip(deadlines, plans).map { ($0, "deadline \($1.deadline)") }, start: start)
        body += HTMLReport.section("Completion S-curves", chart,
                                   note: "Share of replications whose last work order was accepted by each date, per plan; "
                                       + "vertical lines are the plans' deadlines.")

        var summary = ""
        for plan in plans {
            summary += "<tr><td>\(Markup.escape(plan.plan))</td><td>\(Markup.escape(date(plan.finishDays.p50, plan)))</td>"
                + "<td>\(Markup.escape(date(plan.finishDays.p90, plan)))</td><td>\(plan.deadline)</td>"
                + "<td>\(Markup.escape(percent(plan.deadlineMet.estimate)))</td></tr>\n"
        }
        body += "<section class=\"plans\"><h2>Plans</h2><table class=\"grid\"><thead><tr><th>plan</th><th>finish P50</th>"
            + "<th>finish P90</th><th>deadline</th><th>P(deadline met)</th></tr></thead><tbody>\n\(summary)</tbody></table></section>\n"

        for pair in comparison.pairs {
            var rows = ""
            for d in pair.differences {
                rows += "<tr><td>\(Markup.escape(d.metric))</td><td>\(number(d.baselineMean))</td><td>\(number(d.planMean))</td>"
                    + "<td>\(number(d.meanDifference))</td><td>\(number(d.ciLower)) … \(number(d.ciUpper))</td>"
                    + "<td>\(d.significant ? "yes" : "no")</td><td>\(percent(d.varianceReduction))</td></tr>\n"
            }
            body += "<section class=\"pair\"><h2>Paired differences: \(Markup.escape(pair.plan)) − \(Markup.escape(pair.baseline))</h2>"
                + "<table class=\"grid\"><thead><tr><th>metric</th><th>\(Markup.escape(pair.baseline))</th>"
                + "<th>\(Markup.escape(pair.plan))</th><th>mean difference</th><th>paired 95 % CI</th><th>significant</th>"
                + "<th>variance reduction</th></tr></thead><tbody>\n\(rows)</tbody></table>"
                + "<p class=\"note\">Means over the same replications; the difference is plan − baseline per replication.</p></section>\n"
        }
        return HTMLReport.page(title: "\(comparison.scenario) — \(plans.map(\.plan).joined(separator: " vs "))", body: body)
    }

    /// A sensitivity page: the tornado and the criticality shares.
    public static func render(_ report: SensitivityReport) -> String {
        let start = report.start
        var body = "<header><h1>\(Markup.escape(report.scenario)) — plan \(Markup.escape(report.plan)): what moves the finish</h1>\n"
        body += "<p class=\"meta\">\(report.replications) replications per setting · seed \(report.seed) · median finish as "
            + "written \(report.baselineP50Date) · deadline \(report.deadline)</p></header>\n"

        let bars = report.tornado
        let values = bars.flatMap { [$0.lowP50Days, $0.highP50Days] } + [report.baselineP50Days]
        let finite = values.filter(\.isFinite)
        let pad = max(7, ((finite.max() ?? 1) - (finite.min() ?? 0)) * 0.08)
        let low = max(0, (finite.min() ?? 0) - pad), high = (finite.max() ?? 1) + pad
        // Largest swing at the top: category 0 is drawn at the bottom.
        let labels = bars.reversed().map(\.label)
        var tornado = SVGChart(id: "tornado", title: "Tornado of the median finish", x: .dates(low, high, start: start),
                               y: .categories(labels), xLabel: "median finish date", yLabel: "")
        tornado.left = min(260, max(70, Double(labels.map(\.count).max() ?? 0) * 7 + 12))
        for (rank, bar) in bars.enumerated() {
            let row = bars.count - 1 - rank
            tornado.horizontalBar(from: report.baselineP50Days, to: bar.lowP50Days, category: row, color: SVGChart.palette[0],
                                  tooltip: "\(bar.label) low (\(bar.lowSetting)): \(bar.lowP50Date)")
            tornado.horizontalBar(from: report.baselineP50Days, to: bar.highP50Days, category: row, color: SVGChart.palette[1],
                                  tooltip: "\(bar.label) high (\(bar.highSetting)): \(bar.highP50Date)")
        }
        tornado.vertical(at: report.baselineP50Days, label: "as written \(report.baselineP50Date)", color: "#000000",
                         dashed: false)
        tornado.addLegend("low setting", color: SVGChart.palette[0])
        tornado.addLegend("high setting", color: SVGChart.palette[1])
        body += HTMLReport.section("Tornado of the median finish", tornado.render(),
                                   note: "Median finish with each input at its low and high setting, the others as written; "
                                       + "largest swing first.")

        var rows = ""
        for bar in bars {
            rows += "<tr><td>\(Markup.escape(bar.label))</td><td>\(Markup.escape(bar.lowSetting))</td>"
                + "<td>\(Markup.escape(bar.highSetting))</td><td>\(bar.lowP50Date)</td><td>\(bar.highP50Date)</td>"
                + "<td>\(number(bar.swing))</td></tr>\n"
        }
        body += "<section class=\"tornado-table\"><h2>Tornado rows</h2><table class=\"grid\"><thead><tr><th>input</th>"
            + "<th>low</th><th>high</th><th>P50 at low</th><th>P50 at high</th><th>swing (days)</th></tr></thead><tbody>\n"
            + rows + "</tbody></table></section>\n"

        let c = report.criticality
        body += HTMLReport.section("Binding trade",
                                   shares(id: "binding-trade", title: "Binding trade",
                                          c.trades + [NamedProportion(name: "(none waited)", share: c.noBindingTrade)],
                                          xLabel: "trade", color: SVGChart.palette[2]),
                                   note: "Share of \(c.finishedReplications) finished replications in which each trade "
                                       + "had the most crew wait near the end.")
        body += HTMLReport.section("Work type finishing last",
                                   shares(id: "last-work-type", title: "Work type finishing last", c.workTypes,
                                          xLabel: "work type", color: SVGChart.palette[3]),
                                   note: "Share of \(c.finishedReplications) finished replications each work type finished last.")
        return HTMLReport.page(title: "\(report.scenario) — \(report.plan) sensitivity", body: body)
    }

    /// Chart titles of a sizing page, for tests and the browser check.
    public static let sizingChartTitles = ["Crews per trade", "Probability along the search"]

    /// A sizing page: the crews the search settled on next to the plan's, and
    /// P(deadline met) of every mix it tried, with the target.
    public static func render(_ result: CrewSizing.Result) -> String {
        var body = "<header><h1>Crew mix for plan \(Markup.escape(result.plan))</h1>\n"
        body += "<p class=\"meta\">target P(deadline met) ≥ \(percent(result.target)) · \(result.evaluations) mixes tried · "
            + "\(result.simulations) simulations · target \(result.meetsTarget ? "met" : "NOT met") on fresh replications</p></header>\n"

        let most = Double((result.startingCrews + result.crews).max() ?? 1)
        var crews = SVGChart(id: "crews", title: "Crews per trade", x: .categories(result.trades),
                             y: .linear(0, most * 1.15 + 1), xLabel: "trade", yLabel: "crews")
        for (i, _) in result.trades.enumerated() {
            // Category i is centred at i + 0.5: the plan's bar left of the centre, the sized one right.
            crews.bar(from: Double(i) + 0.2, to: Double(i) + 0.5, value: Double(result.startingCrews[i]),
                      color: SVGChart.palette[0], tooltip: "plan: \(result.startingCrews[i])")
            crews.bar(from: Double(i) + 0.5, to: Double(i) + 0.8, value: Double(result.crews[i]),
                      color: SVGChart.palette[1], tooltip: "sized: \(result.crews[i])")
        }
        crews.addLegend("the plan's crews", color: SVGChart.palette[0])
        crews.addLegend("sized mix", color: SVGChart.palette[1])
        body += HTMLReport.section("Crews per trade", crews.render(),
                                   note: "Crews of each trade in the plan as written and in the mix the search chose.")

        let count = Double(max(1, result.path.count))
        var search = SVGChart(id: "search", title: "Probability along the search", x: .linear(0, count + 1),
                              y: .linear(0, 1.1, format: SVGChart.percent), xLabel: "mix tried (in order)",
                              yLabel: "P(deadline met) (%)")
        search.line(result.path.enumerated().map { (Double($0.offset + 1), $0.element.deadlineMet.estimate) },
                    color: SVGChart.palette[0])
        search.line([(0, result.target), (count + 1, result.target)], color: SVGChart.palette[1], dashed: true)
        search.addLegend("mix tried", color: SVGChart.palette[0])
        search.addLegend("target", color: SVGChart.palette[1], dashed: true)
        body += HTMLReport.section("Probability along the search", search.render(),
                                   note: "P(deadline met) on the search replications of every mix tried; the final mix "
                                       + "scored \(percent(result.confirmed.estimate)) on \(result.confirmed.trials) fresh replications.")

        var rows = ""
        for (i, trade) in result.trades.enumerated() {
            rows += "<tr><td>\(Markup.escape(trade))</td><td>\(result.startingCrews[i])</td><td>\(result.crews[i])</td></tr>\n"
        }
        body += "<section class=\"sizing-table\"><h2>Crew mix</h2><table class=\"grid\"><thead><tr><th>trade</th>"
            + "<th>plan</th><th>sized</th></tr></thead><tbody>\n" + rows + "</tbody></table></section>\n"
        return HTMLReport.page(title: "Crew mix for \(result.plan)", body: body)
    }

    /// Share of replications finished by each date, one step line per plan
    /// (`finishDays[i]`: plan i's finish per replication, days from `start`;
    /// non-finite: unfinished), with one vertical line per distinct deadline.
    static func completionCurves(names: [String], finishDays: [[Double]], deadlines: [(day: Double, label: String)],
                                 start: CivilDate?) -> String {
        let series = finishDays.map { $0.filter(\.isFinite).sorted() }
        let all = series.flatMap { $0 } + deadlines.map(\.day)
        let low = max(0, (all.min() ?? 0) - 15), high = (all.max() ?? 1) + 15
        var chart = SVGChart(id: "s-curves", title: "Completion S-curves", x: .dates(low, high, start: start),
                             y: .linear(0, 1, format: SVGChart.percent), xLabel: start == nil ? "days from start" : "date",
                             yLabel: "replications finished (%)")
        var marked: [Double] = []
        for (i, name) in names.enumerated() {
            let color = SVGChart.palette[i % SVGChart.palette.count]
            let n = Double(max(1, i < finishDays.count ? finishDays[i].count : 0))
            var points: [(Double, Double)] = [(low, 0)]
            for (k, d) in series[i].enumerated() {
                points.append((d, Double(k) / n))
                points.append((d, Double(k + 1) / n))
            }
            points.append((high, Double(series[i].count) / n))
            chart.line(points, color: color, width: 2.5, dashed: i > 0 && i % 2 == 0)
            chart.addLegend(name, color: color, dashed: i > 0 && i % 2 == 0)
            if i < deadlines.count, !marked.contains(deadlines[i].day) {
                chart.vertical(at: deadlines[i].day, label: deadlines[i].label, color: color, dashed: false, row: marked.count)
                marked.append(deadlines[i].day)
            }
        }
        return chart.render()
    }

    static func shares(id: String, title: String, _ items: [NamedProportion], xLabel: String, color: String) -> String {
        var chart = SVGChart(id: id, title: title, x: .categories(items.map(\.name)),
                             y: .linear(0, 1.1, format: SVGChart.percent), xLabel: xLabel, yLabel: "share of replications (%)")
        for (i, item) in items.enumerated() {
            chart.bar(category: i, value: item.share.estimate, color: color, label: percent(item.share.estimate))
        }
        return chart.render()
    }

    static func date(_ days: Double, _ plan: PlanSummary) -> String {
        days.isFinite ? plan.start.adding(fractionalDays: days).description : "—"
    }

    static func number(_ v: Double) -> String { v.isFinite ? String(format: "%.2f", v) : "—" }

    static func percent(_ v: Double) -> String { v.isFinite ? String(format: "%.0f %%", v * 100) : "n/a" }
}
