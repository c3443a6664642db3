import Foundation
import Testing

@Suite("renosim compare and sensitivity, end to end")
struct ExperimentCommandTests {
    static let minimal = "Tests/Fixtures/minimal.yaml"

    @Test("compare prints both tables and writes comparison.json, the same for any thread count")
    func compare() throws {
        let folder = try CLIRunner.temporaryDirectory()
        let args = ["compare", Self.minimal, "--plans", "all-at-once, staged", "--replications", "4", "--seed", "3"]
        let first = try CLIRunner.run(args + ["--out", folder.appendingPathComponent("a").path, "--threads", "2"])
        #expect(first.status == 0, "\(first.stderr)")
        for header in ["P50 finish", "P(deadline met)", "95 % Wilson", "staged − all-at-once", "mean difference",
                       "paired 95 % CI", "significant", "independent ±", "variance reduction", "finish_days", "peak_sites"] {
            #expect(first.stdout.contains(header), "missing \(header)")
        }
        #expect(first.stderr.contains("comparison.json"))
        let second = try CLIRunner.run(args + ["--out", folder.appendingPathComponent("b").path, "--threads", "1"])
        #expect(second.stdout == first.stdout)
        let a = try Data(contentsOf: folder.appendingPathComponent("a/comparison.json"))
        let b = try Data(contentsOf: folder.appendingPathComponent("b/comparison.json"))
        #expect(a == b)
        let precise = try CLIRunner.run(["compare", Self.minimal, "--plans", "all-at-once,staged", "--replications", "3",
                                         "--precision", "1000"])
        #expect(precise.status == 0, "\(precise.stderr)")
        #expect(precise.stdout.contains("precision: paired finish-days differences within"))
        let json = try JSONSerialization.jsonObject(with: a) as? [String: Any]
        #expect(json?["baseline"] as? String == "all-at-once")
        #expect((json?["plans"] as? [Any])?.count == 2)
        let pair = (json?["pairs"] as? [[String: Any]])?.first
        #expect(pair?["plan"] as? String == "staged")
        #expect((pair?["differences"] as? [Any])?.count == 7)
        // The result files' conventions: a schema version, snake_case keys, null for non-finite numbers, registry names.
        #expect(json?["schema_version"] as? Int == 1)
        let finish = (pair?["differences"] as? [[String: Any]])?.first
        #expect(finish?["variance_reduction"] != nil && finish?["varianceReduction"] == nil)
        #expect(finish?["metric"] as? String == "finish_days")
        let text = String(decoding: a, as: UTF8.self)
        #expect(!text.contains("\"nan\"") && !text.contains("\"inf\""))
        #expect(text.range(of: "\"[a-z0-9_]*[A-Z][A-Za-z0-9_]*\" :", options: .regularExpression) == nil, "camelCase key")
    }

    @Test("compare: an unknown plan is exit 1 naming the plans, one plan is refused, an unwritable --out is exit 2")
    func compareErrors() throws {
        let unknown = try CLIRunner.run(["compare", Self.minimal, "--plans", "staged,nope", "--replications", "2"])
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("nope") && unknown.stderr.contains("all-at-once"))
        let single = try CLIRunner.run(["compare", Self.minimal, "--plans", "staged", "--replications", "2"])
        #expect(single.status != 0 && single.status != 1)
        #expect(single.stderr.contains("at least two plans"))
        let one = try CLIRunner.run(["compare", Self.minimal, "--plans", "staged,all-at-once", "--replications", "1"])
        #expect(one.status != 0 && one.stderr.contains("at least 2"))
        let folder = try CLIRunner.temporaryDirectory()
        let file = folder.appendingPathComponent("file")
        try Data("x".utf8).write(to: file)
        let unwritable = try CLIRunner.run(["compare", Self.minimal, "--plans", "staged,all-at-once", "--replications", "2",
                                            "--out", file.appendingPathComponent("out").path])
        #expect(unwritable.status == 2, "\(unwritable.stderr)")
        #expect(unwritable.stderr.contains("comparison.json"))
    }

    @Test("sensitivity prints the tornado and criticality tables and writes sensitivity.json")
    func sensitivity() throws {
        let folder = try CLIRunner.temporaryDirectory()
        let output = try CLIRunner.run(["sensitivity", Self.minimal, "--plan", "staged", "--replications", "2",
                                        "--threads", "2", "--out", folder.path])
        #expect(output.status == 0, "\(output.stderr)")
        for header in ["Tornado", "input", "P50 at low", "P50 at high", "swing (days)", "roof hours", "paint hours",
                       "roads hours", "Binding trade", "(none waited)", "Work type finishing last", "95 % Wilson"] {
            #expect(output.stdout.contains(header), "missing \(header)")
        }
        let data = try Data(contentsOf: folder.appendingPathComponent("sensitivity.json"))
        let json = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        #expect(json?["plan"] as? String == "staged")
        #expect((json?["tornado"] as? [Any])?.count == 3)
        #expect(json?["criticality"] is [String: Any])
        #expect(json?["schema_version"] as? Int == 1 && json?["baseline_p50_days"] != nil)

        let asJSON = try CLIRunner.run(["sensitivity", Self.minimal, "--plan", "staged", "--replications", "2",
                                        "--format", "json"])
        #expect(asJSON.status == 0, "\(asJSON.stderr)")
        #expect(Data(asJSON.stdout.utf8) == data)
    }

    @Test("sensitivity: --plan is required, an unknown plan is exit 1, a missing file exit 2")
    func sensitivityErrors() throws {
        let noPlan = try CLIRunner.run(["sensitivity", Self.minimal, "--replications", "2"])
        #expect(noPlan.status != 0 && noPlan.stderr.contains("--plan"))
        let unknown = try CLIRunner.run(["sensitivity", Self.minimal, "--plan", "nope", "--replications", "2"])
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("staged"))
        let missing = try CLIRunner.run(["sensitivity", "no/such.yaml", "--plan", "x"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("no/such.yaml"))
        let badFormat = try CLIRunner.run(["sensitivity", Self.minimal, "--plan", "staged", "--format", "xml"])
        #expect(badFormat.status != 0)
    }

    @Test("--format json prints only parseable JSON on stdout; --format csv prints a CSV table")
    func formats() throws {
        let json = try CLIRunner.run(["run", Self.minimal, "--replications", "2", "--format", "json"])
        #expect(json.status == 0, "\(json.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        #expect(object?["plan"] is String)
        #expect((object?["per_replication"] as? [Any])?.count == 2)

        let csv = try CLIRunner.run(["compare", Self.minimal, "--plans", "all-at-once,staged", "--replications", "2",
                                     "--quiet", "--format", "csv"])
        #expect(csv.status == 0, "\(csv.stderr)")
        let lines = csv.stdout.split(separator: "\n")
        #expect(lines.first?.hasPrefix("baseline,plan,metric,pairs,baseline_mean,plan_mean,mean_difference") == true)
        #expect(lines.count == 8)
        #expect(lines.dropFirst().allSatisfy { $0.hasPrefix("all-at-once,staged,") })
    }
}
