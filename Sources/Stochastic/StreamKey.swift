/// Names one independent random stream: the experiment's seed, the
/// replication, the entity the randomness belongs to, and what it is for.
///
/// Every random quantity in renosim is drawn from a stream keyed by what it
/// belongs to, never from one shared sequence. Two keys that differ in any
/// field give unrelated streams, and the same key always gives the same
/// stream — on any thread, in any order, in any shard. That is what common
/// random numbers stand on: a building's work content is drawn from
/// `StreamKey(seed: s, replication: r, entity: building, purpose: .content)`
/// whatever the plan, so two plans see the same buildings.
///
///     let key = StreamKey(seed: 42, replication: 7, entity: 1_203, purpose: 3)
///     let stream = RandomStream(key: key)
///
/// ## Seeding scheme
/// The four 64-bit fields are absorbed one after another into two
/// independent SplitMix64-style chains (different starting constants), so
/// every output bit depends on every input bit. The two 64-bit results give
/// the three 32-bit component states of GSL's `taus2` generator (a
/// maximally equidistributed combined Tausworthe generator, period 2⁸⁸).
/// Its effective state space is 88 bits, so among a billion streams the
/// chance that any two coincide is about 10⁻⁹ — unlike 32-bit seeds,
/// which collide within tens of thousands of streams.
public struct StreamKey: Hashable, Sendable, Codable {
    public var seed: UInt64
    public var replication: UInt64
    public var entity: UInt64
    public var purpose: UInt64

    public init(seed: UInt64, replication: UInt64 = 0, entity: UInt64 = 0, purpose: UInt64 = 0) {
        self.seed = seed
        self.replication = replication
        self.entity = entity
        self.purpose = purpose
    }

    /// The same key for another entity.
    @inlinable
    public func entity(_ entity: UInt64) -> StreamKey {
        var copy = self
        copy.entity = entity
        return copy
    }

    /// The same key for another purpose.
    @inlinable
    public func purpose(_ purpose: UInt64) -> StreamKey {
        var copy = self
        copy.purpose = purpose
        return copy
    }

    /// Two well-mixed 64-bit words derived from all four fields.
    @inlinable
    public var digest: (UInt64, UInt64) {
        var a: UInt64 = 0x9E37_79B9_7F4A_7C15
        var b: UInt64 = 0xD1B5_4A32_D192_ED03
        for word in [seed, replication, entity, purpose] {
            a = Self.mix(a &+ word &* 0xBF58_476D_1CE4_E5B9)
            b = Self.mix(b ^ (word &+ 0x94D0_49BB_1331_11EB))
        }
        return (a, b)
    }

    /// SplitMix64's finaliser: a bijection on 64-bit words with full avalanche.
    @inlinable
    static func mix(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
