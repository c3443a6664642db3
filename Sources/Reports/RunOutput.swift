import DiscreteEvent
import Experiments
import Foundation
import Renovation

/// The files a run writes: `result.json` (the ``ResultDocument``:
/// `docs/results-schema.md`), `replications.csv` (one row per
/// replication), `communities.csv` and `buildings.csv` (per building, the
/// finish day of each work type: the data behind a line-of-balance chart).
public enum RunOutput {
    public static func write(document: ResultDocument, results: [ReplicationResult], model: CompiledPlan,
                             to folder: String) throws(AtomicFile.WriteError) -> [String] {
        var written: [String] = []
        func put(_ name: String, _ text: String) throws(AtomicFile.WriteError) {
            let path = (folder as NSString).appendingPathComponent(name)
            try AtomicFile.write(text, to: path)
            written.append(path)
        }
        let resultPath = (folder as NSString).appendingPathComponent("result.json")
        do throws(ResultFileError) {
            try ResultFile.write(document, to: resultPath, overwrite: true)
        } catch let .cannotWrite(_, reason) {
            throw AtomicFile.WriteError(path: resultPath, reason: reason)
        } catch {
            throw AtomicFile.WriteError(path: resultPath, reason: error.description)
        }
        written.append(resultPath)
        let summary = document.summary ?? PlanSummary(model: model, seed: document.seed, results: results)
        try put("replications.csv", replicationTable(results, model: model).text)
        try put("communities.csv", communityTable(summary).text)
        try put("buildings.csv", buildingTable(results, model: model).text)
        return written
    }

    /// Pretty, key-sorted JSON: the same bytes for the same results.
    public static func json<T: Encodable>(_ value: T) throws(AtomicFile.WriteError) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        do {
            return String(decoding: try encoder.encode(value), as: UTF8.self) + "\n"
        } catch {
            throw AtomicFile.WriteError(path: "(json)", reason: "\(error)")
        }
    }

    public static func replicationTable(_ results: [ReplicationResult], model: CompiledPlan) -> CSVTable {
        var header = ["replication", "finished", "finish_days", "finish_date", "deadline_met", "inspections",
                      "failed_inspections", "rework_hours", "defects", "household_days", "total_cost",
                      "peak_sites", "events"]
        header += WaitsByCause.causes.map { "wait_\($0)_days" }
        header += model.tradeNames.map { "utilisation_\($0)" }
        header += DefectOutcome.tiers.map { "attainment_\($0)" }
        var table = CSVTable(header: header)
        for r in results {
            var row = [String(r.replication), String(r.finished), csvNumber(r.finishDays),
                       model.start.adding(fractionalDays: r.finishDays).description, String(r.deadlineMet),
                       String(r.inspections), String(r.failedInspections), csvNumber(r.reworkHours),
                       String(r.defects.reported), csvNumber(r.householdDaysDisrupted), csvNumber(r.totalCost),
                       String(r.peakSites), String(r.events)]
            row += r.waits.values.map(csvNumber)
            row += r.crewUtilisation.map(csvNumber)
            row += r.defects.attainment.map(csvNumber)
            table.append(row)
        }
        return table
    }

    public static func communityTable(_ summary: PlanSummary) -> CSVTable {
        var table = CSVTable(header: ["community", "finish_days_mean", "finish_days_p10", "finish_days_p50",
                                      "finish_days_p90", "finish_date_p50", "finish_date_p90"])
        for c in summary.communityFinishDays {
            let s = c.summary
            table.append([c.name, csvNumber(s.mean), csvNumber(s.p10), csvNumber(s.p50), csvNumber(s.p90),
                          s.p50.isNaN ? "" : summary.date(days: s.p50).description,
                          s.p90.isNaN ? "" : summary.date(days: s.p90).description])
        }
        return table
    }

    /// Per building and work type: median, P10 and P90 finish day over the replications.
    public static func buildingTable(_ results: [ReplicationResult], model: CompiledPlan) -> CSVTable {
        var table = CSVTable(header: ["building", "community", "district", "work_type", "finish_days_p10",
                                      "finish_days_p50", "finish_days_p90"])
        var values = [Double](repeating: 0, count: results.count)
        for b in 0..<model.buildings.count {
            let c = Int(model.buildings.community[b])
            let name = model.buildings.names[b] ?? "\(b - model.communities[c].buildings.lowerBound + 1)"
            for k in 0..<model.buildingTypeCount {
                let o = model.order(building: b, type: k)
                for (i, r) in results.enumerated() { values[i] = Double(r.orderFinishDays[o]) }
                let s = MetricSummary(values)
                table.append([name, model.communities[c].name, model.communities[c].district,
                              model.types[k].name, csvNumber(s.p10), csvNumber(s.p50), csvNumber(s.p90)])
            }
        }
        return table
    }

    /// The event log of a traced replication.
    public static func traceTable(_ trace: [TraceRecord], model: CompiledPlan) -> CSVTable {
        var table = CSVTable(header: ["time_hours", "date", "event", "order", "work_type", "community", "building",
                                      "work_hours"])
        for r in trace {
            let type = r.order >= 0 ? model.types[model.typeIndex(of: r.order)].name : ""
            let community = r.community >= 0 ? model.communities[r.community].name : ""
            let building: String
            if r.building >= 0 {
                let c = model.communities[Int(model.buildings.community[r.building])]
                building = model.buildings.names[r.building] ?? "\(r.building - c.buildings.lowerBound + 1)"
            } else {
                building = ""
            }
            table.append([csvNumber(r.time), model.date(atHours: r.time).description, r.kind.rawValue,
                          r.order >= 0 ? String(r.order) : "", type, community, building, csvNumber(r.value)])
        }
        return table
    }
}
