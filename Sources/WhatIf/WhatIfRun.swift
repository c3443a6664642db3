import Dispatch
import Experiments
import Foundation
import Renovation
import Reports
import Synchronization

/// One run a page asked for: one or two edited variants of one scenario,
/// on the same seed and replication numbers (common random numbers), run
/// on a worker thread. Its id is random, so a client reaches only the runs
/// it started (or was given the id of).
///
/// States: `running` → `done` | `cancelled` | `stopped` (time limit) | `failed`.
public final class WhatIfRun: Sendable {
    public enum State: String, Codable, Sendable {
        case running, done, cancelled, stopped, failed
    }

    /// One variant ready to run.
    struct Variant: Sendable {
        let label: String
        let edited: ScenarioEditor.Edited
        let file: String
    }

    public let id: String
    let variants: [Variant]
    let seed: UInt64
    let replications: Int
    /// The server's folder for this run's files (made by the server, named by the id).
    let folder: String
    private let done = Atomic<Int>(0)
    private let cancelled = Atomic<Bool>(false)
    private let outcome = Mutex<Outcome>(Outcome())

    struct Outcome: Sendable {
        var state = State.running
        var message: String?
        var result: RunResult?
        var finished: Date?
    }

    init(id: String, variants: [Variant], seed: UInt64, replications: Int, folder: String) {
        self.id = id
        self.variants = variants
        self.seed = seed
        self.replications = replications
        self.folder = folder
    }

    public var total: Int { variants.count * replications }
    public var isRunning: Bool { outcome.withLock { $0.state == .running } }
    var finishedAt: Date? { outcome.withLock { $0.finished } }

    public func cancel() { cancelled.store(true, ordering: .relaxed) }

    public var status: RunStatus {
        let o = outcome.withLock { $0 }
        return RunStatus(id: id, state: o.state, done: done.load(ordering: .relaxed), total: total, message: o.message,
                         result: o.result)
    }

    /// Runs the variants one after the other, then summarises and writes their files. Blocks.
    func execute(limits: WhatIfLimits, workingFolder: String) {
        let started = Date()
        let timeLimit = limits.timeLimitSeconds
        let stop: @Sendable () -> Bool = {
            self.cancelled.load(ordering: .relaxed) || Date().timeIntervalSince(started) > timeLimit
        }
        var results: [[ReplicationResult]] = []
        for variant in variants {
            let got = replicate(variant.edited.model, threads: limits.threads, stop: stop)
            guard got.count == replications else {
                let finished = done.load(ordering: .relaxed)
                if cancelled.load(ordering: .relaxed) {
                    finish(.cancelled, "cancelled after \(finished) of \(total) replications")
                } else {
                    finish(.stopped, "stopped at the time limit of \(Self.seconds(timeLimit)) after \(finished) of \(total) "
                           + "replications; run fewer replications, or start the server with a longer --time-limit")
                }
                return
            }
            results.append(got)
        }
        do {
            let result = try summarise(results, workingFolder: workingFolder)
            outcome.withLock {
                $0.state = .done
                $0.result = result
                $0.finished = Date()
            }
        } catch {
            finish(.failed, "the run finished but its files could not be written: \(error)")
        }
    }

    /// Replications 0..<`replications` of `model`, split into `threads` contiguous ranges, each run by a
    /// one-thread ``ReplicationRunner`` on a thread of its own and joined in order: the same results as one
    /// runner over the whole range (each replication depends only on its number). Not Dispatch's workers:
    /// on Linux they also run the server's async tasks, and a run that held them all would starve the
    /// requests that poll or cancel it. Fewer results than asked for when `stop` ended it early.
    private func replicate(_ model: CompiledPlan, threads: Int, stop: @escaping @Sendable () -> Bool) -> [ReplicationResult] {
        let count = max(1, min(threads, replications))
        let parts = Parts(count)
        let group = DispatchGroup()
        for part in 0..<count {
            let range = replications * part / count..<replications * (part + 1) / count
            group.enter()
            let thread = Thread {
                let results = ReplicationRunner(threads: 1).run(
                    model: model, seed: self.seed, replications: range,
                    progress: { _ in self.done.wrappingAdd(1, ordering: .relaxed) }, stop: stop)
                parts.results.withLock { $0[part] = results.count == range.count ? results : nil }
                group.leave()
            }
            thread.name = "renosim run \(id) part \(part)"
            thread.start()
        }
        group.wait()
        return parts.results.withLock { list in list.allSatisfy { $0 != nil } ? list.flatMap { $0! } : [] }
    }

    private final class Parts: Sendable {
        let results: Mutex<[[ReplicationResult]?]>
        init(_ count: Int) { results = Mutex(Array(repeating: nil, count: count)) }
    }

    private func finish(_ state: State, _ message: String) {
        outcome.withLock {
            $0.state = state
            $0.message = message
            $0.finished = Date()
        }
    }

    static func seconds(_ value: Double) -> String {
        value == value.rounded() ? "\(Int(value)) s" : String(format: "%.3g s", value)
    }

    // MARK: - Results

    /// The same documents and files as `renosim run --out` (and, for two variants, `renosim compare`).
    private func summarise(_ results: [[ReplicationResult]], workingFolder: String) throws -> RunResult {
        var summaries: [VariantResult] = []
        for (i, (variant, runResults)) in zip(variants, results).enumerated() {
            let model = variant.edited.model
            let loaded = variant.edited.loaded
            let summary = PlanSummary(model: model, seed: seed, results: runResults)
            let document = ResultDocument(
                model: model, seed: seed, results: runResults,
                scenario: .init(name: loaded.scenario.name, file: ScenarioPath.relative(loaded.file, to: workingFolder),
                                sha256: loaded.sha256),
                toolVersion: ToolVersion.current, summary: summary)
            let out = Self.variantFolder(folder, i)
            try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
            var files = try RunOutput.write(document: document, results: runResults, model: model, to: out)
                .map { ($0 as NSString).lastPathComponent }
            try AtomicFile.write(String(decoding: variant.edited.bytes, as: UTF8.self),
                                 to: (out as NSString).appendingPathComponent("scenario.yaml"))
            files.append("scenario.yaml")
            let report = HTMLReport.render(document, communities: CommunityFinish.of(runResults, model: model))
            try AtomicFile.write(report, to: (out as NSString).appendingPathComponent("report.html"))
            summaries.append(VariantResult(label: variant.label, summary: summary, sha256: loaded.sha256, files: files))
        }
        var comparison: ComparisonResult?
        if variants.count > 1 {
            let compared = PlanComparison(models: variants.map(\.edited.model), results: results, seed: seed)
            try AtomicFile.write(try RunOutput.json(compared), to: (folder as NSString).appendingPathComponent("comparison.json"))
            let finishDays = results.map { $0.map { $0.finished ? $0.finishDays : .infinity } }
            try AtomicFile.write(ExperimentReport.render(compared, finishDays: finishDays),
                                 to: (folder as NSString).appendingPathComponent("comparison.html"))
            comparison = ComparisonResult(compared)
        }
        return RunResult(variants: summaries, comparison: comparison)
    }

    static func variantFolder(_ folder: String, _ index: Int) -> String {
        (folder as NSString).appendingPathComponent("variant-\(index)")
    }
}
