import DiscreteEvent
import Experiments
import Foundation
import Renovation

/// The readable result of `renosim optimise`.
public enum OptimiseText {
    /// Crews sized for a plan, or why none were.
    public enum Sizing {
        case sized(CrewSizing.Result)
        case failed(String)
    }

    /// A search value as a planner reads it (the search minimises 1 − P for `deadline`).
    public static func value(_ v: Double, _ objective: PlanOptimiser.Objective) -> String {
        switch objective {
        case .deadline: String(format: "P(deadline met) %.1f %%", (1 - v) * 100)
        case .p80: String(format: "P80 finish %.1f days", v)
        case .cost: v < PlanOptimiser.infeasible
            ? String(format: "crew cost %.0f per hour", v)
            : String(format: "short of the target by %.1f points", (v / PlanOptimiser.infeasible - 1) * 100)
        }
    }

    public static func render(_ r: PlanOptimiser.Result, start plan: CompiledPlan, block: String, seconds: Double,
                              sizeAlone: Sizing? = nil) -> String {
        func percent(_ x: Double) -> String { String(format: "%.1f %%", x * 100) }
        func date(_ days: Double) -> String { days.isFinite ? plan.date(atHours: days * 24).description : "unfinished" }
        var out = "Optimised plan \(r.plan) (objective \(r.objective.rawValue), seed \(r.seed))\n\n"
        out += "Search replications:  start \(value(r.startSearchValue, r.objective)), best \(value(r.bestSearchValue, r.objective))\n"
        if let s = r.startConfirmed, let b = r.bestConfirmed {
            let n = b.deadlineMet.trials
            let set = r.confirmRounds > 1 ? ", set \(r.confirmRounds) after growing" : ""
            out += "Fresh replications (\(n) each\(set), 95 % Wilson):\n"
            out += "  starting plan  P(deadline met) \(percent(s.deadlineMet.estimate)) [\(percent(s.deadlineMet.lower)), \(percent(s.deadlineMet.upper))]"
                + "   P80 finish \(date(s.p80FinishDays))\n"
            out += "  optimised      P(deadline met) \(percent(b.deadlineMet.estimate)) [\(percent(b.deadlineMet.lower)), \(percent(b.deadlineMet.upper))]"
                + "   P80 finish \(date(b.p80FinishDays))\n"
            if let gain = r.gainEstimate, let interval = r.deadlineMetGain {
                out += String(format: "  gain (paired)  %+.1f points [%+.1f, %+.1f]\n", gain * 100, interval.lower * 100, interval.upper * 100)
            }
        }
        // A deterministic project (project mode) has nothing to eliminate by replication.
        let kept = r.schedulePasses == nil ? ", \(r.finalistsKept) left after elimination" : ""
        out += "\(r.candidatesSimulated) candidates in \(r.generations) generations\(kept); "
            + "\(r.simulations) simulations in \(String(format: "%.1f", seconds)) s\n"
        if let passes = r.schedulePasses {
            out += "Project mode (one deterministic project, one replication a candidate): lists decoded by the serial "
                + "scheme and improved forward and backward, \(passes) schedule passes; the plan holds each job to its start "
                + "with not_before\n"
        }
        if let target = r.target {
            out += "\nCrews for P(deadline met) ≥ \(percent(target)):\n"
            func mix(_ trades: [String], _ crews: [Int]) -> String {
                zip(trades, crews).map { "\($0) \($1)" }.joined(separator: ", ")
            }
            if let cost = r.startCrewCost {
                out += "  starting plan:   " + mix(r.trades, r.start.crews) + String(format: "; crew cost %.0f per hour\n", cost)
            }
            if let cost = r.bestCrewCost {
                let met = r.bestConfirmed.map { $0.deadlineMet.estimate >= target ? "" : " (target NOT met on the fresh replications)" } ?? ""
                out += "  optimised:       " + mix(r.trades, r.best.crews) + String(format: "; crew cost %.0f per hour", cost) + met + "\n"
                if let selected = r.selectedCrews {
                    out += "    grown from     " + mix(r.trades, selected)
                        + String(format: "; crew cost %.0f per hour", r.selectedCrewCost ?? .nan)
                        + ", short on fresh replications (\(r.growthSimulations) simulations to grow and confirm again)\n"
                }
            }
            switch sizeAlone {
            case .failed(let why)?:
                out += "  size alone (plan \(r.plan)): \(why)\n"
            case .sized(let s)?:
                out += "  size alone (plan \(r.plan)): " + mix(s.trades, s.crews)
                    + String(format: "; crew cost %.0f per hour; ", s.path.first { $0.crews == s.crews }?.crewCost ?? .nan)
                    + "confirmed \(percent(s.confirmed.estimate)) [\(percent(s.confirmed.lower)), \(percent(s.confirmed.upper))]"
                    + "\(s.meetsTarget ? "" : " (target NOT met)"); \(s.simulations) simulations\n"
            case nil:
                break
            }
        }
        out += "\nPlan block (paste under `plans:`):\n\n" + block
        return out
    }
}
