import DiscreteEvent
import Stochastic

/// A G/G/c queue on the renosim engine: customers arrive, wait in a FIFO
/// line for one of `servers` identical servers, are served and leave. With
/// exponential arrivals and service it is the M/M/c queue whose Erlang C
/// values validate the engine; it is also the engine benchmark.
///
///     var sim = MultiServerQueue.simulation(
///         servers: 3, interarrival: .exponential(mean: 1 / 2.7),
///         service: .exponential(mean: 1), customers: 100_000,
///         key: StreamKey(seed: 1))
///     sim.run()
///     sim.model.waits.mean     // ≈ ErlangC(...).meanWait
public struct MultiServerQueue: SimulationModel {
    public enum Event: Sendable {
        case arrival
        case departure
    }

    public let interarrival: Distribution
    public let service: Distribution
    public let customerLimit: Int
    /// Customers arriving before this time are not counted (warm-up).
    public let warmUp: Double

    public private(set) var servers: ResourcePool<FIFOLine<Double>>
    public private(set) var arrived = 0
    /// Waiting time in queue of every customer arriving after the warm-up.
    public private(set) var waits = Tally()
    /// FNV-1a hash over every event's kind and time: equal hashes mean the
    /// same trajectory.
    public private(set) var traceHash: UInt64 = 0xCBF2_9CE4_8422_2325

    let arrivals: RandomStream
    let services: RandomStream

    public init(servers: Int, interarrival: Distribution, service: Distribution,
                customers: Int, key: StreamKey, warmUp: Double = 0) {
        self.interarrival = interarrival
        self.service = service
        customerLimit = customers
        self.warmUp = warmUp
        self.servers = ResourcePool(capacity: servers, line: FIFOLine<Double>())
        arrivals = RandomStream(key: key.purpose(1))
        services = RandomStream(key: key.purpose(2))
    }

    /// A simulation with the first arrival scheduled.
    public static func simulation(servers: Int, interarrival: Distribution, service: Distribution,
                                  customers: Int, key: StreamKey, warmUp: Double = 0) -> Simulation<MultiServerQueue> {
        var sim = Simulation(model: MultiServerQueue(servers: servers, interarrival: interarrival, service: service,
                                                     customers: customers, key: key, warmUp: warmUp))
        sim.calendar.schedule(.arrival, at: sim.model.interarrival.sample(sim.model.arrivals))
        return sim
    }

    public mutating func handle(_ event: Event, calendar: inout EventCalendar<Event>) {
        let now = calendar.now
        trace(event, now)
        switch event {
        case .arrival:
            arrived += 1
            if arrived < customerLimit {
                calendar.schedule(.arrival, after: interarrival.sample(arrivals))
            }
            if servers.request(now, at: now) {
                begin(arrivedAt: now, now: now, calendar: &calendar)
            }
        case .departure:
            servers.release(at: now)
            if let (arrivedAt, _) = servers.nextGrant(at: now) {
                begin(arrivedAt: arrivedAt, now: now, calendar: &calendar)
            }
        }
    }

    mutating func begin(arrivedAt: Double, now: Double, calendar: inout EventCalendar<Event>) {
        let duration = service.sample(services)
        if arrivedAt >= warmUp { waits.record(now - arrivedAt) }
        calendar.schedule(.departure, after: duration)
    }

    mutating func trace(_ event: Event, _ time: Double) {
        var h = traceHash
        h = (h ^ (event == .arrival ? 1 : 2)) &* 0x0000_0100_0000_01B3
        h = (h ^ time.bitPattern) &* 0x0000_0100_0000_01B3
        traceHash = h
    }
}
