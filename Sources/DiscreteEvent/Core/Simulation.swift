/// A model the engine can run: a value that reacts to its own events.
///
/// The engine is generic over the model, so `handle` is specialised and
/// inlined into the event loop: no existential, no closure and no
/// allocation per event.
///
///     struct Clock: SimulationModel {
///         var ticks = 0
///         mutating func handle(_ event: Void, calendar: inout EventCalendar<Void>) {
///             ticks += 1
///             calendar.schedule((), after: 1)
///         }
///     }
public protocol SimulationModel {
    associatedtype Event

    /// Reacts to `event` at `calendar.now`, scheduling or cancelling
    /// future events on `calendar`.
    mutating func handle(_ event: Event, calendar: inout EventCalendar<Event>)

    /// Called once every event of the current instant has been handled,
    /// if a handler asked for it with ``EventCalendar/decideAtEndOfInstant()``:
    /// the place for decisions that must see everything that happened at
    /// one time (which waiting job gets the free crews). Events it schedules
    /// at `calendar.now` run next, and may ask for another call.
    mutating func instantEnded(calendar: inout EventCalendar<Event>)
}

extension SimulationModel {
    /// Models that decide nothing per instant need not implement it.
    @inlinable
    public mutating func instantEnded(calendar: inout EventCalendar<Event>) {}
}

/// Why a run returned.
public enum StopReason: Equatable, Sendable {
    /// No event is left.
    case exhausted
    /// The next event lies after the time limit; the clock stands at the limit.
    case timeLimit
    /// The stop condition became true.
    case condition
    /// The event budget was spent.
    case eventLimit
}

/// Runs a model: pops events in (time, sequence) order and hands them to it.
///
///     var sim = Simulation(model: Clock())
///     sim.calendar.schedule((), at: 0)
///     sim.run(until: 10)      // .timeLimit, sim.model.ticks == 11
public struct Simulation<Model: SimulationModel> {
    public var model: Model
    public var calendar: EventCalendar<Model.Event>
    /// Events handed to the model so far.
    @inlinable public var eventsHandled: Int { handled }
    @usableFromInline var handled: Int = 0

    public init(model: Model, start: Double = 0) {
        self.model = model
        self.calendar = EventCalendar(start: start)
    }

    /// The simulation clock.
    @inlinable
    public var now: Double { calendar.now }

    /// Handles the next event. Returns false when none is left.
    @inlinable
    @discardableResult
    public mutating func step() -> Bool {
        guard let (_, event) = calendar.pop() else { return false }
        handled += 1
        model.handle(event, calendar: &calendar)
        endInstantIfDue()
        return true
    }

    /// Runs until no event is left, the next event lies beyond `time`, or
    /// `maxEvents` events have been handled in this call.
    @inlinable
    @discardableResult
    public mutating func run(until time: Double = .infinity, maxEvents: Int = .max) -> StopReason {
        run(until: time, maxEvents: maxEvents) { _ in false }
    }

    /// As `run(until:maxEvents:)`, and also stops as soon as `condition`
    /// holds after an event.
    @inlinable
    @discardableResult
    public mutating func run(
        until time: Double = .infinity,
        maxEvents: Int = .max,
        stopWhen condition: (borrowing Model) -> Bool
    ) -> StopReason {
        var budget = maxEvents
        while true {
            if budget == 0 { return calendar.isEmpty ? .exhausted : .eventLimit }
            guard let (_, event) = calendar.pop(notAfter: time) else {
                if calendar.isEmpty { return .exhausted }
                calendar.advance(to: time)
                return .timeLimit
            }
            budget -= 1
            handled += 1
            model.handle(event, calendar: &calendar)
            endInstantIfDue()
            if condition(model) { return .condition }
        }
    }

    /// Calls the model's ``SimulationModel/instantEnded(calendar:)`` when it
    /// asked for it and the next event lies later than now. A model that
    /// never asks pays one predictable branch per event.
    @inlinable @inline(__always)
    mutating func endInstantIfDue() {
        guard calendar.endOfInstantRequested else { return }
        if let next = calendar.nextTime(), next <= calendar.now { return }
        calendar.endOfInstantRequested = false
        model.instantEnded(calendar: &calendar)
    }
}

extension Simulation: Sendable where Model: Sendable, Model.Event: Sendable {}
