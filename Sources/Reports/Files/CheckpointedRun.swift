import Experiments
import Foundation
import Renovation

/// A long run that saves its replications in a ``Checkpoint`` as it goes
/// and can resume: the orchestration behind `renosim run --out`, as a
/// library type that tests drive without a process.
///
///     let run = CheckpointedRun(model: plan, seed: 42, replications: 1_000, out: "out/", scenarioSHA256: sha)
///     switch try run.run(resume: false, runner: ReplicationRunner(threads: 2)) {
///     case .finished(let results, let checkpoint, let saved): …   // write the files, then checkpoint.remove()
///     case .interrupted(let saved): …                     // `saved` replications are in run.folder
///     }
public struct CheckpointedRun: Sendable {
    public enum Outcome: Sendable {
        /// Every replication, in order, and the checkpoint that holds the
        /// first `saved` of them: the rest were never saved, since the files
        /// that follow hold them all. If those files cannot be written, save
        /// the rest (`checkpoint.append(results[saved...])`) so that
        /// `--resume` can write them without simulating again.
        case finished([ReplicationResult], Checkpoint, saved: Int)
        /// Stopped early; this many replications are saved.
        case interrupted(saved: Int)
    }

    public let model: CompiledPlan
    public let seed: UInt64
    public let replications: Int
    /// The checkpoint folder under the output folder.
    public let folder: String
    public let manifest: Checkpoint.Manifest

    public init(model: CompiledPlan, seed: UInt64, replications: Int, out: String, scenarioSHA256: String,
                toolVersion: String = ToolVersion.current) {
        self.model = model
        self.seed = seed
        self.replications = replications
        folder = Checkpoint.folder(for: out)
        manifest = Checkpoint.Manifest(toolVersion: toolVersion, scenarioSHA256: scenarioSHA256,
                                       plan: model.planName, seed: seed, replications: replications)
    }

    /// Starts afresh, or with `resume` reopens the checkpoint (every chunk
    /// checked as a result file is: its checksum, its shape against the
    /// plan, its values' ranges), then runs the missing replications in
    /// parts until all are done or `stop` says so.
    ///
    /// Saving is by time, not by count: finished replications are saved
    /// once `saveEvery` seconds have passed since the last save — and at
    /// least ten times as long as that save took, so that saving never
    /// costs more than about a tenth of the run — and all of them when
    /// `stop` interrupts the run. A kill that gives no chance to save
    /// (SIGKILL, a power cut) so loses only the work since the last save,
    /// and a short run pays nothing for its checkpoint: the replications of
    /// the last stretch go straight into the result files instead (see
    /// ``Outcome/finished(_:_:saved:)``). `0` saves every part.
    ///
    /// - Parameters:
    ///   - resumed: told how many replications the checkpoint already held.
    ///   - progress: replications done so far, saved or not.
    public func run(resume: Bool, runner: ReplicationRunner, saveEvery: Double = 30, resumed: (Int) -> Void = { _ in },
                    progress: @escaping @Sendable (Int) -> Void = { _ in },
                    stop: @escaping @Sendable () -> Bool = { false }) throws(Checkpoint.CheckpointError) -> Outcome {
        var checkpoint: Checkpoint
        var results: [ReplicationResult] = []
        if resume {
            let names = ResultDocument.names(model, years: model.budgetPerYear.count)
            let model = self.model
            (checkpoint, results) = try Checkpoint.resume(in: folder, manifest: manifest) { part, first in
                // The same checks as a result file's, so that a resumed run never writes one `report` refuses.
                if let bad = part.first(where: { !$0.fits(model) }) {
                    return "replication \(bad.replication) does not fit the scenario"
                }
                do throws(ResultDocumentError) {
                    try ResultDocument.validate(part.map { ReplicationRecord($0, plan: model) }, first: first, names: names)
                } catch {
                    return error.description
                }
                return nil
            }
            resumed(results.count)
        } else {
            checkpoint = try Checkpoint.start(in: folder, manifest: manifest)
        }
        let chunk = max(runner.threads * 8, 50)
        var saved = results.count
        let clock = ContinuousClock()
        var lastSave = clock.now
        var spacing = Duration.seconds(saveEvery)
        func save() throws(Checkpoint.CheckpointError) {
            let began = clock.now
            try checkpoint.append(Array(results[saved...]))
            saved = results.count
            lastSave = clock.now
            if saveEvery > 0 { spacing = max(.seconds(saveEvery), (lastSave - began) * 10) }
        }
        while results.count < replications && !stop() {
            let done = results.count
            let part = runner.run(model: model, seed: seed, replications: done..<min(replications, done + chunk),
                                  progress: { progress(done + $0) }, stop: stop)
            results += part
            if results.count < replications && clock.now - lastSave >= spacing { try save() }
        }
        guard results.count == replications else {
            try save()
            return .interrupted(saved: saved)
        }
        return .finished(results, checkpoint, saved: saved)
    }
}
