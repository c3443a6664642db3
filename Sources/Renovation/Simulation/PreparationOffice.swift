import DiscreteEvent
import Stochastic

/// Every community's preparation during one replication: survey teams
/// (one community at a time each, first come first served), then
/// consultation rounds, design and approval, which take calendar days and
/// no team. A community's works open when it is prepared and its release
/// date has come (``Replication``'s `release` and `prepared`).
///
/// Draws come from streams keyed by the community and the step — round
/// `r` is step `r`, design and approval step ``designStep``, the scope
/// choice of work type `k` step ``scopeStep`` + `k` — so a plan that
/// only shortens preparation meets the same residents' answers.
struct PreparationOffice {
    static let designStep: UInt64 = 1_000
    static let scopeStep: UInt64 = 2_000

    let model: PreparationModel
    var surveyors: ResourcePool<FIFOLine<Int32>>
    let stream: RandomStream
    let key: StreamKey
    let typeCount: Int
    /// Preparation over (approved, or deferred).
    var prepared: [Bool]
    /// Release date come while preparation was still going on.
    var due: [Bool]
    var deferred: [Bool]
    /// Community × work type: work not done there (optional and not asked
    /// for, cut, or the community deferred).
    var dropped: [Bool]
    var rounds: [Int]
    var preparedAt: [Double]
    var scopeAdded = 0
    var scopeCut = 0

    init(model: PreparationModel, communities: Int, types: Int, key: StreamKey) {
        self.model = model
        surveyors = ResourcePool(capacity: model.surveyTeams, line: FIFOLine<Int32>())
        self.key = key
        stream = RandomStream(key: key.purpose(StreamPurpose.preparation))
        typeCount = types
        prepared = [Bool](repeating: false, count: communities)
        due = prepared
        deferred = prepared
        dropped = [Bool](repeating: false, count: communities * types)
        rounds = [Int](repeating: 0, count: communities)
        preparedAt = [Double](repeating: .nan, count: communities)
    }

    @inline(__always) func drops(community c: Int, type k: Int) -> Bool { dropped[c * typeCount + k] }

    private func rekey(_ c: Int, step: UInt64) {
        stream.rekey(key.entity(UInt64(c)).purpose(StreamPurpose.preparation | step << 32))
    }

    private func days(_ distribution: Distribution) -> Double {
        max(0, distribution.sample(stream)) * model.durationFactor * hoursPerCalendarDay
    }

    /// Consultation from `start` (the survey's end) until consent or the
    /// round limit, then the scope, design and approval: the time the
    /// community is prepared (or deferred).
    mutating func consult(_ c: Int, from start: Double) -> Double {
        var time = start
        var round = 0
        var consent = false
        while round < model.maxRounds, !consent {
            rekey(c, step: UInt64(round))
            consent = stream.uniform() < model.consentProbability[c]
            time += days(model.roundDays)
            round += 1
            if !consent, round < model.maxRounds { time += days(model.redesignDays) }
        }
        rounds[c] = round
        if !consent, model.onLimit == .defer {
            deferred[c] = true
            for k in 0..<typeCount { dropped[c * typeCount + k] = true }
            return time
        }
        if !consent { scopeCut += 1 }
        for k in model.optionalTypes {
            rekey(c, step: Self.scopeStep + UInt64(k))
            let added = consent && stream.uniform() < model.addProbability[k]
            if added { scopeAdded += 1 } else { dropped[c * typeCount + k] = true }
        }
        rekey(c, step: Self.designStep)
        time += days(model.designDays)
        time += days(model.approvalDays)
        return time
    }

    /// What the replication's result reports.
    var outcome: PreparationOutcome {
        PreparationOutcome(
            preparedDays: preparedAt.map { $0 / hoursPerCalendarDay },
            preparationDays: preparedAt.indices.map { (preparedAt[$0] - model.startHours[$0]) / hoursPerCalendarDay },
            consentRounds: rounds,
            scopeAdded: scopeAdded,
            scopeCut: scopeCut,
            deferred: deferred.filter { $0 }.count)
    }
}
