import DiscreteEvent

/// The chart a district office pins on the wall: one row per community,
/// a bar for its preparation and one for its works at their medians, and
/// P10–P90 whiskers on when preparation ends and when the works finish.
/// Works open at the later of approval and release: a gap between the bars
/// is a prepared community waiting for its release date.
enum CommunityTimeline {
    static func render(_ communities: [CommunityFinish], start: CivilDate?) -> String {
        let values = communities.flatMap { [$0.preparationStart, $0.preparedP90, $0.p90, $0.p10, $0.preparedP10] }.filter(\.isFinite)
        let low = max(0, (values.min() ?? 0) - 15), high = (values.max() ?? 1) + 15
        let labels = communities.map(\.name).reversed().map { $0 }
        var chart = SVGChart(id: "community-timeline", title: "Community timeline", x: .dates(low, high, start: start),
                             y: .categories(labels), xLabel: start == nil ? "days from start" : "date", yLabel: "")
        chart.left = min(260, max(70, Double(labels.map(\.count).max() ?? 0) * 7 + 12))
        chart.height = max(chart.height, 16 * Double(labels.count) + chart.top + chart.bottom)
        let preparationColor = SVGChart.palette[3], worksColor = SVGChart.palette[0]
        for (i, c) in communities.enumerated() {
            let row = communities.count - 1 - i
            chart.horizontalBar(from: c.preparationStart, to: c.preparedP50, category: row, share: 0.6, color: preparationColor,
                                tooltip: "\(c.name): preparation to day \(SVGChart.number(c.preparedP50)) (P50)")
            let open = c.release.isFinite ? max(c.preparedP50, c.release) : c.preparedP50
            chart.horizontalBar(from: open, to: c.p50, category: row, share: 0.6, color: worksColor,
                                tooltip: "\(c.name): works to day \(SVGChart.number(c.p50)) (P50)")
            chart.horizontalBar(from: c.preparedP10, to: c.preparedP90, category: row, share: 0.08, color: "#000000",
                                tooltip: "\(c.name): preparation ends P10–P90 days \(SVGChart.number(c.preparedP10))–\(SVGChart.number(c.preparedP90))")
            chart.horizontalBar(from: c.p10, to: c.p90, category: row, share: 0.08, color: "#000000",
                                tooltip: "\(c.name): finish P10–P90 days \(SVGChart.number(c.p10))–\(SVGChart.number(c.p90))")
        }
        chart.addLegend("preparation (P50)", color: preparationColor)
        chart.addLegend("works (P50)", color: worksColor)
        chart.addLegend("P10–P90", color: "#000000")
        return chart.render()
    }
}
