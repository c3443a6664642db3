import DiscreteEvent
import Renovation
import Stochastic

/// What moves a plan's finish date: a tornado of one-at-a-time input
/// changes, and which trades and work types decide the end.
///
/// Every setting runs the same seed and replication numbers as the plan as
/// written (common random numbers), so a swing is the input's effect, not
/// fresh noise: an input that does not touch the finish gives a swing of
/// exactly 0.
///
///     let report = try SensitivityReport.run(scenario: loaded.valid, plan: "three-year", seed: 1,
///                                            replications: 50, threads: 4)
///     report.tornado[0]        // the input with the largest swing
public struct SensitivityReport: Codable, Sendable, Equatable {
    /// The layout of `sensitivity.json` and `sensitivity --format json`; raised when a field changes meaning.
    public static let currentSchemaVersion = 1
    public var schemaVersion = currentSchemaVersion
    public var scenario: String
    public var plan: String
    public var seed: UInt64
    public var replications: Int
    public var start: CivilDate
    public var deadline: CivilDate
    /// The median finish of the plan as written.
    public var baselineP50Days: Double
    public var baselineP50Date: CivilDate
    /// One bar per input, largest swing first (file order on ties).
    public var tornado: [TornadoBar]
    /// From the replications of the plan as written.
    public var criticality: Criticality

    /// Runs the plan as written and at both settings of every input
    /// (``SensitivityInput/all(in:)`` unless given), replications
    /// 0..<`replications` each. `progress` gets the replications finished
    /// over all settings (of (1 + 2 × inputs) × replications), from any thread.
    /// A setting that breaks a scenario rule is refused with the validator's
    /// issues, each led by the setting.
    public static func run(scenario: ValidScenario, plan: String?, seed: UInt64, replications: Int, threads: Int,
                           inputs: [SensitivityInput]? = nil,
                           progress: (@Sendable (Int) -> Void)? = nil) throws(ScenarioError) -> SensitivityReport {
        let model = try CompiledPlan(scenario: scenario, plan: plan)
        let results = ReplicationRunner(threads: threads).run(model: model, seed: seed,
                                                              replications: 0..<max(0, replications), progress: progress)
        let done = results.count
        var settingsProgress: (@Sendable (Int) -> Void)?
        if let progress { settingsProgress = { progress(done + $0) } }
        return try run(scenario: scenario, model: model, results: results, seed: seed, threads: threads,
                       inputs: inputs, progress: settingsProgress)
    }

    /// The same with the plan as written already run (`results`, e.g. to a
    /// precision): every setting runs the same replication numbers.
    /// `progress` gets the replications finished over the settings (of 2 × inputs × results.count).
    public static func run(scenario: ValidScenario, model: CompiledPlan, results: [ReplicationResult], seed: UInt64,
                           threads: Int, inputs: [SensitivityInput]? = nil,
                           progress: (@Sendable (Int) -> Void)? = nil) throws(ScenarioError) -> SensitivityReport {
        let inputs = inputs ?? SensitivityInput.all(in: scenario.scenario)
        let runner = ReplicationRunner(threads: threads)
        let first = results.first?.replication ?? 0
        let range = first..<first + results.count
        func medianDays(_ results: [ReplicationResult]) -> Double {
            SampleSummary(results.map(\.finishDays)).quantile(0.5)
        }
        func date(_ days: Double) -> CivilDate { model.start.adding(fractionalDays: days.isFinite ? days : 0) }
        var bars: [TornadoBar] = []
        var settingsRun = 0
        for input in inputs {
            var p50: [Double] = [], values: [String] = []
            for side in [SensitivityInput.Side.low, .high] {
                let (changed, value) = input.setting(side, of: scenario.scenario)
                let valid = try ScenarioValidator.validated(
                    changed, change: "sensitivity: \(input.keyPath) at its \(side == .low ? "low" : "high") setting (\(value))")
                let changedModel = try CompiledPlan(scenario: valid, plan: model.planName)
                let before = settingsRun * range.count
                p50.append(medianDays(runner.run(model: changedModel, seed: seed, replications: range) {
                    progress?(before + $0)
                }))
                values.append(value)
                settingsRun += 1
            }
            bars.append(TornadoBar(input: input.keyPath, label: input.label, lowFactor: input.lowFactor,
                                   highFactor: input.highFactor, lowSetting: values[0], highSetting: values[1],
                                   lowP50Days: p50[0], highP50Days: p50[1], lowP50Date: date(p50[0]),
                                   highP50Date: date(p50[1]), swing: abs(p50[1] - p50[0])))
        }
        let baseline = medianDays(results)
        return SensitivityReport(
            scenario: model.scenarioName, plan: model.planName, seed: seed, replications: range.count,
            start: model.start, deadline: model.deadline, baselineP50Days: baseline, baselineP50Date: date(baseline),
            tornado: TornadoBar.sorted(bars), criticality: Criticality(model: model, results: results))
    }
}

/// One input's bar in the tornado: the plan's median finish at the input's
/// low and high settings.
public struct TornadoBar: Codable, Sendable, Equatable {
    /// Key path in the scenario file.
    public var input: String
    public var label: String
    public var lowFactor: Double
    public var highFactor: Double
    /// The input at each setting: the scaled distribution, or the new value.
    public var lowSetting: String
    public var highSetting: String
    public var lowP50Days: Double
    public var highP50Days: Double
    public var lowP50Date: CivilDate
    public var highP50Date: CivilDate
    /// |high − low| of the median finish, days.
    public var swing: Double

    /// Largest swing first; equal swings keep their order (a NaN swing sorts last).
    static func sorted(_ bars: [TornadoBar]) -> [TornadoBar] {
        func key(_ bar: TornadoBar) -> Double { bar.swing.isNaN ? -.infinity : bar.swing }
        return bars.indices.sorted { i, j in
            key(bars[i]) != key(bars[j]) ? key(bars[i]) > key(bars[j]) : i < j
        }.map { bars[$0] }
    }
}
