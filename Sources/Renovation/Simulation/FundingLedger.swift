import DiscreteEvent
import Stochastic

/// The money of one replication under `funding`: tranches arrived, money
/// committed, the city's advance and the orders waiting for money
/// (docs/scenario-reference.md, "Funding").
///
/// Invariant: `committed ≤ arrived + advanceCap` (up to rounding), so the
/// advance — committed beyond arrived — never exceeds the cap.
struct FundingLedger {
    let advanceCap: Double
    /// Per tranche: when it arrives (hours) and how much, drawn at set-up.
    let arrivalHours: [Double]
    let amounts: [Double]
    private(set) var arrived = 0.0
    private(set) var committed = 0.0
    private(set) var peakAdvance = 0.0
    /// Tranches still to arrive within the horizon.
    private(set) var pending: Int
    /// Orders waiting for money, re-queued at the next arrival.
    var waiting: [Int32] = []
    /// Calendar days orders waited for money, summed.
    var heldDays = 0.0

    init(model: FundingModel, key: StreamKey, horizon: Double) {
        advanceCap = model.advanceCap
        let draws = model.names.indices.map { model.draw($0, key: key) }
        arrivalHours = draws.map(\.arrivalHours)
        amounts = draws.map(\.amount)
        pending = arrivalHours.filter { $0 < horizon }.count
    }

    /// Whether `cost` more may be committed now.
    func allows(_ cost: Double) -> Bool {
        committed + cost <= (arrived + advanceCap) * (1 + 1e-12)
    }

    mutating func commit(_ cost: Double) {
        committed += cost
        peakAdvance = max(peakAdvance, committed - arrived)
    }

    /// Tranche `i` arrives; it repays the advance first, as the difference does by itself.
    mutating func arrive(_ i: Int) {
        arrived += amounts[i]
        pending -= 1
    }

    var outcome: FundingOutcome {
        FundingOutcome(heldDays: heldDays, peakAdvance: peakAdvance,
                       arrivalDays: arrivalHours.map { $0 / hoursPerCalendarDay }, amounts: amounts)
    }
}
