import DequeModule

/// The queue in front of a resource pool; which request is served next is
/// the line's dispatch rule.
///
/// A pool is generic over its line, so the rule is chosen at compile time
/// and costs no dynamic dispatch.
public protocol WaitingLine {
    associatedtype Request

    var count: Int { get }
    /// Adds a request. `priority` orders requests in lines that use it
    /// (lower is served first); FIFO lines ignore it.
    mutating func enqueue(_ request: Request, units: Int, priority: Double)
    /// The request that would be served next and how many units it needs.
    func peek() -> (request: Request, units: Int)?
    /// Removes and returns the request `peek` names.
    mutating func dequeue() -> (request: Request, units: Int)?
}

extension WaitingLine {
    @inlinable public var isEmpty: Bool { count == 0 }
}

/// First come, first served.
public struct FIFOLine<Request>: WaitingLine {
    @usableFromInline var items: Deque<(request: Request, units: Int)> = []

    public init() {}

    @inlinable public var count: Int { items.count }

    @inlinable
    public mutating func enqueue(_ request: Request, units: Int, priority: Double) {
        items.append((request, units))
    }

    @inlinable
    public func peek() -> (request: Request, units: Int)? { items.first }

    @inlinable
    public mutating func dequeue() -> (request: Request, units: Int)? { items.popFirst() }
}

/// Lowest priority value first; equal priorities first come, first served.
///
/// Every dispatch rule that ranks requests by a number (shortest job
/// first, earliest due date, latest finish time, community batches) is this
/// line with the rule's key as the priority.
public struct PriorityLine<Request>: WaitingLine {
    @usableFromInline
    struct Waiting {
        @usableFromInline let request: Request
        @usableFromInline let units: Int

        @inlinable
        init(request: Request, units: Int) {
            self.request = request
            self.units = units
        }
    }

    // The event calendar's 4-ary heap, ordered by (priority, arrival): a
    // national programme keeps hundreds of thousands of jobs waiting per
    // trade, and swift-collections' min-max `Heap` (two comparisons per
    // level, a uniqueness check per access) was 4 % of such a run.
    @usableFromInline var heap = EventHeap<Waiting>()
    @usableFromInline var nextSequence: UInt64 = 0

    public init() {}

    @inlinable public var count: Int { heap.count }

    @inlinable
    public mutating func enqueue(_ request: Request, units: Int, priority: Double) {
        heap.insert(.init(time: priority, sequence: nextSequence, event: Waiting(request: request, units: units)))
        nextSequence &+= 1
    }

    @inlinable
    public func peek() -> (request: Request, units: Int)? {
        heap.min.map { ($0.event.request, $0.event.units) }
    }

    @inlinable
    public mutating func dequeue() -> (request: Request, units: Int)? {
        heap.popMin().map { ($0.event.request, $0.event.units) }
    }
}

extension FIFOLine: Sendable where Request: Sendable {}
extension PriorityLine: Sendable where Request: Sendable {}
extension PriorityLine.Waiting: Sendable where Request: Sendable {}
