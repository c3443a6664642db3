import DiscreteEvent
import Experiments

extension ExperimentReport {
    /// A risk page: the tornado of what each risk adds to the P80 and P50
    /// finish (with the risk minus without it, on the same replications),
    /// and the ranking's rows with intervals and observed frequencies.
    public static func render(_ ranking: RiskRanking, start: CivilDate, deadline: CivilDate) -> String {
        func date(_ days: Double) -> String { days.isFinite ? start.adding(fractionalDays: days).description : "—" }
        var body = "<header><h1>\(Markup.escape(ranking.scenario)) — plan \(Markup.escape(ranking.plan)): "
            + "which risks move the finish</h1>\n"
        body += "<p class=\"meta\">\(ranking.replications) replications, each risk switched off on the same ones · seed "
            + "\(ranking.seed) · P80 finish with every risk \(date(ranking.p80Days)) · P(deadline met) "
            + "\(percent(ranking.deadlineProbability)) · deadline \(deadline)</p></header>\n"

        let risks = ranking.risks
        let values: [Double] = risks.flatMap { [$0.p80Shift.estimate, $0.p50Shift.estimate] } + [0]
        let finite = values.filter(\.isFinite)
        let pad = max(1, ((finite.max() ?? 1) - (finite.min() ?? 0)) * 0.08)
        // Largest P80 shift at the top: category 0 is drawn at the bottom.
        let labels = risks.reversed().map(\.name)
        var tornado = SVGChart(id: "risk-tornado", title: "Risk tornado", x: .linear((finite.min() ?? 0) - pad, (finite.max() ?? 1) + pad),
                               y: .categories(labels), xLabel: "days added to the finish", yLabel: "")
        tornado.left = min(260, max(70, Double(labels.map(\.count).max() ?? 0) * 7 + 12))
        for (rank, risk) in risks.enumerated() {
            let row = risks.count - 1 - rank
            tornado.horizontalBar(from: 0, to: risk.p80Shift.estimate, category: row, share: 0.7, color: SVGChart.palette[1],
                                  tooltip: "\(risk.name): P80 \(number(risk.p80Shift.estimate)) days "
                                      + "[\(number(risk.p80Shift.lower)), \(number(risk.p80Shift.upper))]")
            tornado.horizontalBar(from: 0, to: risk.p50Shift.estimate, category: row, share: 0.35, color: SVGChart.palette[0],
                                  tooltip: "\(risk.name): P50 \(number(risk.p50Shift.estimate)) days "
                                      + "[\(number(risk.p50Shift.lower)), \(number(risk.p50Shift.upper))]")
        }
        tornado.vertical(at: 0, label: "no shift", color: "#000000", dashed: false)
        tornado.addLegend("P80 shift", color: SVGChart.palette[1])
        tornado.addLegend("P50 shift", color: SVGChart.palette[0])
        body += HTMLReport.section("Risk tornado", tornado.render(),
                                   note: "Days each risk adds to the P80 (wide bar) and P50 (narrow bar) finish: the plan "
                                       + "with every risk minus the plan with that risk switched off; largest P80 shift first.")

        var rows = ""
        for r in risks {
            rows += "<tr><td>\(Markup.escape(r.name))</td><td>\(percent(r.declaredProbability))</td>"
                + "<td>\(percent(r.observedProbability))</td><td>\(r.units)</td><td>\(number(r.meanDaysLost))</td>"
                + "<td>\(number(r.p50Shift.estimate)) [\(number(r.p50Shift.lower)), \(number(r.p50Shift.upper))]</td>"
                + "<td>\(number(r.p80Shift.estimate)) [\(number(r.p80Shift.lower)), \(number(r.p80Shift.upper))]</td>"
                + "<td>\(number(r.deadlineShift.estimate * 100)) [\(number(r.deadlineShift.lower * 100)), "
                + "\(number(r.deadlineShift.upper * 100))]</td></tr>\n"
        }
        body += "<section class=\"risk-table\"><h2>Risks</h2><table class=\"grid\"><thead><tr><th>risk</th>"
            + "<th>declared</th><th>observed</th><th>units</th><th>mean days lost</th><th>P50 shift (days, 95 %)</th>"
            + "<th>P80 shift (days, 95 %)</th><th>P(met) shift (points, 95 %)</th></tr></thead><tbody>\n"
            + rows + "</tbody></table></section>\n"
        return HTMLReport.page(title: "\(ranking.scenario) — \(ranking.plan) risks", body: body)
    }
}
