/// The time average of a piecewise-constant quantity (queue length, crews
/// busy, sites open): record each new value when it changes.
///
///     var sites = TimeWeightedMonitor(start: 0)
///     sites.record(2, at: 1)
///     sites.record(0, at: 3)
///     sites.mean(at: 4)     // (0·1 + 2·2 + 0·1) / 4 = 1
public struct TimeWeightedMonitor: Sendable, Equatable {
    @inlinable public var start: Double { _start }
    @usableFromInline var _start: Double
    @inlinable public var lastTime: Double { _lastTime }
    @usableFromInline var _lastTime: Double
    @inlinable public var value: Double { _value }
    @usableFromInline var _value: Double = 0
    @inlinable public var integral: Double { _integral }
    @usableFromInline var _integral: Double = 0
    @inlinable public var maximum: Double { _maximum }
    @usableFromInline var _maximum: Double = 0

    public init(start: Double = 0, value: Double = 0) {
        self._start = start
        _lastTime = start
        self._value = value
        _maximum = value
    }

    @inlinable
    public mutating func record(_ newValue: Double, at time: Double) {
        if time > lastTime {
            _integral += value * (time - lastTime)
            _lastTime = time
        }
        _value = newValue
        if newValue > maximum { _maximum = newValue }
    }

    /// ∫ value dt from the start to `time`.
    @inlinable
    public func integral(at time: Double) -> Double {
        integral + (time > lastTime ? value * (time - lastTime) : 0)
    }

    /// The time average from the start to `time`; 0 over an empty span.
    @inlinable
    public func mean(at time: Double) -> Double {
        let span = time - start
        return span > 0 ? integral(at: time) / span : 0
    }

    /// Forgets the history before `time` (e.g. a warm-up period), keeping
    /// the current value.
    public mutating func reset(at time: Double) {
        _start = time
        _lastTime = time
        _integral = 0
        _maximum = value
    }
}
