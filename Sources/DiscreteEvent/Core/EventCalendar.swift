/// Identifies one scheduled event, so it can be cancelled.
public struct EventID: Hashable, Sendable, Comparable {
    public let sequence: UInt64

    @usableFromInline
    init(sequence: UInt64) { self.sequence = sequence }

    @inlinable
    public static func < (lhs: EventID, rhs: EventID) -> Bool { lhs.sequence < rhs.sequence }
}

/// The future event list: events ordered by (time, insertion sequence).
///
/// Equal times run first-in first-out, so a run is a pure function of its
/// inputs. Cancellation is lazy: a cancelled event stays in the heap and is
/// skipped when it surfaces. One bit per scheduled event records whether it
/// is still live, so `cancel` is O(1) and cancelling an event that already
/// ran is harmless.
///
///     var calendar = EventCalendar<String>()
///     calendar.schedule("b", at: 2)
///     let a = calendar.schedule("a", at: 1)
///     calendar.cancel(a)
///     calendar.pop()   // (time: 2, event: "b")
///
/// - Complexity: `schedule` and `pop` are O(log n); no allocation once the
///   heap has grown to the model's largest number of pending events.
public struct EventCalendar<Event> {
    @usableFromInline typealias Entry = EventHeap<Event>.Entry

    @usableFromInline var heap: EventHeap<Event>
    @usableFromInline var nextSequence: UInt64 = 0
    /// Bit `s` is set while event `s` is scheduled and not yet run or cancelled.
    @usableFromInline var live: [UInt64] = []
    @usableFromInline var cancelledInHeap = 0

    /// The simulation clock: the time of the event being handled.
    @inlinable public var now: Double { clock }
    @usableFromInline var clock: Double
    /// Set by ``decideAtEndOfInstant()``; the simulation clears it when it
    /// calls the model's end-of-instant decision.
    @usableFromInline var endOfInstantRequested = false

    /// Creates an empty calendar whose clock starts at `start`.
    public init(start: Double = 0) {
        heap = EventHeap()
        clock = start
    }

    /// Number of events scheduled and neither handled nor cancelled.
    @inlinable
    public var pendingCount: Int { heap.count - cancelledInHeap }

    @inlinable
    public var isEmpty: Bool { pendingCount == 0 }

    /// Schedules `event` at absolute `time`. A time earlier than `now`
    /// would break causality, so it is moved to `now`; NaN is moved to
    /// `now` as well (the model validates its inputs before they get here).
    @inlinable
    @discardableResult
    public mutating func schedule(_ event: Event, at time: Double) -> EventID {
        let when = time >= now ? time : now
        let sequence = nextSequence
        nextSequence &+= 1
        let word = Int(truncatingIfNeeded: sequence >> 6)
        if word == live.count { live.append(0) }
        live[word] |= 1 << (sequence & 63)
        heap.insert(Entry(time: when, sequence: sequence, event: event))
        return EventID(sequence: sequence)
    }

    /// Schedules `event` after a delay from `now`.
    @inlinable
    @discardableResult
    public mutating func schedule(_ event: Event, after delay: Double) -> EventID {
        schedule(event, at: now + delay)
    }

    /// Cancels a pending event. Cancelling an event that already ran or was
    /// already cancelled does nothing.
    @inlinable
    public mutating func cancel(_ id: EventID) {
        guard id.sequence < nextSequence, isLive(id.sequence) else { return }
        clearLive(id.sequence)
        cancelledInHeap += 1
    }

    /// The time of the next event that will run, if any.
    @inlinable
    public mutating func nextTime() -> Double? {
        dropCancelledHead()
        return heap.min?.time
    }

    /// Asks the simulation to call the model's
    /// ``SimulationModel/instantEnded(calendar:)`` once every event at the
    /// current time has been handled. Asking twice in one instant gives one call.
    @inlinable
    public mutating func decideAtEndOfInstant() { endOfInstantRequested = true }

    /// Removes and returns the next event, advancing the clock to its time.
    @inlinable
    public mutating func pop() -> (time: Double, event: Event)? {
        dropCancelledHead()
        guard let entry = heap.popMin() else { return nil }
        clearLive(entry.sequence)
        clock = entry.time
        return (entry.time, entry.event)
    }

    /// Whether `id` is scheduled and has neither run nor been cancelled.
    @inlinable
    public func isPending(_ id: EventID) -> Bool {
        id.sequence < nextSequence && isLive(id.sequence)
    }

    @inlinable
    func isLive(_ sequence: UInt64) -> Bool {
        live[Int(truncatingIfNeeded: sequence >> 6)] & (1 << (sequence & 63)) != 0
    }

    @inlinable
    mutating func clearLive(_ sequence: UInt64) {
        live[Int(truncatingIfNeeded: sequence >> 6)] &= ~(1 << (sequence & 63))
    }

    @inlinable
    mutating func dropCancelledHead() {
        guard cancelledInHeap > 0 else { return }
        while let head = heap.min, !isLive(head.sequence) {
            _ = heap.popMin()
            cancelledInHeap -= 1
        }
    }

    /// Removes and returns the next event if it is due at or before `limit`.
    @inlinable
    public mutating func pop(notAfter limit: Double) -> (time: Double, event: Event)? {
        dropCancelledHead()
        guard let head = heap.min, head.time <= limit, let entry = heap.popMin() else { return nil }
        clearLive(entry.sequence)
        clock = entry.time
        return (entry.time, entry.event)
    }

    /// Moves the clock forward without an event (used when a run stops at a
    /// time limit between events).
    @inlinable
    public mutating func advance(to time: Double) {
        if time > clock { clock = time }
    }
}

extension EventCalendar: Sendable where Event: Sendable {}
