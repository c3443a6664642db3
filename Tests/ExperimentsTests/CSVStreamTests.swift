import Foundation
import Reports
import Testing

@Suite("CSV rows streamed to a file are quoted as CSVTable quotes them")
struct CSVStreamTests {
    @Test("commas, quotes, line breaks, empty fields and Chinese text: the stream's bytes are the table's text")
    func sameBytes() throws {
        let rows = [
            ["community", "district", "note"],
            ["永红小区", "北区", ""],
            ["a,b", "say \"hi\"", "two\nlines"],
            ["\r", "\"", ","],
            ["", "", ""],
            [String(repeating: "长", count: 40), "plain", "x\"y,z"],
        ]
        var table = CSVTable(header: rows[0])
        rows.dropFirst().forEach { table.append($0) }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("renosim-csv-\(UUID().uuidString).csv").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let file = try AtomicFile.Stream(path: path)
        for row in rows { try file.appendRow(row) }
        try file.commit()
        let written = try String(contentsOfFile: path, encoding: .utf8)
        #expect(written == table.text)
        #expect(written.contains("\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\""))
    }
}
