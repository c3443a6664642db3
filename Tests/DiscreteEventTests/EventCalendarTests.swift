import Testing
@testable import DiscreteEvent

@Suite("Event calendar")
struct EventCalendarTests {
    @Test("events come out in time order, equal times first in first out")
    func ordering() {
        var calendar = EventCalendar<Int>()
        let times: [Double] = [5, 1, 3, 1, 5, 0, 3, 1]
        for (index, time) in times.enumerated() { calendar.schedule(index, at: time) }
        var popped: [Int] = []
        while let (_, event) = calendar.pop() { popped.append(event) }
        // Stable sort by time gives the expected FIFO order among ties.
        let expected = times.enumerated().sorted { $0.element < $1.element }.map(\.offset)
        #expect(popped == expected)
    }

    @Test("the clock follows the events and never runs backwards")
    func clock() {
        var calendar = EventCalendar<String>(start: 10)
        calendar.schedule("late", at: 12)
        calendar.schedule("past", at: 4)   // clamped to now
        #expect(calendar.pop()?.event == "past")
        #expect(calendar.now == 10)
        #expect(calendar.pop()?.time == 12)
        #expect(calendar.now == 12)
        calendar.schedule("relative", after: 0.5)
        #expect(calendar.pop()?.time == 12.5)
    }

    @Test("cancellation removes exactly the cancelled events")
    func cancellation() {
        var calendar = EventCalendar<Int>()
        var ids: [EventID] = []
        for i in 0..<100 { ids.append(calendar.schedule(i, at: Double(i % 10))) }
        for i in stride(from: 0, to: 100, by: 3) { calendar.cancel(ids[i]) }
        #expect(calendar.pendingCount == 100 - 34)
        #expect(!calendar.isPending(ids[0]) && calendar.isPending(ids[1]))
        calendar.cancel(ids[0])     // twice: no effect
        #expect(calendar.pendingCount == 66)
        var seen: [Int] = []
        while let (_, event) = calendar.pop() { seen.append(event) }
        #expect(seen.count == 66)
        #expect(seen.allSatisfy { $0 % 3 != 0 })
        #expect(calendar.isEmpty)
        calendar.cancel(ids[1])     // already ran: harmless
        #expect(calendar.pendingCount == 0)
    }

    @Test("a cancelled head does not hide the next event's time")
    func cancelledHead() {
        var calendar = EventCalendar<Int>()
        let first = calendar.schedule(1, at: 1)
        calendar.schedule(2, at: 2)
        calendar.cancel(first)
        #expect(calendar.nextTime() == 2)
    }
}

/// Counts down, rescheduling itself every time unit.
struct Countdown: SimulationModel {
    var remaining: Int
    var log: [Double] = []

    mutating func handle(_ event: Void, calendar: inout EventCalendar<Void>) {
        log.append(calendar.now)
        remaining -= 1
        if remaining > 0 { calendar.schedule((), after: 1) }
    }
}

@Suite("Simulation runs")
struct SimulationTests {
    func make(_ n: Int) -> Simulation<Countdown> {
        var sim = Simulation(model: Countdown(remaining: n))
        sim.calendar.schedule((), at: 0)
        return sim
    }

    @Test("runs to exhaustion")
    func exhaustion() {
        var sim = make(5)
        #expect(sim.run() == .exhausted)
        #expect(sim.model.log == [0, 1, 2, 3, 4])
        #expect(sim.eventsHandled == 5)
    }

    @Test("stops at a time limit with the clock at the limit, and resumes")
    func timeLimit() {
        var sim = make(10)
        #expect(sim.run(until: 3.5) == .timeLimit)
        #expect(sim.model.log == [0, 1, 2, 3])
        #expect(sim.now == 3.5)
        #expect(sim.run() == .exhausted)
        #expect(sim.model.log.count == 10)
    }

    @Test("an event exactly at the limit still runs")
    func limitInclusive() {
        var sim = make(10)
        sim.run(until: 3)
        #expect(sim.model.log.last == 3)
    }

    @Test("stops on a condition and on an event budget")
    func conditionAndBudget() {
        var sim = make(10)
        #expect(sim.run(stopWhen: { $0.remaining == 6 }) == .condition)
        #expect(sim.model.log.count == 4)
        #expect(sim.run(maxEvents: 2) == .eventLimit)
        #expect(sim.model.log.count == 6)
    }
}
