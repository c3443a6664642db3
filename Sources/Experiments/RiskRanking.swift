import Renovation
import Stochastic

/// The risks of a register ranked by what each does to the date a client
/// cares about: the plan is run as written and once with each risk switched
/// off, all on the same replication numbers (common random numbers: every
/// other risk, the work content and the weather draw the same), and each
/// risk's effect is the shift it causes — with it minus without it — in
/// the P50 and P80 finish and in P(deadline met).
///
///     let ranking = RiskRanking.run(model: model, seed: 1, replications: 200, threads: 2)
///     ranking.risks[0].p80Shift.estimate   // days the riskiest risk adds to the P80 finish
///
/// The intervals are 95 % paired bootstrap percentiles: replications are
/// resampled together in both runs, so the shared noise cancels.
public struct RiskRanking: Codable, Sendable, Equatable {
    public var scenario: String
    public var plan: String
    public var seed: UInt64
    public var replications: Int
    /// Finish with every risk, days from the start.
    public var p50Days: Double
    public var p80Days: Double
    public var deadlineProbability: Double
    /// Largest P80 shift first (then P50 shift, then name).
    public var risks: [RiskEffect]

    /// Bootstrap resamples per interval.
    public static let resamples = 1000

    public init(model: CompiledPlan, seed: UInt64, with all: [ReplicationResult], without: [[ReplicationResult]]) {
        scenario = model.scenarioName
        plan = model.planName
        self.seed = seed
        replications = all.count
        let finish = all.map(\.finishDays)
        p50Days = SampleSummary(finish).quantile(0.5)
        p80Days = SampleSummary(finish).quantile(0.8)
        deadlineProbability = all.isEmpty ? .nan : Double(all.filter(\.deadlineMet).count) / Double(all.count)
        risks = model.risks.risks.indices.map { r in
            RiskEffect(model: model, risk: r, seed: seed, with: all, without: r < without.count ? without[r] : [])
        }
        risks.sort { ($1.p80Shift.estimate, $1.p50Shift.estimate, $0.name) < ($0.p80Shift.estimate, $0.p50Shift.estimate, $1.name) }
    }

    /// Runs replications 0..<`replications` of `model` as written and with each risk off.
    /// `progress` gets the replications finished over all (1 + risks) runs.
    public static func run(model: CompiledPlan, seed: UInt64, replications: Int, threads: Int,
                           progress: (@Sendable (Int) -> Void)? = nil) -> RiskRanking {
        let runner = ReplicationRunner(threads: threads)
        let all = runner.run(model: model, seed: seed, replications: 0..<max(0, replications)) { progress?($0) }
        return run(model: model, seed: seed, with: all, threads: threads) { progress?(all.count + $0) }
    }

    /// Ranks the risks given the replications `all` of the plan as written
    /// (replications 0..<all.count): reruns those with each risk off.
    /// `progress` gets the replications finished over the risks' runs.
    public static func run(model: CompiledPlan, seed: UInt64, with all: [ReplicationResult], threads: Int,
                           progress: (@Sendable (Int) -> Void)? = nil) -> RiskRanking {
        let runner = ReplicationRunner(threads: threads)
        let count = all.count
        let without = model.risks.risks.indices.map { r in
            runner.run(model: model.withRisk(off: r), seed: seed, replications: 0..<count) { progress?(r * count + $0) }
        }
        return RiskRanking(model: model, seed: seed, with: all, without: without)
    }
}

/// One risk: how often it occurred against what was declared, what it
/// cost when it did (its ``RiskFrequency``, read through: `effect.name`),
/// and how far it moves the finish.
@dynamicMemberLookup
public struct RiskEffect: Codable, Sendable, Equatable {
    public var frequency: RiskFrequency
    /// With the risk minus without it: P50 and P80 finish in days, P(deadline met).
    public var p50Shift: Shift
    public var p80Shift: Shift
    public var deadlineShift: Shift

    public subscript<T>(dynamicMember keyPath: KeyPath<RiskFrequency, T>) -> T { frequency[keyPath: keyPath] }

    init(model: CompiledPlan, risk r: Int, seed: UInt64, with all: [ReplicationResult], without: [ReplicationResult]) {
        frequency = RiskFrequency(model: model, risk: r, results: all)
        let n = min(all.count, without.count)
        let a = all.prefix(n).map(\.finishDays), b = without.prefix(n).map(\.finishDays)
        let metA = all.prefix(n).map { $0.deadlineMet ? 1.0 : 0 }, metB = without.prefix(n).map { $0.deadlineMet ? 1.0 : 0 }
        let stream = RandomStream(key: StreamKey(seed: seed, replication: .max, entity: UInt64(r),
                                                 purpose: StreamPurpose.riskOccurrence))
        p50Shift = Shift(a, b, stream: stream) { SampleSummary($0).quantile(0.5) }
        p80Shift = Shift(a, b, stream: stream) { SampleSummary($0).quantile(0.8) }
        deadlineShift = Shift(metA, metB, stream: stream) { $0.isEmpty ? .nan : $0.reduce(0, +) / Double($0.count) }
    }
}

/// A statistic with a risk minus without it, and its 95 % paired bootstrap interval.
public struct Shift: Codable, Sendable, Equatable {
    public var estimate: Double
    public var lower: Double
    public var upper: Double

    /// `statistic(with) − statistic(without)`; the interval resamples the
    /// replication indexes, the same ones for both, ``RiskRanking/resamples`` times.
    init(_ with: [Double], _ without: [Double], stream: RandomStream, _ statistic: ([Double]) -> Double) {
        estimate = statistic(with) - statistic(without)
        let n = with.count
        guard n > 1 else {
            lower = .nan
            upper = .nan
            return
        }
        var shifts: [Double] = []
        shifts.reserveCapacity(RiskRanking.resamples)
        var a = [Double](repeating: 0, count: n), b = a
        for _ in 0..<RiskRanking.resamples {
            for i in 0..<n {
                let j = Int(stream.uniformInt(below: UInt(n)))
                a[i] = with[j]
                b[i] = without[j]
            }
            shifts.append(statistic(a) - statistic(b))
        }
        let summary = SampleSummary(shifts)
        lower = summary.quantile(0.025)
        upper = summary.quantile(0.975)
    }
}
