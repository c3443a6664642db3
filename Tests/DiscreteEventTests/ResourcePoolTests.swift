import Testing
@testable import DiscreteEvent

@Suite("Resource pools")
struct ResourcePoolTests {
    @Test("grants while units are free, then queues first come first served")
    func fifo() {
        var pool = ResourcePool(capacity: 2, line: FIFOLine<String>())
        let granted1 = pool.request("a", at: 0)
        #expect(granted1)
        let granted2 = pool.request("b", at: 0)
        #expect(granted2)
        let granted3 = pool.request("c", at: 1)
        #expect(!granted3)
        let granted4 = pool.request("d", at: 2)
        #expect(!granted4)
        let next5 = pool.nextGrant(at: 2)
        #expect(next5 == nil)
        pool.release(at: 4)
        let next6 = pool.nextGrant(at: 4)
        #expect(next6?.request == "c")
        let next7 = pool.nextGrant(at: 4)
        #expect(next7 == nil)
        pool.release(at: 5)
        let next8 = pool.nextGrant(at: 5)
        #expect(next8?.request == "d")
        #expect(pool.inUse == 2)
    }

    @Test("a large request at the head blocks smaller ones behind it")
    func headOfLine() {
        var pool = ResourcePool(capacity: 3, line: FIFOLine<Int>())
        let granted9 = pool.request(1, units: 2, at: 0)
        #expect(granted9)
        let granted10 = pool.request(2, units: 3, at: 0)
        #expect(!granted10)
        let smallBehind = pool.request(3, units: 1, at: 0)
        #expect(!smallBehind)   // one unit free, but 2 is first
        let next11 = pool.nextGrant(at: 0)
        #expect(next11 == nil)
        pool.release(units: 2, at: 1)
        let next12 = pool.nextGrant(at: 1)
        #expect(next12?.request == 2)
        let next13 = pool.nextGrant(at: 1)
        #expect(next13 == nil)
    }

    @Test("a priority line serves the lowest key first, ties in arrival order")
    func priority() {
        var pool = ResourcePool(capacity: 1, line: PriorityLine<String>())
        let granted14 = pool.request("running", at: 0)
        #expect(granted14)
        for (name, key) in [("x", 5.0), ("y", 1.0), ("z", 5.0), ("w", 1.0)] {
            pool.request(name, priority: key, at: 0)
        }
        var order: [String] = []
        for t in 1...4 {
            pool.release(at: Double(t))
            if let next = pool.nextGrant(at: Double(t)) { order.append(next.request) }
        }
        #expect(order == ["y", "w", "x", "z"])
    }

    @Test("utilisation is the time-weighted share of capacity in use")
    func utilisation() {
        var pool = ResourcePool(capacity: 2, line: FIFOLine<Int>())
        pool.request(1, at: 0)       // 1 busy on [0, 4)
        pool.request(2, at: 2)       // 2 busy on [2, 4)
        pool.release(at: 4)
        pool.release(at: 4)          // idle on [4, 8)
        // busy area = 1·2 + 2·2 = 6 over 8 hours of 2 units = 6/16
        #expect(abs(pool.utilisation(at: 8) - 6.0 / 16.0) < 1e-12)
        #expect(pool.busy.maximum == 2)
    }

    @Test("lowering capacity lets running work finish but grants nothing new")
    func capacityChange() {
        var pool = ResourcePool(capacity: 2, line: FIFOLine<Int>())
        pool.request(1, at: 0)
        pool.request(2, at: 0)
        pool.request(3, at: 0)
        pool.setCapacity(1, at: 1)
        pool.release(at: 2)
        #expect(pool.nextGrant(at: 2) == nil)   // 1 in use = capacity
        pool.release(at: 3)
        let next15 = pool.nextGrant(at: 3)
        #expect(next15?.request == 3)
    }
}

@Suite("Monitors")
struct MonitorTests {
    @Test("tally matches the two-pass mean and variance, and merges exactly")
    func tally() {
        let xs: [Double] = (0..<1000).map { Double(($0 * 7919) % 1013) / 10 }
        var all = Tally(), left = Tally(), right = Tally()
        for (i, x) in xs.enumerated() {
            all.record(x)
            if i < 400 { left.record(x) } else { right.record(x) }
        }
        let mean = xs.reduce(0, +) / Double(xs.count)
        let variance = xs.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(xs.count - 1)
        #expect(abs(all.mean - mean) < 1e-9)
        #expect(abs(all.variance - variance) < 1e-7)
        left.merge(right)
        #expect(left.count == 1000)
        #expect(abs(left.mean - mean) < 1e-9 && abs(left.variance - variance) < 1e-7)
        #expect(left.minimum == xs.min() && left.maximum == xs.max())
    }

    @Test("time-weighted mean integrates a step function")
    func timeWeighted() {
        var m = TimeWeightedMonitor(start: 0)
        m.record(2, at: 1)
        m.record(0, at: 3)
        #expect(m.mean(at: 4) == 1)
        m.record(4, at: 4)
        #expect(m.integral(at: 6) == 12)
        #expect(m.maximum == 4)
        m.reset(at: 6)
        #expect(m.mean(at: 8) == 4)
    }
}
