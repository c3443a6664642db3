import Experiments
import Foundation

/// What `renosim check` prints: an aligned table for the terminal, or
/// Markdown for a CI job summary. Both list every metric in the report's
/// order; Markdown puts the changed ones first and folds the rest.
///
///     print(BaselineText.render(report, baseline: "results/baselines/benxi-2018-as-built.json"))
public enum BaselineText {
    public static func render(_ report: BaselineReport, baseline path: String) -> String {
        var table = TextTable(header: header(report.mode), rightAligned: alignment(report.mode))
        for row in report.metrics where !row.isQuiet { table.append(cells(row, report.mode)) }
        let lines = heading(report, baseline: path)
        return ([lines[0]] + lines.dropFirst(2)).joined(separator: "\n") + "\n\n" + table.render()
            + (quietLine(report).map { $0 + "\n" } ?? "") + "\n" + verdictLine(report) + "\n"
    }

    public static func markdown(_ report: BaselineReport, baseline path: String) -> String {
        let mark = report.outcome == .changed ? "❌" : "✅"
        var out = "### \(mark) renosim check: \(report.scenario) / \(report.plan) — \(report.outcome.rawValue)\n\n"
        out += heading(report, baseline: "`\(path)`").dropFirst().joined(separator: "  \n") + "  \n"
        out += verdictLine(report) + "\n\n"
        let changed = report.metrics.filter(\.verdict.isChange)
        if !changed.isEmpty { out += markdownTable(changed, report.mode) + "\n" }
        out += "<details><summary>All \(report.metrics.count) metrics</summary>\n\n"
        out += markdownTable(report.metrics.filter { !$0.isQuiet }, report.mode)
        out += quietLine(report).map { "\n" + $0.replacingOccurrences(of: "|", with: "\\|") + "\n" } ?? ""
        out += "\n</details>\n"
        return out
    }

    // MARK: - Parts

    /// The title line, the same without the title (for Markdown, whose
    /// heading names scenario and plan), the baseline, the method.
    static func heading(_ r: BaselineReport, baseline path: String) -> [String] {
        let seed = r.seed == r.baselineSeed ? "seed \(r.seed)" : "seed \(r.seed) (baseline \(r.baselineSeed); reseeded to test noise)"
        let hash = r.baselineSHA256.prefix(12)
        let scenario = r.scenarioChanged
            ? "scenario CHANGED since the baseline (sha256 \(hash)… → \(r.sha256.prefix(12))…), compared anyway"
            : "scenario unchanged (sha256 \(hash)…)"
        let method: String
        switch r.mode {
        case .exact:
            method = "exact: every number of every replication must be the same"
        case .statistical:
            let alpha = TextNumber.compact(r.alpha ?? .nan)
            method = "statistical: Welch t and Kolmogorov–Smirnov per metric, Holm-corrected over \(r.tests) tests "
                + "at α = \(alpha); a change must also exceed max(\(TextNumber.percent(r.relativeTolerance ?? .nan)) of the "
                + "baseline mean, 1 day, hour, unit or percentage point)"
        }
        return ["renosim check — \(r.scenario), plan \(r.plan): \(r.replications) replications, \(seed)",
                "\(r.replications) replications, \(seed)",
                "baseline \(path) (renosim \(r.baselineToolVersion); now \(r.toolVersion)), \(scenario)",
                method]
    }

    /// The metrics the tables leave out, named on one line.
    static func quietLine(_ r: BaselineReport) -> String? {
        let constant = r.metrics.filter { $0.constant && !$0.verdict.isChange }.map(\.metric)
        let empty = r.metrics.filter { $0.verdict == .noValues }.map(\.metric)
        var parts: [String] = []
        if !constant.isEmpty { parts.append("constant and equal in both runs: " + constant.joined(separator: ", ")) }
        if !empty.isEmpty { parts.append("no values in either run: " + empty.joined(separator: ", ")) }
        return parts.isEmpty ? nil : "not listed — " + parts.joined(separator: "; ")
    }

    static func verdictLine(_ r: BaselineReport) -> String {
        let counted = r.metrics.count
        switch r.outcome {
        case .unchanged: return "unchanged: no metric of \(counted) changed"
        case .changed: return "CHANGED: \(r.changedMetrics) of \(counted) metrics"
        }
    }

    static func header(_ mode: BaselineCheck.Mode) -> [String] {
        let common = ["metric", "baseline mean", "current mean", "difference"]
        switch mode {
        case .statistical: return common + ["tolerance", "Welch p", "KS p", "Holm p", "verdict"]
        case .exact: return common + ["differing", "verdict"]
        }
    }

    static func alignment(_ mode: BaselineCheck.Mode) -> [Bool] {
        header(mode).indices.map { $0 > 0 && $0 < header(mode).count - 1 }
    }

    static func cells(_ row: MetricComparison, _ mode: BaselineCheck.Mode) -> [String] {
        let common = [row.metric, TextNumber.compact(row.baselineMean), TextNumber.compact(row.currentMean),
                      signed(row.difference)]
        let verdict = row.verdict.rawValue.replacingOccurrences(of: "_", with: " ")
        switch mode {
        case .statistical:
            let holm = [row.welchPHolm, row.ksPHolm].compactMap { $0 }.min()
            return common + [row.tolerance.map(TextNumber.compact) ?? "—", pValue(row.welchP), pValue(row.ksP),
                             pValue(holm), verdict]
        case .exact:
            return common + [row.differingReplications.map(String.init) ?? "—", verdict]
        }
    }

    static func markdownTable(_ rows: [MetricComparison], _ mode: BaselineCheck.Mode) -> String {
        func line(_ cells: [String]) -> String {
            "| " + cells.map { $0.replacingOccurrences(of: "|", with: "\\|") }.joined(separator: " | ") + " |\n"
        }
        var out = line(header(mode))
        out += "|" + alignment(mode).map { $0 ? "--:|" : "---|" }.joined() + "\n"
        for row in rows { out += line(cells(row, mode)) }
        return out
    }

    static func signed(_ x: Double) -> String {
        x > 0 ? "+" + TextNumber.compact(x) : TextNumber.compact(x)
    }

    static func pValue(_ p: Double?) -> String {
        guard let p, !p.isNaN else { return "—" }
        if p == 0 { return "0" }
        return p < 0.001 ? String(format: "%.1e", p) : String(format: "%.3f", p)
    }
}
