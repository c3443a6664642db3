import DequeModule
import HeapModule

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
    struct Item: Comparable {
        @usableFromInline let priority: Double
        @usableFromInline let sequence: UInt64
        @usableFromInline let request: Request
        @usableFromInline let units: Int

        @inlinable
        init(priority: Double, sequence: UInt64, request: Request, units: Int) {
            self.priority = priority
            self.sequence = sequence
            self.request = request
            self.units = units
        }

        @inlinable
        static func < (lhs: Item, rhs: Item) -> Bool {
            lhs.priority < rhs.priority || (lhs.priority == rhs.priority && lhs.sequence < rhs.sequence)
        }

        @inlinable
        static func == (lhs: Item, rhs: Item) -> Bool {
            lhs.priority == rhs.priority && lhs.sequence == rhs.sequence
        }
    }

    @usableFromInline var heap: Heap<Item> = Heap()
    @usableFromInline var nextSequence: UInt64 = 0

    public init() {}

    @inlinable public var count: Int { heap.count }

    @inlinable
    public mutating func enqueue(_ request: Request, units: Int, priority: Double) {
        heap.insert(Item(priority: priority, sequence: nextSequence, request: request, units: units))
        nextSequence &+= 1
    }

    @inlinable
    public func peek() -> (request: Request, units: Int)? {
        heap.min.map { ($0.request, $0.units) }
    }

    @inlinable
    public mutating func dequeue() -> (request: Request, units: Int)? {
        heap.popMin().map { ($0.request, $0.units) }
    }
}

extension FIFOLine: Sendable where Request: Sendable {}
extension PriorityLine: Sendable where Request: Sendable {}
extension PriorityLine.Item: Sendable where Request: Sendable {}
