import Renovation

/// Several plans of one scenario run on the same replication numbers, and
/// each compared with the first (the baseline) metric by metric.
///
/// Replication r of every plan draws the same work content, inspection
/// outcomes and weather (streams are keyed by seed, replication and what a
/// draw belongs to, never by the plan), so the differences are paired: the
/// noise both plans share cancels, and the paired interval is narrower than
/// an independent one on the same number of replications.
///
///     let comparison = try PlanComparison.run(scenario: loaded.valid, plans: ["five-year", "three-year"],
///                                             seed: 1, replications: 100, threads: 4)
///     comparison.pairs[0].differences[0]   // finish_days: three-year − five-year
public struct PlanComparison: Codable, Sendable, Equatable {
    /// The layout of `comparison.json` and `compare --format json`; raised when a field changes meaning.
    public static let currentSchemaVersion = 1
    public var schemaVersion = currentSchemaVersion
    public var scenario: String
    public var seed: UInt64
    public var replications: Int
    /// The first plan, which every other is compared with.
    public var baseline: String
    /// Every plan's own summary, in the order given.
    public var plans: [PlanSummary]
    /// One per plan after the first.
    public var pairs: [PlanPair]

    /// Compares already-run plans; `results[i]` are the replications of
    /// `models[i]`, all on the same replication numbers.
    public init(models: [CompiledPlan], results: [[ReplicationResult]], seed: UInt64) {
        scenario = models.first?.scenarioName ?? ""
        self.seed = seed
        replications = results.first?.count ?? 0
        let baseline = models.first?.planName ?? ""
        self.baseline = baseline
        plans = zip(models, results).map { PlanSummary(model: $0, seed: seed, results: $1) }
        let base = results.first ?? []
        let baseModel = models.first
        // Milestones are the scenario's, so every plan has the same ones under the same names.
        let compared = ComparisonMetric.allCases + (baseModel.map(ComparisonMetric.milestones) ?? [])
        pairs = zip(models, results).dropFirst().map { model, other in
            PlanPair(baseline: baseline, plan: model.planName, differences: compared.map { metric in
                PairedDifference(metric: metric.name, baseline: base.map { metric.value($0, plan: baseModel ?? model) },
                                 plan: other.map { metric.value($0, plan: model) })
            })
        }
    }

    /// Compiles each named plan of `scenario` (at least one) and compares
    /// them; a name the scenario does not have is the validator's issue.
    public static func run(scenario: ValidScenario, plans: [String], seed: UInt64, replications: Int,
                           threads: Int) throws(ScenarioError) -> PlanComparison {
        guard !plans.isEmpty else {
            throw ScenarioError([ScenarioIssue(keyPath: "plans", message: "no plan to compare", expected: "at least one plan name")])
        }
        var models: [CompiledPlan] = []
        for name in plans { models.append(try CompiledPlan(scenario: scenario, plan: name)) }
        return run(models: models, seed: seed, replications: replications, threads: threads)
    }

    /// Runs replications 0..<`replications` of every model and compares
    /// them. `progress` gets the replications finished over all plans (of
    /// models.count × replications), from any thread.
    public static func run(models: [CompiledPlan], seed: UInt64, replications: Int, threads: Int,
                           progress: (@Sendable (Int) -> Void)? = nil) -> PlanComparison {
        PlanComparison(models: models, results: replicate(models: models, seed: seed, replications: replications,
                                                          threads: threads, progress: progress), seed: seed)
    }

    /// The replications 0..<`replications` of every model, as ``run(models:seed:replications:threads:progress:)``
    /// compares them: for callers that also need the per-replication results (e.g. to draw S-curves).
    public static func replicate(models: [CompiledPlan], seed: UInt64, replications: Int, threads: Int,
                                 progress: (@Sendable (Int) -> Void)? = nil) -> [[ReplicationResult]] {
        let runner = ReplicationRunner(threads: threads)
        let count = max(0, replications)
        return models.enumerated().map { i, model in
            runner.run(model: model, seed: seed, replications: 0..<count) { progress?(i * count + $0) }
        }
    }

    /// Adds replications to every plan in the same deterministic batches as
    /// ``SequentialRunner`` until each plan's paired 95 % interval for the
    /// finish-days difference from the baseline has a half-width of at most
    /// `halfWidthDays`, or `maxReplications` is reached. The result equals
    /// the plain comparison with that many replications. `progress` gets the
    /// replications finished over all plans.
    public static func run(models: [CompiledPlan], seed: UInt64, initial: Int, halfWidthDays target: Double,
                           maxReplications: Int, threads: Int,
                           progress: (@Sendable (Int) -> Void)? = nil) -> SequentialComparison {
        let runner = ReplicationRunner(threads: threads)
        let limit = max(2, maxReplications)
        var results = [[ReplicationResult]](repeating: [], count: models.count)
        var next = min(limit, max(2, initial))
        while true {
            let done = results.first?.count ?? 0
            for (i, model) in models.enumerated() {
                let before = i * (next - done) + models.count * done
                results[i] += runner.run(model: model, seed: seed, replications: done..<next) { progress?(before + $0) }
            }
            let comparison = PlanComparison(models: models, results: results, seed: seed)
            let halfWidth = comparison.pairs.compactMap { $0.difference(.finishDays)?.pairedHalfWidth }.max() ?? 0
            let count = results.first?.count ?? 0
            if halfWidth <= target || count >= limit {
                return SequentialComparison(comparison: comparison, reached: halfWidth <= target, halfWidthDays: halfWidth,
                                            results: results)
            }
            next = min(limit, count + SequentialRunner.batchSize(count: count, halfWidth: halfWidth, target: target))
        }
    }
}

/// A comparison run until its finish-days differences were precise enough.
public struct SequentialComparison: Sendable {
    public var comparison: PlanComparison
    /// Whether every pair reached the half-width target (else the replication limit stopped it).
    public var reached: Bool
    /// The widest pair's paired finish-days half-width at the end.
    public var halfWidthDays: Double
    /// Every plan's replications, in the order of the models.
    public var results: [[ReplicationResult]] = []
}

/// One plan against the baseline.
public struct PlanPair: Codable, Sendable, Equatable {
    public var baseline: String
    public var plan: String
    /// One per ``ComparisonMetric``, in its order.
    public var differences: [PairedDifference]

    /// The difference for `metric`, if compared.
    public func difference(_ metric: ComparisonMetric) -> PairedDifference? {
        differences.first { $0.metric == metric.name }
    }
}
