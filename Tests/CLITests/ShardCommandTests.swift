import Foundation
import Testing

@Suite("renosim shard: plan, run as array tasks, merge — the same files and summary as one run")
struct ShardCommandTests {
    @Test("Shards run by --index and by SLURM_ARRAY_TASK_ID merge into run's bytes and summary")
    func planRunMerge() throws {
        let dir = try CLIRunner.temporaryDirectory()
        let folder = dir.appendingPathComponent("shards").path
        let scenario = ["Tests/Fixtures/minimal.yaml", "--plan", "staged"]
        let plan = try CLIRunner.run(["shard", "plan"] + scenario + ["--replications", "11", "--seed", "5", "--shards", "3",
                                                                     "--out", folder])
        #expect(plan.status == 0, "\(plan.stderr)")
        #expect(plan.stderr.contains("3 shards"))

        #expect(try CLIRunner.run(["shard", "run", folder, "--index", "2", "--quiet"]).status == 0)
        let task = try CLIRunner.run(["shard", "run", folder, "--quiet"], environment: ["SLURM_ARRAY_TASK_ID": "0"])
        #expect(task.status == 0, "\(task.stderr)")
        let status = try CLIRunner.run(["shard", "status", folder])
        #expect(status.status == 3)
        #expect(status.stdout.contains("to run: 1"))

        let early = try CLIRunner.run(["shard", "merge", folder, "--out", dir.appendingPathComponent("m0").path])
        #expect(early.status == 1)
        #expect(early.stderr.contains("1 of 3 shards have no file"))
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("m0/result.json").path))

        #expect(try CLIRunner.run(["shard", "run", folder, "--index", "1", "--threads", "1", "--quiet"]).status == 0)
        let again = try CLIRunner.run(["shard", "run", folder, "--index", "1", "--quiet"])
        #expect(again.status == 0)
        #expect(again.stderr.contains("already done"))

        let merged = dir.appendingPathComponent("merged")
        let merge = try CLIRunner.run(["shard", "merge", folder, "--out", merged.path])
        #expect(merge.status == 0, "\(merge.stderr)")
        let direct = dir.appendingPathComponent("direct")
        let run = try CLIRunner.run(["run"] + scenario + ["--replications", "11", "--seed", "5", "--quiet",
                                                          "--out", direct.path])
        #expect(run.status == 0)
        #expect(merge.stdout == run.stdout)
        for name in ["result.json", "replications.csv", "communities.csv", "buildings.csv", "schedule.csv", "results.sqlite"] {
            let a = try Data(contentsOf: merged.appendingPathComponent(name))
            let b = try Data(contentsOf: direct.appendingPathComponent(name))
            #expect(a == b, "\(name) differs")
        }
    }

    @Test("Without --index or SLURM_ARRAY_TASK_ID, or with a bad one, shard run says what it needs")
    func whichShard() throws {
        let dir = try CLIRunner.temporaryDirectory()
        let folder = dir.appendingPathComponent("s").path
        #expect(try CLIRunner.run(["shard", "plan", "Tests/Fixtures/minimal.yaml", "--replications", "2", "--shards", "2",
                                   "--out", folder]).status == 0)
        let none = try CLIRunner.run(["shard", "run", folder], environment: ["SLURM_ARRAY_TASK_ID": ""])
        #expect(none.status == 1)
        #expect(none.stderr.contains("SLURM_ARRAY_TASK_ID"))
        let outside = try CLIRunner.run(["shard", "run", folder, "--index", "2"])
        #expect(outside.status == 1)
        #expect(outside.stderr.contains("shard 2 does not exist: \(folder) has shards 0…1"))
        let replan = try CLIRunner.run(["shard", "plan", "Tests/Fixtures/minimal.yaml", "--replications", "2",
                                        "--shards", "1", "--out", folder])
        #expect(replan.status == 1)
        #expect(replan.stderr.contains("already holds a sharded run"))
        let notFolder = try CLIRunner.run(["shard", "merge", dir.path])
        #expect(notFolder.status == 1)
        #expect(notFolder.stderr.contains("is not a sharded run"))
    }
}

@Suite("renosim shard with a sweep file")
struct SweepCommandTests {
    @Test("A sweep plans, runs by index and merges into points, a summary on stdout and the database")
    func sweep() throws {
        let dir = try CLIRunner.temporaryDirectory()
        let fixture = CLIRunner.root.appendingPathComponent("Tests/Fixtures/minimal.yaml").path
        let sweepFile = dir.appendingPathComponent("s.yaml")
        try """
            name: painters
            scenario: \(fixture)
            plans: [staged]
            replications: 3
            grid:
              trades.painting.crews: [1, 2]
            """.write(to: sweepFile, atomically: true, encoding: .utf8)
        let folder = dir.appendingPathComponent("run").path
        let plan = try CLIRunner.run(["shard", "plan", "--sweep", sweepFile.path, "--shards", "2", "--out", folder])
        #expect(plan.status == 0, "\(plan.stderr)")
        #expect(plan.stderr.contains("2 grid points, 6 replications in all in 2 shards"))
        for index in ["0", "1"] {
            #expect(try CLIRunner.run(["shard", "run", folder, "--index", index, "--quiet"]).status == 0)
        }
        let merged = dir.appendingPathComponent("merged")
        let table = try CLIRunner.run(["shard", "merge", folder, "--out", merged.path, "--quiet"])
        #expect(table.status == 0, "\(table.stderr)")
        let lines = table.stdout.split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines.first?.hasPrefix("point  plan    trades.painting.crews  finish_p50") == true)
        let csv = try CLIRunner.run(["shard", "merge", folder, "--out", merged.path, "--quiet", "--format", "csv"])
        #expect(csv.stdout == (try String(contentsOf: merged.appendingPathComponent("summary.csv"), encoding: .utf8)))
        for file in ["points/001/result.json", "points/002/scenario.yaml", "sweep.sqlite"] {
            #expect(FileManager.default.fileExists(atPath: merged.appendingPathComponent(file).path), "\(file)")
        }

        let both = try CLIRunner.run(["shard", "plan", "Tests/Fixtures/minimal.yaml", "--sweep", sweepFile.path,
                                      "--shards", "1", "--out", dir.appendingPathComponent("x").path])
        #expect(both.status != 0)
        #expect(both.stderr.contains("give a scenario file or --sweep FILE"))
        try "scenario: a.yaml\nreplicatons: 3\n".write(to: sweepFile, atomically: true, encoding: .utf8)
        let typo = try CLIRunner.run(["shard", "plan", "--sweep", sweepFile.path, "--shards", "1",
                                      "--out", dir.appendingPathComponent("y").path])
        #expect(typo.status == 1)
        #expect(typo.stderr.contains("s.yaml:2:1: error: unknown key 'replicatons' — did you mean 'replications'?"))
    }
}
