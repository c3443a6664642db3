import Foundation
import Testing

@Suite("renosim command line, end to end")
struct CLITests {
    @Test("--version and --help")
    func versionAndHelp() throws {
        let version = try CLIRunner.run(["--version"])
        #expect(version.status == 0)
        #expect(version.stdout.hasPrefix("0."))
        let help = try CLIRunner.run(["--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("run") && help.stdout.contains("validate"))
    }

    @Test("validate accepts the shipped scenarios", arguments: ["scenarios/yonghong-2022.yaml", "scenarios/benxi-2018.yaml"])
    func validateShipped(_ path: String) throws {
        let output = try CLIRunner.run(["validate", path])
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stdout.contains("valid"))
    }

    @Test("validate reports file, line and key of a typo, exit 1")
    func validateTypo() throws {
        let folder = try CLIRunner.temporaryDirectory()
        let source = try String(contentsOf: CLIRunner.root.appendingPathComponent("scenarios/yonghong-2022.yaml"), encoding: .utf8)
        let broken = source.replacingOccurrences(of: "deadline:", with: "dedline:", options: [], range: source.range(of: "deadline:"))
        let file = folder.appendingPathComponent("typo.yaml")
        try broken.write(to: file, atomically: true, encoding: .utf8)
        let output = try CLIRunner.run(["validate", file.path])
        #expect(output.status == 1)
        #expect(output.stderr.contains("typo.yaml:"))
        #expect(output.stderr.contains("dedline"))
        #expect(output.stderr.contains("did you mean 'deadline'"))
        #expect(output.stdout.isEmpty)
    }

    @Test("a missing file is exit 2 with its name")
    func missingFile() throws {
        let output = try CLIRunner.run(["validate", "no/such/file.yaml"])
        #expect(output.status == 2)
        #expect(output.stderr.contains("no/such/file.yaml"))
    }

    @Test("an unknown plan is the validator's issue: located, with the closest plan and the plans there are")
    func unknownPlan() throws {
        let output = try CLIRunner.run(["run", "scenarios/yonghong-2022.yaml", "--plan", "two-year", "--replications", "1"])
        #expect(output.status == 1)
        #expect(output.stderr.contains("five-year") && output.stderr.contains("three-year"))
        let typo = try CLIRunner.run(["run", "Tests/Fixtures/minimal.yaml", "--plan", "stagd", "--replications", "2"])
        #expect(typo.status == 1)
        #expect(typo.stderr.contains(
            "Tests/Fixtures/minimal.yaml:39:1: error: plans: 'stagd' is not a plan — did you mean 'staged'?; "
                + "expected one of the plans: all-at-once, staged"), "\(typo.stderr)")
        #expect(typo.stdout.isEmpty)
    }

    @Test("run writes a summary and the result files; the same seed gives the same bytes")
    func runWritesFiles() throws {
        let folder = try CLIRunner.temporaryDirectory()
        let args = ["run", "scenarios/yonghong-2022.yaml", "--plan", "three-year", "--replications", "4", "--seed", "9"]
        let first = try CLIRunner.run(args + ["--out", folder.appendingPathComponent("a").path])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("P(deadline met)"))
        let second = try CLIRunner.run(args + ["--out", folder.appendingPathComponent("b").path, "--threads", "1"])
        #expect(second.stdout == first.stdout)
        for name in ["result.json", "replications.csv", "communities.csv", "buildings.csv", "schedule.csv", "results.sqlite"] {
            let a = try Data(contentsOf: folder.appendingPathComponent("a/\(name)"))
            let b = try Data(contentsOf: folder.appendingPathComponent("b/\(name)"))
            #expect(a == b, "\(name) differs between runs")
        }
        let rows = try String(contentsOf: folder.appendingPathComponent("a/replications.csv"), encoding: .utf8)
            .split(separator: "\n")
        #expect(rows.count == 5)
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("a/result.json")))
        #expect((json as? [String: Any])?["plan"] as? String == "three-year")
    }

    @Test("--trace writes the event log of one replication")
    func trace() throws {
        let folder = try CLIRunner.temporaryDirectory()
        let output = try CLIRunner.run(["run", "scenarios/yonghong-2022.yaml", "--replications", "1", "--trace",
                                        "--out", folder.path])
        #expect(output.status == 0, "\(output.stderr)")
        let log = try String(contentsOf: folder.appendingPathComponent("trace.csv"), encoding: .utf8)
        #expect(log.hasPrefix("time_hours,date,event,order,work_type,community,building,work_hours"))
        #expect(log.contains(",accepted,") && log.contains(",started,"))
        let bad = try CLIRunner.run(["run", "scenarios/yonghong-2022.yaml", "--replications", "2", "--trace"])
        #expect(bad.status != 0)
    }
}
