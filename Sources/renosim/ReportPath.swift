import Foundation

/// Where a command may write an HTML report: never over one of its own
/// inputs or outputs, and never over a result or baseline file (a report
/// would otherwise replace a baseline without `baseline --force`).
enum ReportPath {
    /// The files `run --out` writes in its folder.
    static let runOutputs = ["result.json", "replications.csv", "communities.csv", "buildings.csv", "schedule.csv", "trace.csv"]

    /// Throws (exit 1) when `report` is one of `inputs` or `outputs`, or an existing JSON file.
    static func check(_ report: String, inputs: [String], outputs: [String] = []) throws {
        guard !report.isEmpty else {
            throw CLIFailure(message: "the report path is empty; expected an HTML file name, e.g. report.html", code: 1)
        }
        for (path, role) in inputs.map({ ($0, "an input") }) + outputs.map({ ($0, "another output") }) where same(report, path) {
            throw CLIFailure(message: "the report \(report) is \(role) of this command (\(path)); "
                             + "expected a separate HTML file, e.g. report.html", code: 1)
        }
        if looksLikeJSON(report) {
            throw CLIFailure(message: "\(report) holds JSON (a result or baseline file); a report would replace it: "
                             + "write the report to another file, e.g. report.html", code: 1)
        }
    }

    /// The same file: the same inode when both exist, else the same resolved path.
    static func same(_ a: String, _ b: String) -> Bool {
        var sa = stat(), sb = stat()
        if stat(a, &sa) == 0, stat(b, &sb) == 0 { return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino }
        return resolved(a) == resolved(b)
    }

    /// The path with its folder's symbolic links and `..` resolved (the file itself may not exist yet).
    static func resolved(_ path: String) -> String {
        let url = URL(fileURLWithPath: path).standardizedFileURL
        let folder = url.deletingLastPathComponent().resolvingSymlinksInPath()
        return folder.appendingPathComponent(url.lastPathComponent).path
    }

    /// An existing regular file whose first non-blank byte is `{`.
    static func looksLikeJSON(_ path: String) -> Bool {
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, let handle = FileHandle(forReadingAtPath: path)
        else { return false }
        defer { try? handle.close() }
        let head = (try? handle.read(upToCount: 4096)) ?? Data()
        return head.first(where: { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }) == UInt8(ascii: "{")
    }
}
