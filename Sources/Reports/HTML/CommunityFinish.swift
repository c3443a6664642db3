import Experiments
import Foundation
import Renovation

/// One community's finish day over the replications, as the report's
/// community table shows it. Result files leave per-community data to
/// `communities.csv` (it grows with the programme); the report takes it
/// from there, or from a run's results directly — the same numbers, since
/// CSV numbers read back to the same doubles.
public struct CommunityFinish: Sendable, Equatable {
    public var name: String
    public var p10: Double
    public var p50: Double
    public var p90: Double
    /// With `preparation`: when its preparation starts, and P10/P50/P90 of when it ends, days (NaN otherwise).
    public var preparationStart = Double.nan
    public var preparedP10 = Double.nan
    public var preparedP50 = Double.nan
    public var preparedP90 = Double.nan
    /// Its release date under the plan, days (NaN without `preparation`).
    public var release = Double.nan

    public init(name: String, p10: Double, p50: Double, p90: Double) {
        self.name = name
        self.p10 = p10
        self.p50 = p50
        self.p90 = p90
    }

    /// From a run's results, as `communities.csv` holds them.
    public static func of(_ results: [ReplicationResult], model: CompiledPlan) -> [CommunityFinish] {
        let table = CommunityTable(results: results, model: model).table
        return rows(table.header, table.rows) ?? []
    }

    /// From `communities.csv` beside `resultFile`; nil when there is none or it cannot be read.
    public static func read(besideResultFile resultFile: String) -> [CommunityFinish]? {
        let path = ((resultFile as NSString).deletingLastPathComponent as NSString).appendingPathComponent("communities.csv")
        guard let bytes = try? FileBytes.read(path, limit: ResultFile.maximumFileSize) else { return nil }
        let lines = CSVTable.parse(String(decoding: bytes, as: UTF8.self))
        guard let header = lines.first else { return nil }
        return rows(header, Array(lines.dropFirst()))
    }

    static func rows(_ header: [String], _ rows: [[String]]) -> [CommunityFinish]? {
        let stem = Metric.communityFinishDays.name
        guard let name = header.firstIndex(of: "community"), let p10 = header.firstIndex(of: stem + "_p10"),
              let p50 = header.firstIndex(of: stem + "_p50"), let p90 = header.firstIndex(of: stem + "_p90") else { return nil }
        func number(_ row: [String], _ i: Int) -> Double { i < row.count ? Double(row[i]) ?? .nan : .nan }
        let preparation = CommunityTable.preparationColumns.map { header.firstIndex(of: $0) }
        return rows.filter { $0.count > name }.map { row in
            var community = CommunityFinish(name: row[name], p10: number(row, p10), p50: number(row, p50), p90: number(row, p90))
            if let start = preparation[0], let q10 = preparation[1], let q50 = preparation[2], let q90 = preparation[3],
               let release = preparation[4] {
                community.preparationStart = number(row, start)
                community.preparedP10 = number(row, q10)
                community.preparedP50 = number(row, q50)
                community.preparedP90 = number(row, q90)
                community.release = number(row, release)
            }
            return community
        }
    }
}
