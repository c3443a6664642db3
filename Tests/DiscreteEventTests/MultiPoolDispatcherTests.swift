import Testing
@testable import DiscreteEvent

@Suite("Multi-pool dispatcher")
struct MultiPoolDispatcherTests {
    struct Request { let id: Int32; let c: Int; let key: Double; let urgent: Bool; let since: Double }

    /// The definition, written as plainly as possible: every waiting request in rank
    /// order; start each that fits the free units and no reserved pool; the first one
    /// that does not fit reserves its pools if it has waited `guardHours`.
    static func scan(_ waiting: [Request], free: [Int], needs: [[(pool: Int, units: Int)]],
                     now: Double, guardHours: Double) -> [Int32] {
        var free = free
        var reserved = Set<Int>(), reservationMade = false
        var granted: [Int32] = []
        let ranked = waiting.sorted {
            ($0.urgent ? 0 : 1, $0.key, $0.id) < ($1.urgent ? 0 : 1, $1.key, $1.id)
        }
        for r in ranked {
            let fits = needs[r.c].allSatisfy { free[$0.pool] >= $0.units && !reserved.contains($0.pool) }
            if fits {
                for n in needs[r.c] { free[n.pool] -= n.units }
                granted.append(r.id)
            } else if !reservationMade {
                reservationMade = true   // the first blocked request, whatever its wait
                if now - r.since >= guardHours { for n in needs[r.c] { reserved.insert(n.pool) } }
            }
        }
        return granted
    }

    @Test("a pass grants exactly what a plain scan in rank order grants, guard on or off")
    func passEqualsScan() {
        var random = SystemRandomNumberGenerator.seeded(42)
        for trial in 0..<2_000 {
            let pools = 1 + trial % 4
            let capacity = (0..<pools).map { _ in Int.random(in: 1...5, using: &random) }
            let needs: [[(pool: Int, units: Int)]] = (0..<(1 + trial % 6)).map { _ in
                let chosen = (0..<pools).filter { _ in Bool.random(using: &random) }
                let list = (chosen.isEmpty ? [0] : chosen)
                return list.map { (pool: $0, units: Int.random(in: 1...capacity[$0], using: &random)) }
            }
            let guardHours: Double = trial % 3 == 0 ? .infinity : Double(Int.random(in: 0...20, using: &random))
            var dispatcher = MultiPoolDispatcher(capacity: capacity, needs: needs, guardHours: guardHours)
            // Some units in use.
            for _ in 0..<Int.random(in: 0...3, using: &random) {
                let c = Int.random(in: 0..<needs.count, using: &random)
                if dispatcher.fits(class: c) { dispatcher.take(class: c) }
            }
            let free = dispatcher.free
            let waiting = (0..<Int.random(in: 0...40, using: &random)).map { i in
                Request(id: Int32(i), c: Int.random(in: 0..<needs.count, using: &random),
                        key: Double(Int.random(in: 0...5, using: &random)),
                        urgent: Int.random(in: 0...5, using: &random) == 0,
                        since: Double(Int.random(in: 0...30, using: &random)))
            }
            for r in waiting { dispatcher.enqueue(r.id, class: r.c, key: r.key, urgent: r.urgent, since: r.since) }
            dispatcher.beginPass()
            var granted: [Int32] = []
            while let (id, c) = dispatcher.next(at: 30) {
                dispatcher.take(class: c)
                granted.append(id)
            }
            dispatcher.checkInvariants()
            let expected = Self.scan(waiting, free: free, needs: needs, now: 30, guardHours: guardHours)
            #expect(Set(granted) == Set(expected), "trial \(trial)")
            #expect(dispatcher.waitingCount == waiting.count - granted.count)
        }
    }

    /// Three crews. One big job needs all three; small jobs need one each, 3 h long, one
    /// arriving every hour for `streamHours`, ranked below the big one (later key). Two
    /// small jobs run when the big one arrives, so the three crews are never free together
    /// while the stream lasts.
    struct Stream: SimulationModel {
        enum Event { case arrival(Int32), done(Int) }
        var dispatcher: MultiPoolDispatcher
        let streamHours: Int
        var bigStart: Double?

        mutating func handle(_ event: Event, calendar: inout EventCalendar<Event>) {
            switch event {
            case .arrival(let id):
                let big = id == 0
                dispatcher.enqueue(id, class: big ? 1 : 0, key: big ? -1 : calendar.now, urgent: false, since: calendar.now)
                if !big && Int(id) < streamHours { calendar.schedule(.arrival(id + 1), after: 1) }
            case .done(let c):
                dispatcher.release(class: c)
            }
            calendar.decideAtEndOfInstant()
        }

        mutating func instantEnded(calendar: inout EventCalendar<Event>) {
            dispatcher.beginPass()
            while let (id, c) = dispatcher.next(at: calendar.now) {
                dispatcher.take(class: c)
                if id == 0 { bigStart = calendar.now }
                calendar.schedule(.done(c), after: c == 1 ? 5 : 3)
            }
        }
    }

    static func bigStart(guardHours: Double, streamHours: Int = 1_000) -> Double? {
        var sim = Simulation(model: Stream(
            dispatcher: MultiPoolDispatcher(capacity: [3], needs: [[(0, 1)], [(0, 3)]], guardHours: guardHours),
            streamHours: streamHours))
        // Two small jobs from hour 0 and 1; the big one arrives at hour 1.5.
        sim.calendar.schedule(.arrival(1), at: 0)
        sim.calendar.schedule(.arrival(0), at: 1.5)
        sim.run()
        return sim.model.bigStart
    }

    @Test("without the guard a stream of small jobs overtakes a big one until the stream ends")
    func starvationWithoutGuard() throws {
        let start = try #require(Self.bigStart(guardHours: .infinity))
        #expect(start >= 1_000)
    }

    @Test("with the guard a big job starts within the guard's wait plus the longest small job")
    func guardBoundsTheWait() throws {
        for guardHours in [0.0, 10, 48, 200] {
            let start = try #require(Self.bigStart(guardHours: guardHours))
            let waited = start - 1.5
            #expect(waited >= guardHours - 1, "the guard acted early (\(guardHours) h): waited \(waited)")
            #expect(waited <= guardHours + 3, "guard \(guardHours) h: waited \(waited)")
        }
    }
}

extension SystemRandomNumberGenerator {
    /// A seeded generator for reproducible trials (SplitMix64).
    static func seeded(_ seed: UInt64) -> SeededGenerator { SeededGenerator(state: seed) }
}

struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
