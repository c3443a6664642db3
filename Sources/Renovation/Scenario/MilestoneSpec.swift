import DiscreteEvent

/// A date by which some communities must be finished: one community, a
/// list of them, or a release phase of each plan (1 is the first phase).
public struct MilestoneSpec: Codable, Sendable {
    public var name: String
    /// Last day (inclusive) on which the communities may finish.
    public var date: CivilDate
    public var community: String?
    public var communities: [String]?
    public var phase: Int?

    enum CodingKeys: String, CodingKey, CaseIterable { case name, date, community, communities, phase }

    public init(from decoder: Decoder) throws {
        let c = try decoder.strictContainer(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        date = try c.decode(CivilDate.self, forKey: .date)
        community = try c.decodeIfPresent(String.self, forKey: .community)
        communities = try c.decodeIfPresent([String].self, forKey: .communities)
        phase = try c.decodeIfPresent(Int.self, forKey: .phase)
    }
}
