import Experiments
import Renovation

/// The readable sensitivity report `renosim sensitivity` prints: the
/// tornado, largest swing first, then the criticality tables.
public enum SensitivityText {
    public static func render(_ r: SensitivityReport) -> String {
        var out = "\(r.scenario) — plan \(r.plan): what moves the median finish; \(r.replications) replications "
            + "per setting, seed \(r.seed), the same for every setting\n"
        out += "Median finish as written: \(r.baselineP50Date) (day \(TextNumber.compact(r.baselineP50Days))), "
            + "deadline \(r.deadline)\n\n"
        out += "Tornado: each input at its low and high setting, the others as written\n"
        var tornado = TextTable(header: ["input", "low", "high", "P50 at low", "P50 at high", "swing (days)"],
                                rightAligned: [false, true, true, false, false, true])
        for bar in r.tornado {
            tornado.append([bar.label, TextNumber.factor(bar.lowFactor), TextNumber.factor(bar.highFactor),
                            bar.lowP50Date.description, bar.highP50Date.description, TextNumber.compact(bar.swing)])
        }
        out += tornado.render(indent: 2)
        out += "  Durations: low/high scale every draw by P10/mean and P90/mean; probabilities and rates ×0.5 and ×1.5, capped.\n"

        let c = r.criticality
        let window = TextNumber.compact(ReplicationResult.finalWindowShare * 100)
        out += "\nBinding trade: most crew wait among work orders accepted in the last \(window) % of the programme "
            + "(\(c.finishedReplications) finished replications)\n"
        out += shares(c.trades + [NamedProportion(name: "(none waited)", share: c.noBindingTrade)], header: "trade")
        out += "\nWork type finishing last (\(c.finishedReplications) finished replications)\n"
        out += shares(c.workTypes, header: "work type")
        return out
    }

    /// Largest share first; equal shares keep their order.
    static func shares(_ items: [NamedProportion], header: String) -> String {
        var table = TextTable(header: [header, "share", "95 % Wilson"], rightAligned: [false, true, false])
        let order = items.indices.sorted { i, j in
            let a = items[i].share.estimate, b = items[j].share.estimate
            return a != b && !a.isNaN && !b.isNaN ? a > b : i < j
        }
        for i in order {
            let s = items[i].share
            table.append([items[i].name, TextNumber.percent(s.estimate), TextNumber.interval(s.lower, s.upper)])
        }
        return table.render(indent: 2)
    }
}
