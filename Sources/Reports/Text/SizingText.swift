import Experiments
import Foundation

/// The readable result of `renosim size`.
public enum SizingText {
    public static func render(_ r: CrewSizing.Result) -> String {
        func percent(_ x: Double) -> String { String(format: "%.1f %%", x * 100) }
        var out = "Crew mix for plan \(r.plan): P(deadline met) ≥ \(percent(r.target))"
            + (r.statusDate.map { ", forecast from status date \($0)" } ?? "") + "\n\n"
        let width = max(8, r.trades.map(\.count).max() ?? 0)
        out += "  " + "trade".padding(toLength: width, withPad: " ", startingAt: 0) + "   from     to\n"
        for (i, trade) in r.trades.enumerated() {
            let change = r.crews[i] - r.startingCrews[i]
            out += "  " + trade.padding(toLength: width, withPad: " ", startingAt: 0)
                + String(format: " %6d %6d", r.startingCrews[i], r.crews[i])
                + (change == 0 ? "" : String(format: "   (%+d)", change)) + "\n"
        }
        let s = r.searchEstimate, c = r.confirmed
        out += "\nSearch replications:  \(percent(s.estimate)) [\(percent(s.lower)), \(percent(s.upper))] of \(s.trials)\n"
        out += "Fresh replications:   \(percent(c.estimate)) [\(percent(c.lower)), \(percent(c.upper))] of \(c.trials) (95 % Wilson)\n"
        out += "Target \(r.meetsTarget ? "met" : "NOT met on fresh replications") — \(r.evaluations) mixes tried, \(r.simulations) simulations\n"
        return out
    }
}
