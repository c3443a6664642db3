import DiscreteEvent
import Experiments
import Foundation

/// The HTML page of `renosim optimise --report`: the search's progress and
/// the starting and optimised plans' S-curves on the fresh replications.
public enum OptimiseReport {
    public static let chartTitles = ["Search progress", "Completion S-curves"]

    public static func render(_ r: PlanOptimiser.Result, start: CivilDate, deadlineDays: Double, block: String) -> String {
        var body = "<header><h1>Optimised plan \(Markup.escape(r.plan))</h1>\n"
        body += "<p class=\"meta\">objective \(r.objective.rawValue) · seed \(r.seed) · \(r.candidatesSimulated) candidates · "
            + "\(r.simulations) simulations · common random numbers</p></header>\n"

        // Cost: only candidates that meet the target have a cost to draw.
        let scale: (Double) -> Double = switch r.objective {
        case .deadline: { 1 - $0 }
        case .p80: { $0 }
        case .cost: { $0 < PlanOptimiser.infeasible ? $0 : .nan }
        }
        let values = r.progress.flatMap { [scale($0.bestValue), scale($0.startValue)] }.filter(\.isFinite)
        let last = Double(r.progress.last?.simulations ?? 1)
        let (low, high) = r.objective == .deadline ? (0.0, 1.05) : ((values.min() ?? 0) * 0.98, (values.max() ?? 1) * 1.02 + 1)
        let yLabel = switch r.objective {
        case .deadline: "P(deadline met) (%)"
        case .p80: "P80 finish (days)"
        case .cost: "crew cost per hour, meeting the target"
        }
        var chart = SVGChart(id: "search", title: "Search progress", x: .linear(0, last * 1.05),
                             y: .linear(low, high, format: r.objective == .deadline ? SVGChart.percent : SVGChart.number),
                             xLabel: "simulations spent",
                             yLabel: yLabel)
        chart.line(r.progress.map { (Double($0.simulations), scale($0.bestValue)) }.filter { $0.1.isFinite }, color: SVGChart.palette[1])
        chart.line(r.progress.map { (Double($0.simulations), scale($0.startValue)) }.filter { $0.1.isFinite },
                   color: SVGChart.palette[0], dashed: true)
        chart.addLegend("best so far", color: SVGChart.palette[1])
        chart.addLegend("starting plan", color: SVGChart.palette[0], dashed: true)
        body += HTMLReport.section("Search progress", chart.render(),
                                   note: "The best candidate's figure on the search replications after each generation.")

        if !r.bestFinishDays.isEmpty {
            let curves = ExperimentReport.completionCurves(
                names: ["starting plan", "optimised"], finishDays: [r.startFinishDays, r.bestFinishDays],
                deadlines: [(deadlineDays, "deadline")], start: start)
            body += HTMLReport.section("Completion S-curves", curves,
                                       note: "Share of the fresh replications finished by each date, before and after.")
        }
        body += "<section class=\"plan-block\"><h2>Plan block</h2><pre>\(Markup.escape(block))</pre></section>\n"
        return HTMLReport.page(title: "Optimised plan \(r.plan)", body: body)
    }
}
