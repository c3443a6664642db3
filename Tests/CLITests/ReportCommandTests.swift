import Foundation
import Testing

@Suite("renosim report and run --report, end to end")
struct ReportCommandTests {
    static let titles = ["Completion S-curve", "Finish-date histogram", "Line of balance", "Waits by cause",
                         "54321 service-level attainment", "Cost per year against budget", "Crew utilisation over time"]

    @Test("report turns a result.json into one self-contained HTML file with every chart; run --report writes the same")
    func report() throws {
        let folder = try CLIRunner.temporaryDirectory()
        let out = folder.appendingPathComponent("run")
        let direct = folder.appendingPathComponent("direct.html")
        let run = try CLIRunner.run(["run", "scenarios/yonghong-2022.yaml", "--plan", "three-year", "--replications", "6",
                                     "--seed", "9", "--quiet", "--out", out.path, "--report", direct.path])
        #expect(run.status == 0, "\(run.stderr)")
        let html = folder.appendingPathComponent("report.html")
        let report = try CLIRunner.run(["report", out.appendingPathComponent("result.json").path, "-o", html.path])
        #expect(report.status == 0, "\(report.stderr)")
        #expect(report.stderr.contains("report.html"))
        let text = try String(contentsOf: html, encoding: .utf8)
        #expect(text.hasPrefix("<!DOCTYPE html>"))
        #expect(text.contains("<meta charset=\"utf-8\">"))
        #expect(text.contains("@media print"))
        #expect(text.contains("Noto Sans CJK SC"))
        for title in Self.titles { #expect(text.contains("<title id=") && text.contains(">\(title)</title>"), "missing \(title)") }
        #expect(text.components(separatedBy: "<svg").count - 1 >= Self.titles.count)
        #expect(text.contains("<polyline") && text.contains("<rect class=\"bar\"") && text.contains("<path class=\"band\""))
        #expect(!text.contains("http://") && !text.contains("https://"))
        #expect(!text.contains("<script") && !text.contains("<link") && !text.contains("<img"))
        #expect(text.contains("广景山庄"), "Chinese community names are written as UTF-8 text")
        // The same report whether written by run or from the file.
        let directText = try String(contentsOf: direct, encoding: .utf8)
        #expect(directText == text)
    }

    @Test("names are escaped; a missing or broken result file is exit 2 with a message")
    func escapingAndErrors() throws {
        let folder = try CLIRunner.temporaryDirectory()
        let out = folder.appendingPathComponent("run")
        let run = try CLIRunner.run(["run", "Tests/Fixtures/minimal.yaml", "--replications", "2", "--quiet", "--out", out.path])
        #expect(run.status == 0, "\(run.stderr)")
        let result = out.appendingPathComponent("result.json")
        var json = try String(contentsOf: result, encoding: .utf8)
        let plan = try #require((try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])?["plan"] as? String)
        json = json.replacingOccurrences(of: "\"plan\" : \"\(plan)\"", with: "\"plan\" : \"<b>&\\\"x'\"")
        try json.write(to: result, atomically: true, encoding: .utf8)
        let html = folder.appendingPathComponent("r.html")
        let report = try CLIRunner.run(["report", result.path, "-o", html.path])
        #expect(report.status == 0, "\(report.stderr)")
        let text = try String(contentsOf: html, encoding: .utf8)
        #expect(text.contains("&lt;b&gt;&amp;&quot;x&#39;"))
        #expect(!text.contains("<b>&"))

        let missing = try CLIRunner.run(["report", folder.appendingPathComponent("nope.json").path, "-o", html.path])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("no such file"))
        let broken = folder.appendingPathComponent("broken.json")
        try "{\"schema_version\": 1".write(to: broken, atomically: true, encoding: .utf8)
        let bad = try CLIRunner.run(["report", broken.path, "-o", html.path])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("not a result file"))
    }

    @Test("a baseline written before the report's series still renders, saying what is missing")
    func oldBaseline() throws {
        let folder = try CLIRunner.temporaryDirectory()
        let html = folder.appendingPathComponent("b.html")
        // A baseline as recorded before the building-progress and monthly-utilisation series existed.
        let current = try Data(contentsOf: CLIRunner.root.appendingPathComponent("results/baselines/benxi-2018-as-built.json"))
        var document = try #require(try JSONSerialization.jsonObject(with: current) as? [String: Any])
        var summary = try #require(document["summary"] as? [String: Any])
        #expect(summary.removeValue(forKey: "building_progress") != nil)
        #expect(summary.removeValue(forKey: "monthly_utilisation") != nil)
        document["summary"] = summary
        let old = folder.appendingPathComponent("old-baseline.json")
        try JSONSerialization.data(withJSONObject: document).write(to: old)
        let report = try CLIRunner.run(["report", old.path, "-o", html.path])
        #expect(report.status == 0, "\(report.stderr)")
        let text = try String(contentsOf: html, encoding: .utf8)
        #expect(text.contains("Completion S-curve") && text.contains("Cost per year against budget"))
        #expect(text.contains("Not in this file"))
    }

    @Test("compare --report writes the overlaid S-curves with a legend and deadlines, and the paired differences")
    func compareReport() throws {
        let folder = try CLIRunner.temporaryDirectory()
        let html = folder.appendingPathComponent("compare.html")
        let run = try CLIRunner.run(["compare", "Tests/Fixtures/minimal.yaml", "--plans", "all-at-once,staged",
                                     "--replications", "3", "--quiet", "--report", html.path])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("compare.html"))
        let text = try String(contentsOf: html, encoding: .utf8)
        #expect(text.hasPrefix("<!DOCTYPE html>"))
        #expect(text.contains(">Completion S-curves</title>") && text.contains("<svg"))
        #expect(text.contains("all-at-once") && text.contains("staged"))
        #expect(text.contains("class=\"legend\"") && text.contains("deadline"))
        #expect(text.contains("Paired differences") && text.contains("finish_days"))
        #expect(!text.contains("http://") && !text.contains("https://"))
    }

    @Test("sensitivity --report writes the tornado and the criticality shares")
    func sensitivityReport() throws {
        let folder = try CLIRunner.temporaryDirectory()
        let html = folder.appendingPathComponent("sensitivity.html")
        let run = try CLIRunner.run(["sensitivity", "Tests/Fixtures/minimal.yaml", "--plan", "staged", "--replications", "2",
                                     "--quiet", "--report", html.path])
        #expect(run.status == 0, "\(run.stderr)")
        let text = try String(contentsOf: html, encoding: .utf8)
        for title in ["Tornado of the median finish", "Binding trade", "Work type finishing last"] {
            #expect(text.contains(">\(title)</title>"), "missing \(title)")
        }
        #expect(text.components(separatedBy: "<svg").count - 1 == 3)
        for input in ["roof hours", "paint hours", "roads hours"] { #expect(text.contains(input), "missing \(input)") }
        #expect(!text.contains("http://") && !text.contains("https://"))
    }

    @Test("size --report shows the sized crews next to the plan's and the probability along the search")
    func sizeReport() throws {
        let folder = try CLIRunner.temporaryDirectory()
        let html = folder.appendingPathComponent("size.html")
        let run = try CLIRunner.run(["size", "Tests/Fixtures/minimal.yaml", "--plan", "staged", "--target", "0.5",
                                     "--replications", "2", "--confirm", "2", "--report", html.path])
        #expect(run.status == 0, "\(run.stderr)")
        let text = try String(contentsOf: html, encoding: .utf8)
        for title in ["Crews per trade", "Probability along the search"] {
            #expect(text.contains(">\(title)</title>"), "missing \(title)")
        }
        #expect(text.components(separatedBy: "<svg").count - 1 == 2)
        for trade in ["roofing", "painting", "civil"] { #expect(text.contains(trade), "missing \(trade)") }
        #expect(!text.contains("http://") && !text.contains("https://"))
    }
}
