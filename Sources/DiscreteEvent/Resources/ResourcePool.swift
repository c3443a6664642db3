/// A pool of identical units (crews, supervisors, responders) with a
/// waiting line in front of it.
///
/// Requests are served strictly in the line's order: a request that needs
/// more units than are free blocks the ones behind it, so no request waits
/// forever behind smaller ones. Utilisation is tracked as a time-weighted
/// average of units in use.
///
///     var crews = ResourcePool(capacity: 2, line: FIFOLine<Int>())
///     crews.request(7, units: 1, at: 0)            // true: granted now
///     crews.request(8, units: 2, at: 0)            // false: waits
///     crews.release(units: 1, at: 3)
///     while let (job, units) = crews.nextGrant(at: 3) { ... }   // job 8
///
/// Invariants (checked after every mutation in debug builds,
/// `ResourcePool+Invariants.swift`): capacity and units in use are never
/// negative, a grant never takes more than is free, and the monitors hold
/// the current units in use and line length.
public struct ResourcePool<Line: WaitingLine> {
    @inlinable public var capacity: Int { _capacity }
    @usableFromInline var _capacity: Int
    @inlinable public var inUse: Int { _inUse }
    @usableFromInline var _inUse: Int = 0
    @inlinable public var line: Line { _line }
    @usableFromInline var _line: Line
    /// Units in use over time.
    @inlinable public var busy: TimeWeightedMonitor { _busy }
    @usableFromInline var _busy: TimeWeightedMonitor
    /// Requests waiting over time.
    @inlinable public var queueLength: TimeWeightedMonitor { _queueLength }
    @usableFromInline var _queueLength: TimeWeightedMonitor

    public init(capacity: Int, line: Line, start: Double = 0) {
        self._capacity = max(0, capacity)
        self._line = line
        _busy = TimeWeightedMonitor(start: start)
        _queueLength = TimeWeightedMonitor(start: start, value: Double(line.count))
    }

    @inlinable public var available: Int { max(0, capacity - inUse) }

    /// Asks for `units`. Returns true when they are granted at once (the
    /// caller starts the work); otherwise the request joins the line and
    /// comes back from `nextGrant` once enough units are free.
    @discardableResult
    @inlinable
    public mutating func request(_ request: Line.Request, units: Int = 1, priority: Double = 0, at time: Double) -> Bool {
        if line.isEmpty && units <= available {
            _inUse += units
            _busy.record(Double(inUse), at: time)
            _checkInvariants(granted: true)
            return true
        }
        _line.enqueue(request, units: units, priority: priority)
        _queueLength.record(Double(line.count), at: time)
        _checkInvariants()
        return false
    }

    /// Returns units to the pool. Call `nextGrant` afterwards to serve the line.
    @inlinable
    public mutating func release(units: Int = 1, at time: Double) {
        _inUse = max(0, inUse - units)
        _busy.record(Double(inUse), at: time)
        _checkInvariants()
    }

    /// Grants the head of the line if enough units are free.
    @inlinable
    public mutating func nextGrant(at time: Double) -> (request: Line.Request, units: Int)? {
        guard let head = line.peek(), head.units <= available else { return nil }
        _ = _line.dequeue()
        _inUse += head.units
        _busy.record(Double(inUse), at: time)
        _queueLength.record(Double(line.count), at: time)
        _checkInvariants(granted: true)
        return head
    }

    /// Changes the number of units (a crew added or withdrawn). Units in
    /// use above a lowered capacity finish their work and are not replaced.
    public mutating func setCapacity(_ newCapacity: Int, at time: Double) {
        _capacity = max(0, newCapacity)
        _busy.record(Double(inUse), at: time)
        _checkInvariants()
    }

    /// Mean fraction of capacity in use from the start to `time`.
    @inlinable
    public func utilisation(at time: Double) -> Double {
        capacity == 0 ? 0 : busy.mean(at: time) / Double(capacity)
    }
}

extension ResourcePool: Sendable where Line: Sendable {}
