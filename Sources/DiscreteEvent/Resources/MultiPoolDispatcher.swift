/// Pools of identical units, and waiting requests that each need units of
/// several pools at once: granted all at once or not at all, best-ranked
/// first, one decision at a time.
///
/// Every request belongs to a *class*, and every request of a class needs
/// the same units (in renosim a class is a work type, a pool a trade). A
/// decision — a *pass*, made once per simulated instant after everything
/// of that instant has happened — goes through the waiting requests
/// best-ranked first and grants each one whose units are all free. A
/// request that does not fit holds nothing and waits for the next pass.
/// These are the semantics of the parallel schedule-generation scheme of
/// project scheduling.
///
/// Rank: urgent requests (rework) before normal ones, then the lower key
/// (the dispatch rule's number), then the lower request number.
///
/// Free units only shrink during a pass, and all requests of a class need
/// the same units: once a class's best request does not fit, none of that
/// class fits for the rest of the pass. So a pass is a merge of the class
/// queues' heads rather than a scan of every waiting request.
///
/// **Starvation guard.** A pass's first blocked request — the best-ranked
/// one that does not fit — reserves the pools it needs once it has waited
/// `guardHours`: no request ranked below it takes units of those pools for
/// the rest of the pass. Units then accumulate for it as work ends, and
/// lower-ranked requests can no longer overtake it for ever. `.infinity`
/// turns the guard off (pure parallel scheme).
///
///     var d = MultiPoolDispatcher(capacity: [2, 1], needs: [[(0, 1)], [(0, 1), (1, 1)]])
///     d.enqueue(7, class: 1, key: 5, urgent: false, since: 0)
///     d.beginPass()
///     while let (request, c) = d.next(at: 0) { d.take(class: c) }   // request 7
///
/// - Complexity: `enqueue` O(log n); a pass O((g + c) · c + g · log n) for
///   g grants and c classes. No allocation once the queues have grown.
public struct MultiPoolDispatcher {
    @usableFromInline
    struct Waiting {
        @usableFromInline let request: Int32
        /// When it joined the queue, for the guard.
        @usableFromInline let since: Double

        @inlinable
        init(request: Int32, since: Double) {
            self.request = request
            self.since = since
        }
    }

    /// Units of each pool not in use.
    @inlinable public var free: [Int] { _free }
    @usableFromInline var _free: [Int]
    public let capacity: [Int]
    /// Needs of class c: `needPool[needStart[c]..<needStart[c + 1]]` (and `needUnits`).
    @usableFromInline let needStart: [Int]
    @usableFromInline let needPool: [Int]
    @usableFromInline let needUnits: [Int]
    /// Class c's urgent queue is `queues[2c]`, its normal queue `queues[2c + 1]`;
    /// each ordered by (key, request number).
    @usableFromInline var queues: [EventHeap<Waiting>]
    /// Requests waiting in all queues.
    @inlinable public var waitingCount: Int { _waitingCount }
    @usableFromInline var _waitingCount = 0
    /// How long the first blocked request must have waited before it
    /// reserves its pools; `.infinity` for no guard.
    public var guardHours: Double

    /// Bit q (word q / 64) set while `queues[q]` holds a request: a pass
    /// looks only at non-empty queues of classes not blocked.
    @usableFromInline var nonEmpty: [UInt64]

    // The pass under way.
    /// Bits 2c and 2c + 1 (class c's two queues) set once class c is blocked.
    @usableFromInline var blockedQueues: [UInt64]
    @usableFromInline var reserved: [Bool]
    @usableFromInline var anyReserved = false
    /// Whether the pass has met its first blocked request (the only one that may reserve).
    @usableFromInline var firstBlockedSeen = false

    /// For each class, bit i set when its need i was short (or reserved) the
    /// last time the class was blocked: which trades held it back.
    @inlinable public var shortNeeds: [UInt64] { _shortNeeds }
    @usableFromInline var _shortNeeds: [UInt64]

    /// Pools with `capacity` units each; class c needs `needs[c]` as
    /// (pool, units) pairs.
    public init(capacity: [Int], needs: [[(pool: Int, units: Int)]], guardHours: Double = .infinity) {
        self.capacity = capacity.map { max(0, $0) }
        _free = self.capacity
        var start = [0], pool: [Int] = [], units: [Int] = []
        for list in needs {
            pool += list.map(\.pool)
            units += list.map(\.units)
            start.append(pool.count)
        }
        needStart = start
        needPool = pool
        needUnits = units
        queues = Array(repeating: EventHeap<Waiting>(), count: 2 * needs.count)
        nonEmpty = [UInt64](repeating: 0, count: (2 * needs.count + 63) / 64)
        blockedQueues = nonEmpty
        classCount = needs.count
        reserved = [Bool](repeating: false, count: capacity.count)
        _shortNeeds = [UInt64](repeating: 0, count: needs.count)
        self.guardHours = guardHours
    }

    public let classCount: Int

    /// Adds a request to wait for the next pass.
    @inlinable
    public mutating func enqueue(_ request: Int32, class c: Int, key: Double, urgent: Bool, since: Double) {
        let q = 2 * c + (urgent ? 0 : 1)
        queues[q].insert(.init(time: key, sequence: UInt64(UInt32(bitPattern: request)),
                               event: Waiting(request: request, since: since)))
        nonEmpty[q >> 6] |= 1 << UInt64(q & 63)
        _waitingCount += 1
    }

    /// Starts a decision: no class blocked, no pool reserved.
    @inlinable
    public mutating func beginPass() {
        for w in blockedQueues.indices { blockedQueues[w] = 0 }
        if anyReserved {
            for p in reserved.indices { reserved[p] = false }
            anyReserved = false
        }
        firstBlockedSeen = false
    }

    /// The best-ranked waiting request whose units are all free (and not
    /// reserved), removed from its queue; nil when none fits. The caller
    /// either starts it with `take(class:)` or sends it elsewhere (it holds nothing).
    @inlinable
    public mutating func next(at now: Double) -> (request: Int32, class: Int)? {
        while true {
            // The best head among the non-empty queues of classes not blocked.
            var best = -1
            var bestHead = EventHeap<Waiting>.Entry(time: 0, sequence: 0, event: Waiting(request: 0, since: 0))
            for w in nonEmpty.indices {
                var bits = nonEmpty[w] & ~blockedQueues[w]
                while bits != 0 {
                    let q = w << 6 | bits.trailingZeroBitCount
                    bits &= bits - 1
                    let head = queues[q].min.unsafelyUnwrapped
                    if best < 0 || ranksBefore(head, queue: q, bestHead, queue: best) {
                        best = q
                        bestHead = head
                    }
                }
            }
            guard best >= 0 else { return nil }
            let c = best / 2
            let short = shortfall(class: c)
            if short == 0 {
                _ = queues[best].popMin()
                if queues[best].isEmpty { nonEmpty[best >> 6] &= ~(1 << UInt64(best & 63)) }
                _waitingCount -= 1
                return (bestHead.event.request, c)
            }
            // 2c is even, so both of the class's bits are in one word.
            blockedQueues[(2 * c) >> 6] |= 3 << UInt64((2 * c) & 63)
            _shortNeeds[c] = short
            // Only the pass's first blocked request may reserve.
            if !firstBlockedSeen {
                firstBlockedSeen = true
                if now - bestHead.event.since >= guardHours {
                    for i in needStart[c]..<needStart[c + 1] { reserved[needPool[i]] = true }
                    anyReserved = true
                }
            }
        }
    }

    @inlinable @inline(__always)
    func ranksBefore(_ a: EventHeap<Waiting>.Entry, queue qa: Int,
                     _ b: EventHeap<Waiting>.Entry, queue qb: Int) -> Bool {
        let ua = qa & 1, ub = qb & 1   // 0 urgent, 1 normal
        if ua != ub { return ua < ub }
        return a.precedes(b)
    }

    /// Bits of the needs of class c that cannot be met now; 0 when it fits.
    @inlinable
    func shortfall(class c: Int) -> UInt64 {
        var mask: UInt64 = 0
        let first = needStart[c]
        for i in first..<needStart[c + 1] {
            let p = needPool[i]
            if _free[p] < needUnits[i] || (anyReserved && reserved[p]) { mask |= 1 << UInt64(min(63, i - first)) }
        }
        return mask
    }

    /// Whether class c's needs are all free now (reservations aside).
    @inlinable
    public func fits(class c: Int) -> Bool {
        for i in needStart[c]..<needStart[c + 1] where _free[needPool[i]] < needUnits[i] { return false }
        return true
    }

    /// Takes the units of one request of class c.
    @inlinable
    public mutating func take(class c: Int) {
        for i in needStart[c]..<needStart[c + 1] { _free[needPool[i]] -= needUnits[i] }
    }

    /// Returns the units of one request of class c.
    @inlinable
    public mutating func release(class c: Int) {
        for i in needStart[c]..<needStart[c + 1] { _free[needPool[i]] += needUnits[i] }
    }

    /// The pools and units class c needs.
    public func needs(of c: Int) -> [(pool: Int, units: Int)] {
        (needStart[c]..<needStart[c + 1]).map { (needPool[$0], needUnits[$0]) }
    }

    /// Checks the counts: free units within [0, capacity], the waiting
    /// count equal to the queues' sizes. Compiled in debug builds only.
    public func checkInvariants() {
        #if DEBUG
        for p in _free.indices {
            precondition(_free[p] >= 0 && _free[p] <= capacity[p], "pool \(p): \(_free[p]) free of \(capacity[p])")
        }
        precondition(_waitingCount == queues.reduce(0) { $0 + $1.count }, "waiting count out of step with the queues")
        for q in queues.indices {
            precondition(queues[q].isEmpty == (nonEmpty[q >> 6] & (1 << UInt64(q & 63)) == 0), "queue \(q)'s bit out of step")
        }
        #endif
    }
}

extension MultiPoolDispatcher: Sendable {}
extension MultiPoolDispatcher.Waiting: Sendable {}
