import DiscreteEvent
import Foundation

/// One chart as inline SVG: a plot area with linear x and y scales, tick
/// marks and labelled axes, and marks added in data coordinates. Every
/// text passes through ``Markup/escape(_:)``; numbers are written with a
/// fixed number of decimals, so the same data gives the same bytes.
///
///     var chart = SVGChart(id: "waits", title: "Waits by cause", x: .categories(["crew", "weather"]),
///                          y: .linear(0, 40), xLabel: "cause", yLabel: "days")
///     chart.bar(category: 0, value: 31, color: SVGChart.palette[0])
///     let svg = chart.render()
struct SVGChart {
    static let palette = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd",
                          "#8c564b", "#e377c2", "#17becf", "#7f7f7f", "#bcbd22"]

    struct Axis {
        var low: Double
        var high: Double
        var ticks: [(value: Double, label: String)]
        /// Whether ticks draw grid lines across the plot.
        var grid: Bool

        static func linear(_ low: Double, _ high: Double, format: (Double) -> String = SVGChart.number) -> Axis {
            let top = high > low ? high : low + 1
            let step = niceStep((top - low) / 5)
            var ticks: [(Double, String)] = []
            var v = (low / step).rounded(.up) * step
            while v <= top + step * 1e-9 {
                ticks.append((v, format(v)))
                v += step
            }
            return Axis(low: low, high: top, ticks: ticks, grid: true)
        }

        /// Category `i` is centred at `i + 0.5`.
        static func categories(_ names: [String]) -> Axis {
            Axis(low: 0, high: Double(Swift.max(1, names.count)),
                 ticks: names.enumerated().map { (Double($0.offset) + 0.5, $0.element) }, grid: false)
        }

        /// Days from `start` (nil: plain day numbers) with ticks on month starts.
        static func dates(_ low: Double, _ high: Double, start: CivilDate?) -> Axis {
            let top = high > low ? high : low + 1
            guard let start else {
                var axis = linear(low, top)
                axis.grid = false
                return axis
            }
            let span = (top - low) / 30.44
            let step = [1, 2, 3, 6, 12, 24, 60].first { span / Double($0) <= 8 } ?? 120
            let first = start.adding(fractionalDays: low)
            var year = first.year, month = first.month
            var ticks: [(Double, String)] = []
            // Month starts aligned to the step (January, April, … for quarters).
            month = ((month - 1) / step) * step + 1
            while ticks.count < 200 {
                guard let date = CivilDate(year: year, month: month, day: 1) else { break }
                let day = Double(date.dayNumber - start.dayNumber)
                if day > top { break }
                if day >= low {
                    ticks.append((day, step >= 12 ? String(year) : String(format: "%04d-%02d", year, month)))
                }
                month += step
                while month > 12 { month -= 12; year += 1 }
            }
            return Axis(low: low, high: top, ticks: ticks, grid: true)
        }

        func fraction(_ v: Double) -> Double { high > low ? (v - low) / (high - low) : 0 }
    }

    let id: String
    let title: String
    let x: Axis
    let y: Axis
    let xLabel: String
    let yLabel: String
    let width = 760.0
    /// Taller for charts with a row per community.
    var height = 360.0
    /// Room for the y tick labels; wider for long category names.
    var left = 70.0
    let right = 20.0, top = 20.0, bottom = 58.0
    // Marks under the overlays (markers, labels); filled through the methods below.
    var marks: [String] = []
    var overlays: [String] = []
    var legend: [(name: String, color: String, dashed: Bool)] = []

    var plotWidth: Double { width - left - right }
    var plotHeight: Double { height - top - bottom }
    func px(_ v: Double) -> Double { left + plotWidth * min(1.02, max(-0.02, x.fraction(v))) }
    func py(_ v: Double) -> Double { top + plotHeight * (1 - min(1.02, max(-0.02, y.fraction(v)))) }

    // MARK: Marks

    /// A line through the finite points; a NaN breaks it into pieces.
    mutating func line(_ points: [(Double, Double)], color: String, width: Double = 2, dashed: Bool = false) {
        var run: [String] = []
        func flush() {
            if run.count > 1 {
                marks.append("<polyline class=\"series\" fill=\"none\" stroke=\"\(color)\" stroke-width=\"\(Self.coordinate(width))\""
                             + (dashed ? " stroke-dasharray=\"6 4\"" : "") + " points=\"\(run.joined(separator: " "))\"/>")
            }
            run.removeAll()
        }
        for (a, b) in points {
            if a.isFinite && b.isFinite { run.append("\(Self.coordinate(px(a))),\(Self.coordinate(py(b)))") } else { flush() }
        }
        flush()
    }

    /// A shaded band between `lower` and `upper` over the same x values.
    mutating func band(xs: [Double], lower: [Double], upper: [Double], color: String) {
        let points = zip(xs, zip(lower, upper)).filter { $0.0.isFinite && $0.1.0.isFinite && $0.1.1.isFinite }
        guard points.count > 1 else { return }
        let top = points.map { "\(Self.coordinate(px($0.0))),\(Self.coordinate(py($0.1.1)))" }
        let bottomEdge = points.reversed().map { "\(Self.coordinate(px($0.0))),\(Self.coordinate(py($0.1.0)))" }
        marks.append("<path class=\"band\" fill=\"\(color)\" fill-opacity=\"0.18\" stroke=\"none\" d=\"M"
                     + (top + bottomEdge).joined(separator: " L") + " Z\"/>")
    }

    /// A bar from y = 0 (or `base`) to `value` over [x0, x1).
    mutating func bar(from x0: Double, to x1: Double, value: Double, base: Double = 0, color: String, tooltip: String? = nil) {
        guard value.isFinite else { return }
        let a = px(x0), b = px(x1), top = py(max(value, base)), low = py(min(value, base))
        let tip = tooltip.map { "<title>\(Markup.escape($0))</title>" } ?? ""
        marks.append("<rect class=\"bar\" x=\"\(Self.coordinate(min(a, b)))\" y=\"\(Self.coordinate(top))\" "
                     + "width=\"\(Self.coordinate(max(0.5, abs(b - a))))\" height=\"\(Self.coordinate(max(0.5, low - top)))\" "
                     + "fill=\"\(color)\">\(tip)</rect>")
    }

    /// A bar for category `i`, `share` of the category's width wide.
    mutating func bar(category i: Int, value: Double, color: String, share: Double = 0.6, label: String? = nil) {
        let centre = Double(i) + 0.5
        bar(from: centre - share / 2, to: centre + share / 2, value: value, color: color, tooltip: label)
        if let label, value.isFinite {
            text(label, atX: px(centre), y: py(value) - 5, anchor: "middle", className: "value")
        }
    }

    /// A horizontal bar over [x0, x1] for y category `i`, `share` of its height tall.
    mutating func horizontalBar(from x0: Double, to x1: Double, category i: Int, share: Double = 0.6, color: String,
                                tooltip: String? = nil) {
        guard x0.isFinite, x1.isFinite else { return }
        let centre = Double(i) + 0.5
        let a = px(min(x0, x1)), b = px(max(x0, x1)), y0 = py(centre + share / 2), y1 = py(centre - share / 2)
        let tip = tooltip.map { "<title>\(Markup.escape($0))</title>" } ?? ""
        marks.append("<rect class=\"bar\" x=\"\(Self.coordinate(a))\" y=\"\(Self.coordinate(min(y0, y1)))\" "
                     + "width=\"\(Self.coordinate(max(0.5, b - a)))\" height=\"\(Self.coordinate(max(0.5, abs(y1 - y0))))\" "
                     + "fill=\"\(color)\">\(tip)</rect>")
    }

    /// A vertical marker across the plot with a label at its top.
    mutating func vertical(at v: Double, label: String, color: String, dashed: Bool = true, row: Int = 0) {
        guard v.isFinite else { return }
        let at = Self.coordinate(px(v))
        overlays.append("<line class=\"marker\" x1=\"\(at)\" x2=\"\(at)\" y1=\"\(Self.coordinate(top))\" "
                        + "y2=\"\(Self.coordinate(top + plotHeight))\" stroke=\"\(color)\" stroke-width=\"1.5\""
                        + (dashed ? " stroke-dasharray=\"5 4\"" : "") + "/>")
        let anchor = px(v) > left + plotWidth * 0.8 ? "end" : "start"
        let dx = anchor == "end" ? -4.0 : 4.0
        text(label, atX: px(v) + dx, y: top + 12 + Double(row) * 14, anchor: anchor, className: "marker-label",
             color: color)
    }

    /// A short horizontal tick over [x0, x1) at `value`, e.g. a budget mark.
    mutating func level(from x0: Double, to x1: Double, value: Double, color: String, tooltip: String) {
        guard value.isFinite else { return }
        let y0 = Self.coordinate(py(value))
        overlays.append("<line class=\"level\" x1=\"\(Self.coordinate(px(x0)))\" x2=\"\(Self.coordinate(px(x1)))\" "
                        + "y1=\"\(y0)\" y2=\"\(y0)\" stroke=\"\(color)\" stroke-width=\"3\"><title>"
                        + Markup.escape(tooltip) + "</title></line>")
    }

    mutating func text(_ s: String, atX x0: Double, y y0: Double, anchor: String, className: String, color: String? = nil) {
        overlays.append("<text class=\"\(className)\" x=\"\(Self.coordinate(x0))\" y=\"\(Self.coordinate(y0))\" "
                        + "text-anchor=\"\(anchor)\"" + (color.map { " fill=\"\($0)\"" } ?? "") + ">"
                        + Markup.escape(s) + "</text>")
    }

    mutating func addLegend(_ name: String, color: String, dashed: Bool = false) {
        legend.append((name, color, dashed))
    }

    // MARK: Rendering

    func render() -> String {
        var out = "<svg class=\"chart\" id=\"\(Markup.escape(id))\" "
            + "viewBox=\"0 0 \(Self.coordinate(width)) \(Self.coordinate(height + legendHeight))\" role=\"img\" "
            + "aria-labelledby=\"\(Markup.escape(id))-title\">\n"
        out += "<title id=\"\(Markup.escape(id))-title\">\(Markup.escape(title))</title>\n"
        let plotBottom = top + plotHeight
        out += "<rect class=\"plot\" x=\"\(Self.coordinate(left))\" y=\"\(Self.coordinate(top))\" "
            + "width=\"\(Self.coordinate(plotWidth))\" height=\"\(Self.coordinate(plotHeight))\" fill=\"none\" stroke=\"#999\"/>\n"
        for tick in y.ticks {
            let at = Self.coordinate(py(tick.value))
            out += "<line class=\"grid\" x1=\"\(Self.coordinate(left))\" x2=\"\(Self.coordinate(left + plotWidth))\" "
                + "y1=\"\(at)\" y2=\"\(at)\" stroke=\"#e4e4e4\"/>"
            out += "<text class=\"tick\" x=\"\(Self.coordinate(left - 6))\" y=\"\(at)\" dy=\"0.32em\" text-anchor=\"end\">"
                + Markup.escape(tick.label) + "</text>\n"
        }
        for tick in x.ticks {
            let at = Self.coordinate(px(tick.value))
            if x.grid {
                out += "<line class=\"grid\" x1=\"\(at)\" x2=\"\(at)\" y1=\"\(Self.coordinate(top))\" "
                    + "y2=\"\(Self.coordinate(plotBottom))\" stroke=\"#eeeeee\"/>"
            }
            out += "<text class=\"tick\" x=\"\(at)\" y=\"\(Self.coordinate(plotBottom + 16))\" text-anchor=\"middle\">"
                + Markup.escape(tick.label) + "</text>\n"
        }
        out += marks.joined(separator: "\n") + "\n" + overlays.joined(separator: "\n") + "\n"
        out += "<text class=\"axis-label\" x=\"\(Self.coordinate(left + plotWidth / 2))\" "
            + "y=\"\(Self.coordinate(plotBottom + 40))\" text-anchor=\"middle\">\(Markup.escape(xLabel))</text>\n"
        let yMid = Self.coordinate(top + plotHeight / 2)
        out += "<text class=\"axis-label\" x=\"16\" y=\"\(yMid)\" text-anchor=\"middle\" "
            + "transform=\"rotate(-90 16 \(yMid))\">\(Markup.escape(yLabel))</text>\n"
        for (i, entry) in legend.enumerated() {
            let column = Double(i % 4), row = Double(i / 4)
            let lx = left + column * 170, ly = height + 4 + row * 18
            out += "<g class=\"legend\"><line x1=\"\(Self.coordinate(lx))\" x2=\"\(Self.coordinate(lx + 22))\" "
                + "y1=\"\(Self.coordinate(ly))\" y2=\"\(Self.coordinate(ly))\" stroke=\"\(entry.color)\" stroke-width=\"3\""
                + (entry.dashed ? " stroke-dasharray=\"6 4\"" : "") + "/>"
                + "<text x=\"\(Self.coordinate(lx + 28))\" y=\"\(Self.coordinate(ly))\" dy=\"0.32em\">"
                + Markup.escape(entry.name) + "</text></g>\n"
        }
        return out + "</svg>"
    }

    private var legendHeight: Double { legend.isEmpty ? 0 : Double((legend.count + 3) / 4) * 18 + 6 }

    // MARK: Numbers

    /// A coordinate with one decimal: enough for a screen, stable across runs.
    static func coordinate(_ v: Double) -> String { String(format: "%.1f", v.isFinite ? v : 0) }

    /// A tick label: whole numbers plain, large ones with k or M.
    static func number(_ v: Double) -> String {
        let a = abs(v)
        if a >= 1e9 { return trimmed(v / 1e9) + "G" }
        if a >= 1e6 { return trimmed(v / 1e6) + "M" }
        if a >= 1e4 { return trimmed(v / 1e3) + "k" }
        return trimmed(v)
    }

    static func percent(_ v: Double) -> String { trimmed(v * 100) + " %" }

    private static func trimmed(_ v: Double) -> String {
        if (v - v.rounded()).magnitude < 1e-9 { return String(format: "%.0f", v) }
        var s = String(format: "%.2f", v)
        while s.hasSuffix("0") { s.removeLast() }
        return s
    }

    /// 1, 2 or 5 × a power of ten, at least `raw`.
    static func niceStep(_ raw: Double) -> Double {
        guard raw.isFinite, raw > 0 else { return 1 }
        let power = pow(10, (log10(raw)).rounded(.down))
        for m in [1.0, 2, 5, 10] where m * power >= raw * (1 - 1e-9) { return m * power }
        return 10 * power
    }
}

/// Escaping for text and attribute values in HTML and SVG.
enum Markup {
    static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for c in s.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }
}
