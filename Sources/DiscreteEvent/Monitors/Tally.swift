/// Count, mean, variance, minimum and maximum of observations (waiting
/// times, repair times), kept in one pass with Welford's update so long
/// runs lose no precision.
///
///     var waits = Tally()
///     for w in [1.0, 2, 3] { waits.record(w) }
///     waits.mean       // 2
///     waits.variance   // 1
public struct Tally: Sendable, Equatable {
    @inlinable public var count: Int { _count }
    @usableFromInline var _count: Int = 0
    @inlinable public var mean: Double { _mean }
    @usableFromInline var _mean: Double = 0
    @usableFromInline var m2 = 0.0
    @inlinable public var minimum: Double { _minimum }
    @usableFromInline var _minimum: Double = .infinity
    @inlinable public var maximum: Double { _maximum }
    @usableFromInline var _maximum: Double = -.infinity
    @inlinable public var sum: Double { _sum }
    @usableFromInline var _sum: Double = 0

    public init() {}

    @inlinable
    public mutating func record(_ x: Double) {
        _count += 1
        _sum += x
        let delta = x - mean
        _mean += delta / Double(count)
        m2 += delta * (x - mean)
        if x < minimum { _minimum = x }
        if x > maximum { _maximum = x }
    }

    /// Sample variance (n − 1 denominator); 0 with fewer than two observations.
    @inlinable
    public var variance: Double { count > 1 ? m2 / Double(count - 1) : 0 }

    @inlinable
    public var standardDeviation: Double { variance.squareRoot() }

    /// Combines two tallies as if all observations had gone into one
    /// (Chan et al.'s parallel update).
    public mutating func merge(_ other: Tally) {
        guard other.count > 0 else { return }
        guard count > 0 else { self = other; return }
        let n = Double(count + other.count)
        let delta = other.mean - mean
        m2 += other.m2 + delta * delta * Double(count) * Double(other.count) / n
        _mean += delta * Double(other.count) / n
        _count += other.count
        _sum += other.sum
        _minimum = Swift.min(minimum, other.minimum)
        _maximum = Swift.max(maximum, other.maximum)
    }
}
