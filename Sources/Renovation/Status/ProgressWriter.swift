import CSV
import DiscreteEvent
import Foundation

/// Writes a progress file (``ProgressReader``'s format) from one
/// replication's trace: where that simulated programme stood at the end
/// of `date`. Useful to try a re-forecast, and what the tests of the
/// forecast start from.
///
///     var sim = Replication.simulation(plan: plan, seed: 1, replication: 0, trace: true)
///     sim.run()
///     let text = try ProgressWriter.text(trace: sim.model.trace ?? [], plan: plan, date: statusDate)
///
/// Each work order started by then is a row: the day its work first
/// began; the day its work (with any rework) last finished; `pass` once
/// accepted (empty in a scenario without supervisors), `fail` after a
/// failed inspection — also when its rework is under way, which the
/// forecast then starts again — and empty while it waits for a supervisor.
public enum ProgressWriter {
    struct Progress {
        var start = Double.nan
        var finish = Double.nan
        var outcome = ""
    }

    public static func text(trace: [TraceRecord], plan: CompiledPlan, date: CivilDate) throws -> String {
        let end = plan.hours(at: date) + hoursPerCalendarDay
        var progress: [Int: Progress] = [:]
        for record in trace where record.order >= 0 {
            let o = record.order
            switch record.kind {
            case .started where record.time < end:
                if progress[o] == nil { progress[o] = Progress(start: record.time) }
            case .workDone where record.time <= end:
                progress[o]?.finish = record.time
                progress[o]?.outcome = ""
            case .failed where record.time <= end:
                progress[o]?.outcome = "fail"
            case .accepted where record.time <= end:
                progress[o]?.outcome = plan.supervisors > 0 ? "pass" : ""
            default:
                break
            }
        }
        let orders = progress.keys.sorted { (plan.community(of: $0), $0) < (plan.community(of: $1), $1) }
        let stream = OutputStream(toMemory: ())
        let writer = try CSVWriter(stream: stream)
        try writer.write(row: ["status_date", date.description])
        try writer.write(row: ProgressReader.columns)
        for o in orders {
            guard let entry = progress[o] else { continue }
            let c = plan.community(of: o)
            let building = plan.building(of: o).map {
                ProgressParser.buildingName($0, in: plan.communities[c].buildings, plan: plan)
            } ?? ""
            let startDay = Int((entry.start / hoursPerCalendarDay).rounded(.down))
            // The day a finish falls in; one at midnight ends the day before.
            let finish = entry.finish.isNaN ? ""
                : plan.start.adding(days: max(startDay, Int((entry.finish / hoursPerCalendarDay).rounded(.up)) - 1)).description
            try writer.write(row: [plan.communities[c].name, building, plan.types[plan.typeIndex(of: o)].name,
                                   plan.start.adding(days: startDay).description, finish, entry.outcome])
        }
        writer.stream.close()
        let data = stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data ?? Data()
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
