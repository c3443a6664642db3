import CGSL

/// One independent, reproducible stream of random numbers: a GSL `taus2`
/// generator whose state is derived from a `StreamKey`.
///
/// A stream is cheap to re-key (three words are written, nothing is
/// allocated), so a model keeps a few stream objects and re-keys them for
/// each entity instead of allocating a generator per building.
///
///     let stream = RandomStream(key: StreamKey(seed: 1, replication: 0))
///     let u = stream.uniform()                 // in [0, 1)
///     let d = Distribution.exponential(mean: 2).sample(stream)
///
/// A stream is not `Sendable`: create it inside the task that uses it.
public final class RandomStream {
    @usableFromInline
    let rng: UnsafeMutablePointer<gsl_rng>

    /// The key the stream was last set to.
    public private(set) var key: StreamKey

    /// Creates a stream positioned at the start of `key`'s sequence.
    public init(key: StreamKey) {
        // gsl_rng_alloc fails only when malloc does; nothing sensible can
        // continue without memory, so this is the one trap left in place.
        guard let rng = GSL.allocateTaus2() else {
            fatalError("renosim: out of memory allocating a random number generator")
        }
        self.rng = rng
        self.key = key
        rekey(key)
    }

    deinit {
        GSL.free(rng)
    }

    /// Restarts the stream at the beginning of `key`'s sequence.
    /// - Complexity: O(1), no allocation.
    public func rekey(_ key: StreamKey) {
        self.key = key
        let (a, b) = key.digest
        if GSL.hasTaus2Layout(rng) {
            GSL.setTaus2State(rng, UInt32(truncatingIfNeeded: a), UInt32(truncatingIfNeeded: a >> 32),
                              UInt32(truncatingIfNeeded: b))
        } else {
            // A GSL build with another state layout: fall back to its own
            // 32-bit seeding (documented weaker collision bound).
            GSL.seed(rng, UInt(truncatingIfNeeded: a ^ b) & 0xFFFF_FFFF)
        }
    }

    /// A uniform draw in [0, 1).
    @inlinable
    public func uniform() -> Double {
        gsl_rng_uniform(rng)
    }

    /// A uniform draw in (0, 1): safe to take a logarithm of or invert a CDF at.
    @inlinable
    public func uniformPositive() -> Double {
        gsl_rng_uniform_pos(rng)
    }

    /// A uniform integer in 0..<n, n ≥ 1.
    @inlinable
    public func uniformInt(below n: UInt) -> UInt {
        n <= 1 ? 0 : UInt(gsl_rng_uniform_int(rng, CUnsignedLong(n)))
    }

    /// The raw generator, for the distributions in this module.
    @usableFromInline
    var pointer: UnsafeMutablePointer<gsl_rng> { rng }
}
