import DiscreteEvent
import Stochastic

/// The `funding` section compiled: each tranche's due time and the
/// distributions of its delay and amount, and the city's advance cap. Nil
/// without `funding` (money then limits nothing beyond `budget`).
public struct FundingModel: Sendable {
    /// Most money committed beyond the tranches arrived.
    public let advanceCap: Double
    public let names: [String]
    /// Hours from the programme start to each tranche's `date`.
    public let dueHours: [Double]
    public let delayDays: [Distribution]
    public let amounts: [Distribution]

    init?(_ spec: FundingSpec?, start: CivilDate) {
        guard let spec else { return nil }
        advanceCap = spec.advanceCap
        names = spec.tranches.map(\.name)
        dueHours = spec.tranches.map { Double($0.date.dayNumber - start.dayNumber) * hoursPerCalendarDay }
        delayDays = spec.tranches.map(\.delayDays)
        amounts = spec.tranches.map(\.amount)
    }

    /// Tranche `i`'s arrival (hours from the start) and amount in the
    /// replication of `key`: delay first, then amount, from the tranche's
    /// own stream, so every plan sees the same money at the same time.
    public func draw(_ i: Int, key: StreamKey) -> (arrivalHours: Double, amount: Double) {
        let stream = RandomStream(key: key.entity(UInt64(i)).purpose(StreamPurpose.funding))
        let delay = max(0, delayDays[i].sample(stream))
        let amount = max(0, amounts[i].sample(stream))
        return (dueHours[i] + delay * hoursPerCalendarDay, amount)
    }
}
