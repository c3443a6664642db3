import Testing
@testable import DiscreteEvent

@Suite("Event heap against a stable sort")
struct EventHeapTests {
    /// SplitMix64: a fixed seed gives the same operations on every run.
    struct SeededGenerator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE5_E4B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// Schedules `size` events at few distinct times (many ties), cancelling
    /// and popping at random in between, then drains the calendar. Every pop
    /// must be the earliest pending event by (time, insertion order): what a
    /// stable sort by time gives. The heap's invariant is checked after
    /// every operation.
    @Test("schedule, cancel and pop agree with a stable sort by time", arguments: [0, 1, 2, 3, 4, 5, 6, 17, 100, 1_000, 5_000])
    func randomized(size: Int) {
        var random = SeededGenerator(state: 0x5EED_0000 &+ UInt64(size))
        var calendar = EventCalendar<Int>()
        // The reference: pending events as (time, insertion order, id).
        var pending: [(time: Double, order: Int, id: EventID)] = []
        func popAndCompare() {
            let expected = pending.indices.min { (pending[$0].time, pending[$0].order) < (pending[$1].time, pending[$1].order) }
            let popped = calendar.pop()
            calendar.heap._checkInvariants()
            guard let expected else {
                #expect(popped == nil)
                return
            }
            #expect(popped?.event == pending[expected].order)
            #expect(popped?.time == pending[expected].time)
            pending.remove(at: expected)
        }
        for order in 0..<size {
            // Whole hours from now, ten values: ties are common and must keep insertion order.
            let time = calendar.now + Double(Int.random(in: 0..<10, using: &random))
            let id = calendar.schedule(order, at: time)
            calendar.heap._checkInvariants()
            pending.append((time, order, id))
            switch Int.random(in: 0..<10, using: &random) {
            case 0..<2 where !pending.isEmpty:
                let victim = Int.random(in: pending.indices, using: &random)
                calendar.cancel(pending[victim].id)
                calendar.heap._checkInvariants()
                pending.remove(at: victim)
            case 2..<5:
                popAndCompare()
            default:
                break
            }
            #expect(calendar.pendingCount == pending.count)
        }
        // The rest come out as a stable sort by time of what is still pending.
        let rest = pending.sorted { ($0.time, $0.order) < ($1.time, $1.order) }.map(\.order)
        var drained: [Int] = []
        while let (_, event) = calendar.pop() {
            calendar.heap._checkInvariants()
            drained.append(event)
        }
        #expect(drained == rest)
        #expect(calendar.isEmpty)
    }

    @Test("the invariant check accepts every heap the operations build")
    func invariantHoldsWhileGrowing() {
        var heap = EventHeap<Int>()
        var random = SeededGenerator(state: 42)
        for sequence in 0..<2_000 {
            heap.insert(.init(time: Double(Int.random(in: 0..<50, using: &random)), sequence: UInt64(sequence), event: sequence))
            heap._checkInvariants()
        }
        var last: (Double, UInt64) = (-.infinity, 0)
        while let entry = heap.popMin() {
            heap._checkInvariants()
            #expect(last <= (entry.time, entry.sequence))
            last = (entry.time, entry.sequence)
        }
    }
}
