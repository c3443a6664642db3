import DiscreteEvent
import Experiments
import Foundation
import Stochastic

/// One self-contained HTML page of a run: key numbers, community table and
/// SVG charts, with inline CSS (print styles included) and nothing fetched
/// from a network, so it can be mailed, archived or printed as it is.
///
/// Built with plain Swift strings rather than a template engine
/// (swift-mustache): the charts are generated markup anyway, it keeps the
/// package free of a dependency, and every value goes through one escape
/// function (``Markup/escape(_:)``).
///
///     let html = HTMLReport.render(try ResultFile.read("out/result.json"))
///     try AtomicFile.write(html, to: "out/report.html")
public enum HTMLReport {
    /// Chart titles of a run report, in page order: what a reader (and the
    /// browser test) looks for.
    public static let runChartTitles = [
        "Completion S-curve", "Finish-date histogram", "Line of balance", "Waits by cause",
        "54321 service-level attainment", "Cost per year against budget", "Crew utilisation over time",
    ]

    /// `communities`: the per-community finish days (``CommunityFinish``), which result
    /// files of schema 2 leave to `communities.csv`; a schema-1 file carries them itself.
    public static func render(_ document: ResultDocument, communities: [CommunityFinish]? = nil) -> String {
        let summary = document.summary
        let records = document.perReplication
        let start = summary?.start
        let finish = MetricSummary(records.map { $0[scalar: .finishDays] })
        let deadlineDays = summary.map { Double($0.deadline.dayNumber - $0.start.dayNumber + 1) }
        func date(_ days: Double) -> String {
            guard days.isFinite else { return "—" }
            return start.map { $0.adding(fractionalDays: days).description } ?? "day " + String(format: "%.0f", days)
        }

        var body = "<header><h1>\(Markup.escape(document.scenario.name)) — plan \(Markup.escape(document.plan))</h1>\n"
        body += "<p class=\"meta\">\(document.replications) replications · seed \(document.seed) · scenario file "
            + "<code>\(Markup.escape(document.scenario.file))</code> · renosim \(Markup.escape(document.toolVersion))</p>\n"
        if let status = document.scenario.status {
            body += "<p class=\"meta\">Forecast from status date \(status.date) · progress file "
                + "<code>\(Markup.escape(status.file))</code> (sha256 \(status.sha256.prefix(12))…)</p>\n"
        }
        body += "</header>\n"
        // The end of the status date, in days from the start: actual progress before it, the forecast after.
        let statusDay = document.scenario.status.flatMap { status in
            start.map { Double(status.date.dayNumber - $0.dayNumber + 1) }
        }

        let met = records.filter { $0[scalar: .deadlineMet] != 0 }.count
        let unfinished = records.filter { $0[scalar: .finished] == 0 }.count
        let cost = MetricSummary(records.map { $0[scalar: .totalCost] })
        var key: [(String, String)] = [
            ("Finish P50", date(finish.p50)), ("Finish P80", date(finish.p80)), ("Finish P90", date(finish.p90)),
        ]
        if let summary { key.append(("Deadline", summary.deadline.description)) }
        if let status = document.scenario.status { key.append(("Forecast from status date", status.date.description)) }
        key += [("Deadline met", String(format: "%.0f %% (%d of %d)", 100 * Double(met) / Double(max(1, records.count)),
                                        met, records.count)),
                ("Unfinished replications", String(unfinished))]
        for m in summary?.milestones ?? [] {
            key.append(("Milestone \(m.name) by \(m.date)",
                        String(format: "P(met) %.0f %% [%.0f %%, %.0f %%]", 100 * m.met.estimate, 100 * m.met.lower, 100 * m.met.upper)))
        }
        key.append(("Total cost, mean", SVGChart.number(cost.mean)))
        body += "<section class=\"key\"><h2>Key numbers</h2><table>"
            + key.map { "<tr><th>\(Markup.escape($0.0))</th><td>\(Markup.escape($0.1))</td></tr>" }.joined()
            + "</table></section>\n"

        body += section("Completion S-curve", sCurve(records: records, finish: finish, deadline: deadlineDays, start: start,
                                                     statusDay: statusDay, date: date),
                        note: "Share of replications whose last work order was accepted by each date.")
        body += section("Finish-date histogram", histogram(records: records, deadline: deadlineDays, start: start),
                        note: "Replications by the date their last work order was accepted.")
        if let progress = summary?.buildingProgress {
            body += section("Line of balance", lineOfBalance(progress, start: start, statusDay: statusDay),
                            note: statusDay == nil
                                ? "Buildings with each work type accepted, median line and P10–P90 band over the replications."
                                : "Buildings with each work type accepted: the actual progress (thick line) up to the status "
                                    + "date, then the forecast's median (dashed) and P10–P90 band over the replications.")
        } else {
            body += missing("Line of balance")
        }
        body += section("Waits by cause", waits(document), note: "Mean days per replication, summed over work orders.")
        body += section("54321 service-level attainment", attainment(document),
                        note: "Mean share of resident defect reports that met each service level; n/a where none applied.")
        body += section("Cost per year against budget", costs(document),
                        note: summary?.budgets.contains { $0.budget != nil } == true
                            ? "Mean money committed per calendar year; black marks are the year's budget."
                            : "Mean money committed per calendar year; the scenario sets no budget.")
        if let monthly = summary?.monthlyUtilisation {
            let lastDay = records.map { $0[scalar: .finishDays] }.filter(\.isFinite).max() ?? 0
            body += section("Crew utilisation over time", utilisation(monthly, start: start, until: lastDay),
                            note: "Mean crew-hours worked ÷ crew-hours the trade's calendar offers, per month.")
        } else {
            body += missing("Crew utilisation over time")
        }
        if let communities, communities.contains(where: { $0.preparedP50.isFinite }) {
            body += section("Community timeline", CommunityTimeline.render(communities, start: start),
                            note: "Per community: P50 of preparation (from its start to approval) and of works (from "
                                + "approval or the release date, whichever is later, to the last acceptance) as bars; a gap is a "
                                + "prepared community waiting for its release; thin whiskers span P10–P90 of approval and of finish.")
        }
        body += communityTable(document, communities: communities, date: date)
        return page(title: "\(document.scenario.name) — \(document.plan)", body: body)
    }

    // MARK: Charts

    static func sCurve(records: [ReplicationRecord], finish: MetricSummary, deadline: Double?, start: CivilDate?,
                       statusDay: Double? = nil, date: (Double) -> String) -> String {
        let days = records.filter { $0[scalar: .finished] != 0 }.map { $0[scalar: .finishDays] }.sorted()
        let n = Double(max(1, records.count))
        let low = (days.first ?? 0) - 15, high = max(days.last ?? 1, deadline ?? 0) + 15
        var chart = SVGChart(id: "s-curve", title: "Completion S-curve", x: .dates(max(0, low), high, start: start),
                             y: .linear(0, 1, format: SVGChart.percent), xLabel: start == nil ? "days from start" : "date",
                             yLabel: "replications finished (%)")
        var points: [(Double, Double)] = [(max(0, low), 0)]
        for (i, d) in days.enumerated() {
            points.append((d, Double(i) / n))
            points.append((d, Double(i + 1) / n))
        }
        points.append((high, Double(days.count) / n))
        chart.line(points, color: SVGChart.palette[0], width: 2.5)
        if let deadline { chart.vertical(at: deadline, label: "deadline", color: "#000000", dashed: false, row: 0) }
        if let statusDay, statusDay >= max(0, low) {
            chart.vertical(at: statusDay, label: "status date", color: "#555555", row: 4)
        }
        for (row, (name, value)) in [("P50", finish.p50), ("P80", finish.p80), ("P90", finish.p90)].enumerated() {
            chart.vertical(at: value, label: "\(name) \(date(value))", color: SVGChart.palette[row + 1], row: row + 1)
        }
        return chart.render()
    }

    static func histogram(records: [ReplicationRecord], deadline: Double?, start: CivilDate?) -> String {
        let days = records.map { $0[scalar: .finishDays] }.filter(\.isFinite)
        let low = days.min() ?? 0, high = days.max() ?? 1
        let bins = max(1, min(24, Int((high - low) / 7) + 1))
        let width = max(1, (high - low) / Double(bins))
        var counts = [Int](repeating: 0, count: bins)
        for d in days { counts[min(bins - 1, Int((d - low) / width))] += 1 }
        let lowEdge = max(0, min(low, deadline ?? low) - width), highEdge = max(low + width * Double(bins), deadline ?? 0) + width
        var chart = SVGChart(id: "histogram", title: "Finish-date histogram", x: .dates(lowEdge, highEdge, start: start),
                             y: .linear(0, Double(counts.max() ?? 1) * 1.1), xLabel: start == nil ? "days from start" : "date",
                             yLabel: "replications")
        for (i, count) in counts.enumerated() where count > 0 {
            let a = low + Double(i) * width
            chart.bar(from: a, to: a + width * 0.92, value: Double(count), color: SVGChart.palette[0],
                      tooltip: "\(count) replications")
        }
        if let deadline { chart.vertical(at: deadline, label: "deadline", color: "#000000", dashed: false) }
        return chart.render()
    }

    static func lineOfBalance(_ progress: BuildingProgress, start: CivilDate?, statusDay: Double? = nil) -> String {
        let most = progress.workTypes.map(\.buildings).max() ?? 1
        var chart = SVGChart(id: "line-of-balance", title: "Line of balance",
                             x: .dates(0, progress.days.last ?? 1, start: start), y: .linear(0, Double(max(1, most))),
                             xLabel: start == nil ? "days from start" : "date", yLabel: "buildings finished")
        for (i, type) in progress.workTypes.enumerated() {
            let color = SVGChart.palette[i % SVGChart.palette.count]
            if let statusDay {
                // Every replication shares the history: before the status date the median is what happened.
                let days = progress.days
                let before = days.indices.filter { days[$0] < statusDay }
                let after = days.indices.filter { days[$0] > statusDay }
                // The series at the status date itself, between its neighbouring points.
                func at(_ series: [Double]) -> Double {
                    guard let i = before.last, let j = after.first else { return series[before.last ?? after.first ?? 0] }
                    return series[i] + (series[j] - series[i]) * (statusDay - days[i]) / (days[j] - days[i])
                }
                let xs = [statusDay] + after.map { days[$0] }
                chart.line(before.map { (days[$0], type.p50[$0]) } + [(statusDay, at(type.p50))], color: color, width: 3.5)
                chart.band(xs: xs, lower: [at(type.p10)] + after.map { type.p10[$0] },
                           upper: [at(type.p90)] + after.map { type.p90[$0] }, color: color)
                chart.line(Array(zip(xs, [at(type.p50)] + after.map { type.p50[$0] })), color: color, dashed: true)
            } else {
                chart.band(xs: progress.days, lower: type.p10, upper: type.p90, color: color)
                chart.line(Array(zip(progress.days, type.p50)), color: color)
            }
            chart.addLegend(type.name, color: color)
        }
        if let statusDay { chart.vertical(at: statusDay, label: "status date", color: "#000000") }
        return chart.render()
    }

    static func waits(_ document: ResultDocument) -> String {
        let causes = document.names.waitCauses
        let means = causes.indices.map { i in mean(document.perReplication.map { $0[.waitDays][i] }) }
        var chart = SVGChart(id: "waits", title: "Waits by cause", x: .categories(causes),
                             y: .linear(0, max(1, means.filter(\.isFinite).max() ?? 1) * 1.12), xLabel: "cause of waiting",
                             yLabel: "days per replication (mean)")
        for (i, value) in means.enumerated() {
            chart.bar(category: i, value: value, color: SVGChart.palette[0], label: SVGChart.number(value.rounded()))
        }
        return chart.render()
    }

    static func attainment(_ document: ResultDocument) -> String {
        let levels = document.names.serviceLevels
        let names = levels.map { $0.replacingOccurrences(of: "_", with: " ") }
        let means = levels.indices.map { i in mean(document.perReplication.map { $0[.attainment][i] }) }
        var chart = SVGChart(id: "attainment", title: "54321 service-level attainment", x: .categories(names),
                             y: .linear(0, 1.1, format: SVGChart.percent), xLabel: "service level",
                             yLabel: "reports meeting the level (%)")
        for (i, value) in means.enumerated() {
            if value.isFinite {
                chart.bar(category: i, value: value, color: SVGChart.palette[2], label: String(format: "%.0f %%", value * 100))
            } else {
                chart.text("n/a", atX: chart.px(Double(i) + 0.5), y: chart.py(0) - 6, anchor: "middle", className: "value")
            }
        }
        return chart.render()
    }

    static func costs(_ document: ResultDocument) -> String {
        // Years up to the latest finish: the rest of the horizon holds nothing.
        let lastDay = document.perReplication.map { $0[scalar: .finishDays] }.filter(\.isFinite).max() ?? 0
        let lastYear = document.summary.map { $0.date(days: lastDay).year } ?? Int.max
        let years = Array(document.names.years.prefix { $0 <= lastYear })
        let means = years.indices.map { y in mean(document.perReplication.map { $0[.cost][y] }) }
        let budgets: [Double?] = years.indices.map { y in
            document.summary?.budgets.first { $0.year == years[y] }?.budget
        }
        let highest = max(means.filter(\.isFinite).max() ?? 0, budgets.compactMap { $0 }.max() ?? 0)
        var chart = SVGChart(id: "cost", title: "Cost per year against budget", x: .categories(years.map(String.init)),
                             y: .linear(0, max(1, highest) * 1.12), xLabel: "calendar year", yLabel: "cost (scenario currency)")
        for (i, value) in means.enumerated() {
            chart.bar(category: i, value: value, color: SVGChart.palette[3], label: SVGChart.number(value.rounded()))
            if let budget = budgets[i] {
                chart.level(from: Double(i) + 0.1, to: Double(i) + 0.9, value: budget, color: "#000000",
                            tooltip: "budget \(SVGChart.number(budget))")
            }
        }
        if budgets.contains(where: { $0 != nil }) { chart.addLegend("budget", color: "#000000") }
        return chart.render()
    }

    static func utilisation(_ monthly: MonthlyUtilisation, start: CivilDate?, until lastDay: Double) -> String {
        // Months that begin by the latest finish: the rest of the horizon is idle.
        let all = monthly.months.map { month in start.map { Double(month.dayNumber - $0.dayNumber) } ?? 0 }
        let days = Array(all.prefix { $0 <= lastDay })
        let highest = monthly.trades.flatMap { $0.values.prefix(days.count) }.filter(\.isFinite).max() ?? 1
        var chart = SVGChart(id: "utilisation", title: "Crew utilisation over time",
                             x: .dates(0, (days.last ?? 0) + 31, start: start), y: .linear(0, max(1, highest), format: SVGChart.percent),
                             xLabel: start == nil ? "days from start" : "month", yLabel: "crew utilisation (%)")
        for (i, trade) in monthly.trades.enumerated() {
            let color = SVGChart.palette[i % SVGChart.palette.count]
            // Each month's value drawn at the month's middle.
            chart.line(zip(days, trade.values).map { ($0 + 15, $1) }, color: color)
            chart.addLegend(trade.name, color: color)
        }
        return chart.render()
    }

    static func communityTable(_ document: ResultDocument, communities: [CommunityFinish]?,
                               date: (Double) -> String) -> String {
        var rows: [CommunityFinish] = communities ?? []
        if communities == nil, let names = document.names.communities {
            // Schema 1 carried per-community finish days in every replication.
            rows = names.enumerated().map { c, name in
                let s = MetricSummary(document.perReplication.map { c < $0[.communityFinishDays].count ? $0[.communityFinishDays][c] : .nan })
                return CommunityFinish(name: name, p10: s.p10, p50: s.p50, p90: s.p90)
            }
        } else if communities == nil {
            return "<section class=\"communities\"><h2>Communities</h2><p class=\"note\">Finish dates per community "
                + "are in <code>communities.csv</code> and <code>results.sqlite</code> beside the result file."
                + "</p></section>\n"
        }
        let body = rows.map {
            "<tr><td>\(Markup.escape($0.name))</td><td>\(date($0.p10))</td><td>\(date($0.p50))</td><td>\(date($0.p90))</td></tr>\n"
        }.joined()
        return "<section class=\"communities\"><h2>Communities</h2><table class=\"grid\"><thead><tr><th>community</th>"
            + "<th>finish P10</th><th>finish P50</th><th>finish P90</th></tr></thead><tbody>\n\(body)</tbody></table></section>\n"
    }

    // MARK: Page

    static func section(_ title: String, _ svg: String, note: String) -> String {
        "<section class=\"figure\"><h2>\(Markup.escape(title))</h2>\n\(svg)\n<p class=\"note\">\(Markup.escape(note))</p></section>\n"
    }

    static func missing(_ title: String) -> String {
        "<section class=\"figure\"><h2>\(Markup.escape(title))</h2><p class=\"note\">Not in this file: it was written by a "
            + "renosim without this chart's data. Run the scenario again to get it.</p></section>\n"
    }

    static func mean(_ values: [Double]) -> Double {
        let finite = values.filter(\.isFinite)
        return finite.isEmpty ? .nan : finite.reduce(0, +) / Double(finite.count)
    }

    static func page(title: String, body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="generator" content="renosim">
        <title>\(Markup.escape(title))</title>
        <style>
        \(css)
        </style>
        </head>
        <body>
        \(body)</body>
        </html>

        """
    }

    static let css = """
        :root { color-scheme: light; }
        body { font-family: "Noto Sans", "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "PingFang SC",
               "Microsoft YaHei", "WenQuanYi Micro Hei", sans-serif; color: #222; background: #fff;
               max-width: 820px; margin: 24px auto; padding: 0 16px; line-height: 1.4; }
        h1 { font-size: 1.5em; margin-bottom: 0.2em; }
        h2 { font-size: 1.15em; margin: 1.2em 0 0.4em; }
        .meta, .note { color: #555; font-size: 0.9em; }
        code { font-size: 0.9em; }
        table { border-collapse: collapse; }
        th, td { text-align: left; padding: 2px 12px 2px 0; }
        table.grid th, table.grid td { border-bottom: 1px solid #ddd; padding: 3px 12px 3px 4px; }
        svg.chart { width: 100%; height: auto; display: block; font-family: inherit; }
        svg.chart text { font-size: 12px; fill: #333; }
        svg.chart text.axis-label { font-size: 13px; font-weight: 600; }
        svg.chart text.marker-label { font-size: 11px; }
        svg.chart text.value { font-size: 11px; }
        @page { size: A4; margin: 14mm; }
        @media print {
          body { max-width: none; margin: 0; padding: 0; font-size: 10pt; }
          section { break-inside: avoid; page-break-inside: avoid; }
          svg.chart { max-height: 95mm; }
          a { color: inherit; text-decoration: none; }
        }
        """
}
