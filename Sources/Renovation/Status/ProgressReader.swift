import DiscreteEvent
import Foundation

/// Reads a progress file — where a programme stood at its status date —
/// and checks it against a compiled plan, reporting every problem at once
/// at its line and column (docs/scenario-reference.md, "Status date"):
///
///     status_date,2019-06-30
///     community,building,work_type,start,finish,inspection
///     Caijin,1,roofing,2019-05-06,2019-05-20,pass
///     Caijin,1,facade,2019-06-03,,
///
///     progress.csv:4:4: error: column 'start': facade on Caijin 1 started on 2019-05-02, before its predecessor …
///
/// The bytes are read as the inventory is (UTF-8 with or without a
/// byte-order mark, or GB18030) and the rows with CSV.swift.
public enum ProgressReader {
    /// The columns of the header row, in any order.
    public static let columns = ["community", "building", "work_type", "start", "finish", "inspection"]

    /// Reads the file at `path` for `plan`.
    public static func read(path: String, plan: CompiledPlan) throws(ScenarioError) -> PlanStatus {
        let bytes: [UInt8]
        do {
            bytes = try FileBytes.read(path, limit: ScenarioLoader.maximumFileSize)
        } catch {
            throw ScenarioError(ScenarioIssue(kind: .file, file: path, keyPath: "",
                                              message: "the progress file \(error.description)",
                                              expected: "a CSV file: a status_date line, a header row, one row per started work order"))
        }
        return try parse(bytes, file: path, plan: plan)
    }

    /// Parses the bytes of a progress file; `file` names it in messages and in the status.
    public static func parse(_ bytes: [UInt8], file: String, plan: CompiledPlan) throws(ScenarioError) -> PlanStatus {
        let text = try InventoryReader.decode(bytes, file: file, encoding: .auto)
        var parser = ProgressParser(file: file, plan: plan)
        try InventoryReader.forEachRow(text, file: file, until: { parser.issues.count > InventoryReader.maximumIssues }) {
            row, line, record in parser.take(row, line: line, record: record)
        }
        return try parser.finish(sha256: SHA256.hex(bytes))
    }
}
