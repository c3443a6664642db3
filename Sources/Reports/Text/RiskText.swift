import DiscreteEvent
import Experiments
import Renovation

/// The ranking `renosim risks` prints: the plan's finish with every risk,
/// then the risks, largest P80 shift first, each with how often it occurred
/// against the probability declared and what it cost.
public enum RiskText {
    public static func render(_ ranking: RiskRanking, start: CivilDate) -> String {
        func date(_ days: Double) -> String { days.isNaN ? "—" : start.adding(fractionalDays: days).description }
        func days(_ shift: Shift) -> (String, String) {
            (signed(shift.estimate), "[\(signed(shift.lower)), \(signed(shift.upper))]")
        }
        var out = "\(ranking.scenario) — plan \(ranking.plan), \(ranking.replications) replications, seed \(ranking.seed); "
            + "each risk switched off on the same replications (common random numbers)\n"
        out += "with every risk: P50 finish \(date(ranking.p50Days)), P80 finish \(date(ranking.p80Days)), "
            + "P(deadline met) \(TextNumber.percent(ranking.deadlineProbability))\n\n"
        var table = TextTable(
            header: ["risk", "declared", "observed", "units", "mean occurrences", "mean days lost", "mean cost",
                     "P50 shift, days", "95 % CI", "P80 shift, days", "95 % CI", "P(met) shift", "95 % CI"],
            rightAligned: [false, true, true, true, true, true, true, true, false, true, false, true, false])
        for risk in ranking.risks {
            let p50 = days(risk.p50Shift), p80 = days(risk.p80Shift)
            let met = risk.deadlineShift
            table.append([risk.name, TextNumber.percent(risk.declaredProbability), TextNumber.percent(risk.observedProbability),
                          "\(risk.units)", TextNumber.compact(risk.meanOccurrences), TextNumber.compact(risk.meanDaysLost),
                          TextNumber.compact(risk.meanCost), p50.0, p50.1, p80.0, p80.1,
                          signedPercent(met.estimate), "[\(signedPercent(met.lower)), \(signedPercent(met.upper))]"])
        }
        out += table.render()
        out += "\nshift = with the risk − without it; days lost = start delays and stop days, plus extra hours ÷ hours per day.\n"
        return out
    }

    static func signed(_ x: Double) -> String {
        x.isNaN ? "—" : (x > 0 ? "+" : "") + TextNumber.compact(x)
    }

    static func signedPercent(_ x: Double) -> String {
        x.isNaN ? "—" : (x > 0 ? "+" : "") + TextNumber.percent(x)
    }
}
