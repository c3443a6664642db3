import DiscreteEvent
import Stochastic

/// Money from higher levels that arrives when it arrives, and the city's
/// own advance that lets works start before it does
/// (docs/scenario-reference.md, "funding" and "Funding").
///
/// A work order's cost is committed when it starts (as against `budget`);
/// with `funding` it may start only while the money committed so far plus
/// its cost is at most the tranches arrived plus `advance_cap`. The amount
/// committed beyond the tranches arrived is the city's advance; each
/// tranche repays it as it arrives.
public struct FundingSpec: Codable, Sendable {
    /// Most money the city advances from its own funds (0: none).
    public var advanceCap: Double
    public var tranches: [TrancheSpec]

    enum CodingKeys: String, CodingKey, CaseIterable {
        case advanceCap = "advance_cap"
        case tranches
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.strictContainer(keyedBy: CodingKeys.self)
        advanceCap = try c.decodeIfPresent(Double.self, forKey: .advanceCap) ?? 0
        tranches = try c.decode([TrancheSpec].self, forKey: .tranches)
    }
}

/// One transfer from a higher level of government.
public struct TrancheSpec: Codable, Sendable {
    public var name: String
    /// Money transferred, drawn once per replication.
    public var amount: Distribution
    /// The earliest day it may arrive.
    public var date: CivilDate
    /// Calendar days after `date` it arrives, drawn once per replication.
    public var delayDays: Distribution

    enum CodingKeys: String, CodingKey, CaseIterable {
        case name, amount, date
        case delayDays = "delay_days"
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.strictContainer(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        amount = try c.decode(Distribution.self, forKey: .amount)
        date = try c.decode(CivilDate.self, forKey: .date)
        delayDays = try c.decodeIfPresent(Distribution.self, forKey: .delayDays) ?? .constant(0)
    }
}
