import Experiments
import Renovation

/// What `GET /api/runs/ID` answers: progress while a run goes, its numbers once done.
public struct RunStatus: Codable, Sendable {
    public var id: String
    public var state: WhatIfRun.State
    public var done: Int
    public var total: Int
    public var message: String?
    public var result: RunResult?
}

public struct RunResult: Codable, Sendable {
    public var variants: [VariantResult]
    /// Variant B against A, paired on the same replications; nil for one variant.
    public var comparison: ComparisonResult?
}

/// The key numbers of one variant, from its ``PlanSummary`` (the numbers `renosim run` prints).
public struct VariantResult: Codable, Sendable {
    public struct Proportion: Codable, Sendable {
        public var estimate: Double
        public var lower: Double
        public var upper: Double
        public var successes: Int
        public var trials: Int
    }

    public var label: String
    public var plan: String
    public var seed: UInt64
    public var replications: Int
    public var deadline: String
    public var deadlineMet: Proportion
    /// Finish dates at P50, P80, P90 (nil when that quantile is not finite: unfinished replications).
    public var finishP50: String?
    public var finishP80: String?
    public var finishP90: String?
    public var finishMeanDays: Double
    public var unfinished: Int
    /// SHA-256 of the edited scenario's bytes (the file's own when nothing was edited).
    public var sha256: String
    /// Files to download, as `renosim run --out` names them, plus `scenario.yaml`.
    public var files: [String]

    enum CodingKeys: String, CodingKey {
        case label, plan, seed, replications, deadline, deadlineMet = "deadline_met"
        case finishP50 = "finish_p50", finishP80 = "finish_p80", finishP90 = "finish_p90"
        case finishMeanDays = "finish_mean_days", unfinished, sha256, files
    }

    init(label: String, summary: PlanSummary, sha256: String, files: [String]) {
        self.label = label
        plan = summary.plan
        seed = summary.seed
        replications = summary.replications
        deadline = summary.deadline.description
        let met = summary.deadlineMet
        deadlineMet = Proportion(estimate: met.estimate, lower: met.lower, upper: met.upper,
                                 successes: met.successes, trials: met.trials)
        let finish = summary.finishDays
        func date(_ days: Double) -> String? { days.isFinite ? summary.date(days: days).description : nil }
        finishP50 = date(finish.p50)
        finishP80 = date(finish.p80)
        finishP90 = date(finish.p90)
        finishMeanDays = finish.mean
        unfinished = summary.unfinished
        self.sha256 = sha256
        self.files = files
    }
}

/// B − A for every compared metric, with paired 95 % intervals (``PlanComparison``).
public struct ComparisonResult: Codable, Sendable {
    public var replications: Int
    public var differences: [PairedDifference]

    init(_ comparison: PlanComparison) {
        replications = comparison.replications
        differences = comparison.pairs.first?.differences ?? []
    }
}
