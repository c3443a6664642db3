import Foundation
import Synchronization

/// The runs of one server, by id. Runs go on threads of their own (not the
/// server's event loops or task pool), at most ``WhatIfLimits/maxActiveRuns`` at once;
/// finished runs are kept, with their files, up to ``WhatIfLimits/keptRuns``.
final class RunStore: Sendable {
    enum Refusal: Error {
        case busy(Int)
    }

    let limits: WhatIfLimits
    /// The server's own folder for run files; nothing from a request names a path in it but a run id it made.
    let folder: String
    let workingFolder: String
    private let runs = Mutex<[(id: String, run: WhatIfRun)]>([])

    init(limits: WhatIfLimits, folder: String, workingFolder: String) {
        self.limits = limits
        self.folder = folder
        self.workingFolder = workingFolder
    }

    func run(_ id: String) -> WhatIfRun? {
        runs.withLock { list in list.first { $0.id == id }?.run }
    }

    /// Starts a run of `variants`, or refuses when too many are under way.
    func start(variants: [WhatIfRun.Variant], seed: UInt64, replications: Int) throws(Refusal) -> WhatIfRun {
        let id = UUID().uuidString.lowercased()
        let run = WhatIfRun(id: id, variants: variants, seed: seed, replications: replications,
                            folder: (folder as NSString).appendingPathComponent(id))
        let limits = limits
        let workingFolder = workingFolder
        let dropped: [WhatIfRun] = try runs.withLock { (list) throws(Refusal) -> [WhatIfRun] in
            let active = list.filter { $0.run.isRunning }.count
            guard active < limits.maxActiveRuns else { throw .busy(active) }
            list.append((id, run))
            var dropped: [WhatIfRun] = []
            while list.count > limits.keptRuns, let oldest = list.firstIndex(where: { !$0.run.isRunning }) {
                dropped.append(list.remove(at: oldest).run)
            }
            return dropped
        }
        for old in dropped { try? FileManager.default.removeItem(atPath: old.folder) }
        // A thread of its own, not a Dispatch worker (see WhatIfRun.replicate).
        let thread = Thread { run.execute(limits: limits, workingFolder: workingFolder) }
        thread.name = "renosim run \(id)"
        thread.start()
        return run
    }

    /// Stops every run (no new replication starts); for shutdown.
    func cancelAll() {
        for run in runs.withLock({ $0.map(\.run) }) { run.cancel() }
    }
}
