import Foundation
import Testing

@Suite("renosim risks, end to end")
struct RisksCommandTests {
    static let everyKey = "Tests/Fixtures/every-key.yaml"

    @Test("risks prints the ranking and writes risks.json, the same for any thread count")
    func ranking() throws {
        let folder = try CLIRunner.temporaryDirectory()
        let args = ["risks", Self.everyKey, "--plan", "all-at-once", "--replications", "6", "--seed", "3", "--quiet"]
        let first = try CLIRunner.run(args + ["--out", folder.appendingPathComponent("a").path, "--threads", "2"])
        #expect(first.status == 0, "\(first.stderr)")
        for text in ["plan all-at-once, 6 replications, seed 3", "with every risk: P50 finish", "residents-object",
                     "smog-stop", "P80 shift, days", "P(met) shift", "mean days lost"] {
            #expect(first.stdout.contains(text), "missing \(text)")
        }
        let second = try CLIRunner.run(args + ["--out", folder.appendingPathComponent("b").path, "--threads", "1"])
        #expect(second.stdout == first.stdout)
        let a = try Data(contentsOf: folder.appendingPathComponent("a/risks.json"))
        let json = try JSONSerialization.jsonObject(with: a) as? [String: Any]
        #expect((json?["risks"] as? [Any])?.count == 2)
        let csv = try CLIRunner.run(args + ["--format", "csv"])
        #expect(csv.status == 0)
        #expect(csv.stdout.hasPrefix("risk,declared_probability,observed_probability,units,"))
        #expect(csv.stdout.split(separator: "\n").count == 3)
        let page = folder.appendingPathComponent("risks.html")
        let html = try CLIRunner.run(args + ["--report", page.path])
        #expect(html.status == 0, "\(html.stderr)")
        let text = try String(contentsOf: page, encoding: .utf8)
        #expect(text.contains("Risk tornado") && text.contains("<svg") && text.contains("smog-stop"))
    }

    @Test("a scenario without risks, or with a bad register, is exit 1 with a located error")
    func errors() throws {
        let none = try CLIRunner.run(["risks", "Tests/Fixtures/minimal.yaml", "--plan", "staged", "--replications", "2"])
        #expect(none.status == 1)
        #expect(none.stderr.contains("minimal.yaml: error: risks: the scenario has no risks"), "\(none.stderr)")
        let folder = try CLIRunner.temporaryDirectory()
        let bad = folder.appendingPathComponent("bad.yaml")
        let text = try String(contentsOf: CLIRunner.root.appendingPathComponent(Self.everyKey), encoding: .utf8)
            .replacingOccurrences(of: "probability: 0.3\n", with: "probability: 3\n")
        try Data(text.utf8).write(to: bad)
        let out = try CLIRunner.run(["risks", bad.path, "--plan", "all-at-once", "--replications", "2"])
        #expect(out.status == 1)
        #expect(out.stderr.contains("error: risks[1].probability: 3 is above 1"), "\(out.stderr)")
    }
}
