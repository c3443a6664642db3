import Experiments
import Renovation

/// A CSV table produced row by row: written to a stream, or gathered whole.
protocol CSVSource {
    var header: [String] { get }
    func forEachRow(_ body: ([String]) throws(AtomicFile.WriteError) -> Void) throws(AtomicFile.WriteError)
    /// Streams the table; a table of millions of rows writes its fields
    /// straight into the stream instead (the same bytes as `forEachRow`'s rows).
    func write(to file: AtomicFile.Stream) throws(AtomicFile.WriteError)
}

extension CSVSource {
    func write(to file: AtomicFile.Stream) throws(AtomicFile.WriteError) {
        try file.appendRow(header)
        try forEachRow { row throws(AtomicFile.WriteError) in try file.appendRow(row) }
    }

    var table: CSVTable {
        var table = CSVTable(header: header)
        try? forEachRow { table.append($0) }
        return table
    }
}

/// `replications.csv`: one row per replication; after `replication`, every
/// bounded registry metric by label, and `finish_date` after `finish_days`.
struct ReplicationTable: CSVSource {
    let results: [ReplicationResult]
    let model: CompiledPlan

    var years: Int { results.first?.completionsPerYear.count ?? model.budgetPerYear.count }

    var header: [String] {
        var header = ["replication"]
        for metric in Metric.all where metric.isBounded {
            if let dimension = metric.dimension {
                header += Metric.indexNames(dimension, plan: model, years: years).map(metric.label)
            } else {
                header.append(metric.name)
                if metric.name == Metric.finishDays.name { header.append("finish_date") }
            }
        }
        return header
    }

    func forEachRow(_ body: ([String]) throws(AtomicFile.WriteError) -> Void) throws(AtomicFile.WriteError) {
        for r in results {
            var row = [String(r.replication)]
            for metric in Metric.all where metric.isBounded {
                let values = metric.read(r, plan: model)
                row += values.map { csvValue($0, metric.representation) }
                if metric.name == Metric.finishDays.name {
                    row.append(model.start.adding(fractionalDays: r.finishDays).description)
                }
            }
            try body(row)
        }
    }
}

/// `communities.csv`: per community, the mean and P10/P50/P90 of its finish days.
struct CommunityTable: CSVSource {
    let results: [ReplicationResult]
    let model: CompiledPlan

    /// With `preparation`: when each community's preparation starts, P10/P50/P90 of when it ends, and its
    /// release (its works open at the later of the two).
    static let preparationColumns = ["preparation_start_days", "prepared_days_p10", "prepared_days_p50", "prepared_days_p90",
                                     "release_days"]

    var header: [String] {
        ["community", "district"] + ["mean", "p10", "p50", "p90"].map { "\(Metric.communityFinishDays.name)_\($0)" }
            + ["finish_date_p50", "finish_date_p90"] + (model.preparation == nil ? [] : Self.preparationColumns)
    }

    func forEachRow(_ body: ([String]) throws(AtomicFile.WriteError) -> Void) throws(AtomicFile.WriteError) {
        let prepared = preparedQuantiles()
        var c = 0
        try forEachSummary { name, district, mean, p10, p50, p90 throws(AtomicFile.WriteError) in
            let dates = [p50, p90].map { $0.isNaN ? "" : model.start.adding(fractionalDays: $0).description }
            try body([name, district] + [mean, p10, p50, p90].map(csvNumber) + dates + (prepared.isEmpty ? [] : prepared[c].map(csvNumber)))
            c += 1
        }
    }

    /// Per community: preparation start, the P10, P50, P90 of its end and its release, days; empty without `preparation`.
    func preparedQuantiles() -> [[Double]] {
        guard let preparation = model.preparation else { return [] }
        // Taken out once, not per community: a national programme has 220,000 communities.
        let perReplication = results.compactMap { $0.preparation?.preparedDays }
        var values: [Double] = []
        return model.communities.indices.map { c in
            values.removeAll(keepingCapacity: true)
            for days in perReplication where c < days.count && !days[c].isNaN { values.append(days[c]) }
            if values.count > 1 { values.sort() }
            return [preparation.startHours[c] / 24, sortedQuantile(values, 0.1), sortedQuantile(values, 0.5),
                    sortedQuantile(values, 0.9), model.releaseTime[c] / 24]
        }
    }

    /// Per community: name, district, and the mean, P10, P50 and P90 of its finish days.
    func forEachSummary<E: Error>(_ body: (String, String, Double, Double, Double, Double) throws(E) -> Void) throws(E) {
        let perReplication = results.map { Metric.communityFinishDays.read($0, plan: model) }
        var values: [Double] = []
        for c in model.communities.indices {
            values.removeAll(keepingCapacity: true)
            for r in perReplication where c < r.count && !r[c].isNaN { values.append(r[c]) }
            values.sort()
            let mean = values.isEmpty ? Double.nan : values.reduce(0, +) / Double(values.count)
            try body(model.communities[c].name, model.communities[c].district, mean,
                     sortedQuantile(values, 0.1), sortedQuantile(values, 0.5), sortedQuantile(values, 0.9))
        }
    }
}

/// `buildings.csv`: per building and building work type, P10/P50/P90 finish day over the replications.
struct BuildingTable: CSVSource {
    let results: [ReplicationResult]
    let model: CompiledPlan
    /// Each replication's per-order finish days, taken out once: looping
    /// over the results themselves copies (and retains) every field of
    /// each result for every order.
    let finishes: [[Float]]

    init(results: [ReplicationResult], model: CompiledPlan) {
        self.results = results
        self.model = model
        finishes = results.map(\.orderFinishDays)
    }

    var header: [String] {
        ["building", "community", "district", "work_type", "finish_days_p10", "finish_days_p50", "finish_days_p90"]
    }

    func forEachRow(_ body: ([String]) throws(AtomicFile.WriteError) -> Void) throws(AtomicFile.WriteError) {
        try forEachBuilding { b, c, k, q throws(AtomicFile.WriteError) in
            let community = model.communities[c]
            // Finish times are stored as Float: their shortest Float form is exact and half as long.
            try body([buildingName(b, community: c), community.name,
                      community.district, model.types[k].name, floatNumber(q.p10), floatNumber(q.p50), floatNumber(q.p90)])
        }
    }

    /// The rows of `forEachRow`, field by field: a national run writes five
    /// million of them. Each community's and work type's fields are quoted
    /// once, not per row, and rows gather in a local buffer handed to the
    /// stream whole (a class's buffer pays an exclusivity check per access).
    func write(to file: AtomicFile.Stream) throws(AtomicFile.WriteError) {
        try file.appendRow(header)
        let types = (0..<model.buildingTypeCount).map { CSVTable.bytes([model.types[$0].name]) }
        var community = -1
        var communityFields: [UInt8] = []
        var out: [UInt8] = []
        out.reserveCapacity(1 << 18)
        // The last number and its text: with one replication, P10 = P50 = P90.
        var last = Double.nan, lastText: [UInt8] = []
        var values = [Double](repeating: 0, count: results.count)
        // A plain loop, not forEachBuilding's closure: its captured variables
        // would pay a dynamic exclusivity check on every access.
        for b in 0..<model.buildings.count {
            let c = Int(model.buildings.community[b])
            if c != community {
                community = c
                communityFields = CSVTable.bytes([model.communities[c].name, model.communities[c].district])
            }
            let nameField = CSVTable.bytes([buildingName(b, community: c)])
            for k in 0..<model.buildingTypeCount {
                out += nameField
                out.append(0x2C)
                out += communityFields
                out.append(0x2C)
                out += types[k]
                let q = quantiles(building: b, type: k, scratch: &values)
                for x in [q.p10, q.p50, q.p90] {
                    out.append(0x2C)
                    guard !x.isNaN else { continue }
                    if x != last {
                        last = x
                        lastText = Array(Float(x).description.utf8)
                    }
                    out += lastText
                }
                out.append(0x0A)
            }
            if out.count >= 1 << 18 {
                try file.append(out)
                out.removeAll(keepingCapacity: true)
            }
        }
        try file.append(out)
    }

    /// A building's name: its own, or its number within its community.
    func buildingName(_ b: Int, community c: Int) -> String {
        model.buildings.names[b] ?? String(b - model.communities[c].buildings.lowerBound + 1)
    }

    /// Building, its community, building work type and finish-day quantiles, in building order.
    func forEachBuilding<E: Error>(_ body: (Int, Int, Int, (p10: Double, p50: Double, p90: Double)) throws(E) -> Void) throws(E) {
        var values = [Double](repeating: 0, count: results.count)
        for b in 0..<model.buildings.count {
            let c = Int(model.buildings.community[b])
            for k in 0..<model.buildingTypeCount { try body(b, c, k, quantiles(building: b, type: k, scratch: &values)) }
        }
    }

    /// P10/P50/P90 over the replications of when building b's work of type k finished.
    func quantiles(building b: Int, type k: Int, scratch values: inout [Double]) -> (p10: Double, p50: Double, p90: Double) {
        let o = model.order(building: b, type: k)
        values.removeAll(keepingCapacity: true)
        for finish in finishes where !finish[o].isNaN { values.append(Double(finish[o])) }
        if values.count > 1 { values.sort() }
        return (sortedQuantile(values, 0.1), sortedQuantile(values, 0.5), sortedQuantile(values, 0.9))
    }
}

/// `schedule.csv`: per work order (model order numbering: building orders
/// by building then type, community orders after them), its trades and
/// crews and the P10/P50/P90 dates of its first start and of its
/// acceptance over the replications in which it happened — the table a
/// planner loads into a Gantt tool. Written only up to
/// ``RunOutput/scheduleOrderLimit`` orders.
struct ScheduleTable: CSVSource {
    let results: [ReplicationResult]
    let model: CompiledPlan

    var header: [String] {
        ["community", "district", "building", "work_type", "trade", "crews"]
            + ["start", "finish"].flatMap { what in ["p10", "p50", "p90"].map { "\(what)_\($0)" } }
            + ["replications_started", "replications_finished"]
    }

    func forEachRow(_ body: ([String]) throws(AtomicFile.WriteError) -> Void) throws(AtomicFile.WriteError) {
        // Several trades at once are joined by `+`, their crews in the same order: `landscaping+civil`, `3+1`.
        let trades = model.types.map { $0.needs.map { model.tradeNames[$0.trade] }.joined(separator: "+") }
        let crews = model.types.map { $0.needs.map { String($0.crews) }.joined(separator: "+") }
        var starts: [Double] = []
        var finishes: [Double] = []
        func date(_ days: Double) -> String { days.isNaN ? "" : model.start.adding(fractionalDays: days).description }
        // Taken out once: looping over the results copies every field of each result for every order.
        let startDays = results.compactMap(\.orderStartDays), finishDays = results.map(\.orderFinishDays)
        // One row array, refilled: a programme of 10⁵ buildings has half a million orders, and
        // building each row from concatenated arrays cost more than its simulation.
        var row: [String] = []
        row.reserveCapacity(header.count)
        func appendQuantiles(_ values: inout [Double]) {
            if values.count > 1 { values.sort() }
            for p in [0.1, 0.5, 0.9] { row.append(date(sortedQuantile(values, p))) }
        }
        for o in 0..<model.orderCount {
            starts.removeAll(keepingCapacity: true)
            finishes.removeAll(keepingCapacity: true)
            for begun in startDays where !begun[o].isNaN { starts.append(Double(begun[o])) }
            for finish in finishDays where !finish[o].isNaN { finishes.append(Double(finish[o])) }
            let c = model.community(of: o)
            let k = model.typeIndex(of: o)
            row.removeAll(keepingCapacity: true)
            row.append(model.communities[c].name)
            row.append(model.communities[c].district)
            row.append(model.building(of: o).map {
                model.buildings.names[$0] ?? String($0 - model.communities[c].buildings.lowerBound + 1)
            } ?? "")
            row.append(model.types[k].name)
            row.append(trades[k])
            row.append(crews[k])
            appendQuantiles(&starts)
            appendQuantiles(&finishes)
            row.append(String(starts.count))
            row.append(String(finishes.count))
            try body(row)
        }
    }
}

/// The p-quantile of ascending `values`, interpolating between order
/// statistics as ``SampleSummary/quantile(_:)`` does; NaN when empty.
func sortedQuantile(_ values: [Double], _ p: Double) -> Double {
    guard let first = values.first else { return .nan }
    guard values.count > 1 else { return first }
    let position = p * Double(values.count - 1)
    let low = Int(position.rounded(.down))
    let high = min(low + 1, values.count - 1)
    return values[low] + (values[high] - values[low]) * (position - Double(low))
}

/// A per-order finish time as CSV writes it: the shortest form of the Float it was stored as.
func floatNumber(_ value: Double) -> String {
    value.isNaN ? "" : Float(value).description
}

/// A value as CSV writes it for its representation.
func csvValue(_ value: Double, _ representation: Metric.Representation) -> String {
    switch representation {
    case .number: csvNumber(value)
    case .integer: value.isFinite ? String(Int(value)) : csvNumber(value)
    case .boolean: String(value != 0)
    }
}
