import ArgumentParser
import Experiments
import Foundation
import Renovation
import Reports
import Sharding

/// `renosim shard`: a run or a sweep cut into shards that run anywhere —
/// a Slurm job array, several machines, one after another — and merge into
/// exactly what one process would have written.
struct ShardCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "shard",
        abstract: "Split a run or a sweep into shards, run them anywhere, merge them.",
        discussion: """
            Replications draw from streams keyed by (seed, replication), so shards are independent and \
            their merge is byte-identical to the run done in one process.
              renosim shard plan scenarios/benxi-2018.yaml --replications 1000 --shards 8 --out runs/bx
              renosim shard run runs/bx --index 3        # or as a Slurm array task: SLURM_ARRAY_TASK_ID
              renosim shard merge runs/bx --out results/bx
            A sweep file (docs/sweeps.md) expands scenarios × plans × a parameter grid the same way:
              renosim shard plan --sweep scenarios/sweeps/benxi-crews.yaml --shards 16 --out runs/sweep
            scripts/slurm/ has a job-array template.
            """,
        subcommands: [Plan.self, Run.self, Merge.self, Status.self]
    )

    static func open(_ folder: String) throws -> ShardFolder {
        do {
            return try ShardFolder.open(folder)
        } catch {
            throw CLIFailure(message: error.description, code: error.kind == .file ? 2 : 1)
        }
    }

    static func failure(_ error: ShardError) -> CLIFailure {
        CLIFailure(message: error.description, code: error.kind == .file ? 2 : 1)
    }

    struct Plan: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a folder describing the shards of a run or a sweep.")

        @Argument(help: "Scenario file (YAML); or give --sweep.") var scenario: String?
        @Option(help: "A sweep file (scenarios × plans × parameter grid) instead of one scenario.") var sweep: String?
        @Option(help: "Plan to run (default: the scenario's first plan).") var plan: String?
        @Option(help: "Replications (not with --sweep: the sweep file gives them).") var replications: Int?
        @Option(help: "Seed (default: the scenario's seed, else 1).") var seed: UInt64?
        @Option(help: "Number of shards (e.g. the Slurm array size).") var shards: Int
        @Option(help: "Folder to create; it must not hold a sharded run already.") var out: String

        func validate() throws {
            if (scenario == nil) == (sweep == nil) {
                throw ValidationError("give a scenario file or --sweep FILE (one of them)")
            }
            if sweep != nil && (plan != nil || replications != nil || seed != nil) {
                throw ValidationError("--plan, --replications and --seed come from the sweep file with --sweep")
            }
            if scenario != nil && replications == nil { throw ValidationError("--replications is required") }
            if let replications, !(1...10_000_000).contains(replications) {
                throw ValidationError("--replications must be between 1 and 10,000,000")
            }
            guard (1...100_000).contains(shards) else { throw ValidationError("--shards must be between 1 and 100,000") }
        }

        func run() throws {
            try reporting {
                let cwd = FileManager.default.currentDirectoryPath
                let manifest: ShardManifest
                let bytes: [[UInt8]]
                do {
                    if let sweep {
                        let spec: SweepSpec
                        do throws(SweepError) { spec = try SweepSpec.load(path: sweep) } catch {
                            throw CLIFailure(message: error.description, code: 1)
                        }
                        (manifest, bytes) = try ShardPlanner.sweep(spec, file: sweep, shards: shards, currentDirectory: cwd)
                    } else {
                        (manifest, bytes) = try ShardPlanner.run(scenario: scenario ?? "", plan: plan, seed: seed,
                                                                 replications: replications ?? 0, shards: shards,
                                                                 currentDirectory: cwd)
                    }
                    try ShardFolder.create(at: out, manifest: manifest, scenarioBytes: bytes,
                                           tables: ShardPlanner.inventoryCopies(manifest, currentDirectory: cwd))
                } catch let error as ShardError {
                    throw failure(error)
                }
                let what = manifest.kind == .run
                    ? "plan \(manifest.jobs[0].plan), \(manifest.totalReplications) replications"
                    : "\(manifest.jobs.count) grid points, \(manifest.totalReplications) replications in all"
                Terminal.note("planned \(manifest.name): \(what) in \(manifest.shards.count) shards → "
                              + ShardFolder.manifestPath(out))
                Terminal.note("next: renosim shard run \(out) --index I   (I = 0…\(manifest.shards.count - 1), "
                              + "or SLURM_ARRAY_TASK_ID); then renosim shard merge \(out)")
            }
        }
    }

    struct Run: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run one shard of a planned folder.",
            discussion: "Without --index, takes SLURM_ARRAY_TASK_ID. Threads default to SLURM_CPUS_PER_TASK, else all cores.")

        @Argument(help: "The folder `shard plan` wrote.") var folder: String
        @Option(help: "Shard to run (default: $SLURM_ARRAY_TASK_ID).") var index: Int?
        @Option(help: "Worker threads (default: $SLURM_CPUS_PER_TASK, else all cores).") var threads: Int?
        @Flag(help: "Run again even if the shard's file is there.") var force = false
        @Flag(help: "No progress bar on stderr.") var quiet = false

        func validate() throws {
            if let threads, threads < 1 { throw ValidationError("--threads must be at least 1") }
        }

        func run() throws {
            try reporting {
                let environment = ProcessInfo.processInfo.environment
                let shard: Int
                if let index {
                    shard = index
                } else if let text = environment["SLURM_ARRAY_TASK_ID"] {
                    guard let value = Int(text) else {
                        throw CLIFailure(message: "SLURM_ARRAY_TASK_ID is '\(text)'; expected a whole number", code: 1)
                    }
                    shard = value
                } else {
                    throw CLIFailure(message: "which shard? give --index I, or run as a Slurm array task "
                                     + "(SLURM_ARRAY_TASK_ID)", code: 1)
                }
                let folder = try ShardCommand.open(self.folder)
                guard folder.manifest.shards.indices.contains(shard) else {
                    throw CLIFailure(message: "shard \(shard) does not exist: \(self.folder) has shards "
                                     + "0…\(folder.manifest.shards.count - 1)", code: 1)
                }
                if !force && folder.isDone(shard) {
                    Terminal.note("shard \(shard) is already done (\(folder.shardPath(shard))); --force runs it again")
                    return
                }
                let slurmThreads = environment["SLURM_CPUS_PER_TASK"].flatMap(Int.init).flatMap { $0 >= 1 ? $0 : nil }
                let runner = ReplicationRunner(threads: threads ?? slurmThreads
                                               ?? ProcessInfo.processInfo.activeProcessorCount)
                let stop = StopSignal.install()
                let bar = ProgressBar(label: "shard \(shard)", total: folder.replications(inShard: shard), quiet: quiet)
                let written: String?
                do throws(ShardError) {
                    written = try folder.run(index: shard, runner: runner, progress: bar.update,
                                             stop: { stop.requested })
                } catch {
                    throw failure(error)
                }
                bar.finish()
                guard let written else {
                    Terminal.error("shard \(shard) interrupted by \(stop.name); nothing was written — run it again")
                    throw ExitCode(stop.exitCode)
                }
                Terminal.note("wrote \(written)")
            }
        }
    }

    struct Merge: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Merge the shards of a folder into its results.",
            discussion: """
                A run: result.json, replications.csv, communities.csv, buildings.csv and schedule.csv, byte-identical \
                to `renosim run` with the same scenario, plan, seed and replications. A sweep: those files \
                per grid point in points/<n>/, summary.csv and sweep.sqlite (docs/sweeps.md).
                """)

        @Argument(help: "The folder `shard plan` wrote.") var folder: String
        @Option(help: "Where to write the results (default: FOLDER/merged).") var out: String?
        @Option(help: ArgumentHelp(OutputFormat.help)) var format: OutputFormat = .table
        @Flag(help: "No progress on stderr.") var quiet = false

        func run() throws {
            try reporting {
                let folder = try ShardCommand.open(self.folder)
                let target = out ?? (self.folder as NSString).appendingPathComponent("merged")
                let total = folder.manifest.jobs.count
                let bar = ProgressBar(label: "merge", total: total, quiet: quiet || folder.manifest.kind == .run)
                let merged: ShardOutput.Merged
                do throws(ShardError) {
                    merged = try ShardOutput.merge(folder, into: target,
                                                   currentDirectory: FileManager.default.currentDirectoryPath,
                                                   progress: bar.update)
                } catch {
                    throw failure(error)
                }
                bar.finish()
                if let document = merged.document, let summary = document.summary {
                    try format.emit(
                        table: { SummaryText.render(summary) },
                        json: { String(decoding: try ResultJSON.encode(document), as: UTF8.self) },
                        csv: { try String(contentsOfFile: (target as NSString).appendingPathComponent("replications.csv"),
                                          encoding: .utf8) })
                } else if let table = merged.summary {
                    try format.emit(
                        table: { Self.render(table) },
                        json: { try RunOutput.json(table.rows.map { Dictionary(uniqueKeysWithValues: zip(table.header, $0)) }) },
                        csv: { table.text })
                }
                Terminal.note("merged \(folder.manifest.shards.count) shards into \(target) (\(merged.files.count) files)")
            }
        }

        /// The sweep's summary for the terminal: point, plan, grid values, P50, P90, P(deadline).
        static func render(_ csv: CSVTable) -> String {
            let keep = ["point", "plan"] + csv.header.filter { !["point", "scenario", "plan"].contains($0) }
                .prefix { $0 != "replications" } + ["finish_p50", "finish_p90", "p_deadline", "unfinished_replications"]
            let columns = keep.compactMap { csv.header.firstIndex(of: $0) }
            var table = TextTable(header: columns.map { csv.header[$0] },
                                  rightAligned: columns.map { !["point", "plan"].contains(csv.header[$0]) })
            for row in csv.rows {
                table.append(columns.map { i in
                    csv.header[i] == "p_deadline" ? (Double(row[i]).map { String(format: "%.1f %%", $0 * 100) } ?? "") : row[i]
                })
            }
            return table.render()
        }
    }

    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show which shards of a folder are done.")

        @Argument(help: "The folder `shard plan` wrote.") var folder: String

        func run() throws {
            try reporting {
                let folder = try ShardCommand.open(self.folder)
                // isDone reads the shard's file: once per shard.
                let missing = folder.manifest.shards.indices.filter { !folder.isDone($0) }
                let done = folder.manifest.shards.count - missing.count
                print("\(folder.manifest.name): \(done) of \(folder.manifest.shards.count) shards done")
                if !missing.isEmpty { print("to run: " + missing.map(String.init).joined(separator: " ")) }
                if !missing.isEmpty { throw ExitCode(3) }
            }
        }
    }
}
