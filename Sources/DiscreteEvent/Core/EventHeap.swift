/// The 4-ary min-heap under `EventCalendar`, ordered by (time, sequence).
///
/// Hand-written rather than swift-collections' `Heap` because the engine
/// only ever needs the minimum: `Heap` is a min-max heap whose extra
/// comparisons per level, and a uniqueness check per element access, cost
/// about a fifth of the engine's time in the M/M/3 benchmark (perf). Here
/// each operation takes the buffer once and moves a hole instead of swapping.
///
/// Four children per node rather than two: a national-scale run keeps a few
/// hundred thousand events pending, a heap of several megabytes, and the
/// profile showed the pop's descent stalled on cache misses at every level.
/// Half the levels means half the misses; the four children of a node are
/// adjacent in memory. The order is a total order, so events come out in
/// exactly the same sequence as from a binary heap.
///
/// Invariant: no entry precedes its parent (the entry at `(i - 1) / 4`), so
/// the first entry is the minimum. Debug builds check it around every entry
/// a mutation places (`EventHeap+Invariants.swift`).
@usableFromInline
struct EventHeap<Event> {
    @usableFromInline
    struct Entry {
        @usableFromInline let time: Double
        @usableFromInline let sequence: UInt64
        @usableFromInline let event: Event

        @inlinable
        init(time: Double, sequence: UInt64, event: Event) {
            self.time = time
            self.sequence = sequence
            self.event = event
        }

        @inlinable @inline(__always)
        func precedes(_ other: Entry) -> Bool {
            time < other.time || (time == other.time && sequence < other.sequence)
        }
    }

    @usableFromInline var storage: ContiguousArray<Entry> = []

    @inlinable init() {}

    @inlinable var count: Int { storage.count }
    @inlinable var isEmpty: Bool { storage.isEmpty }
    @inlinable var min: Entry? { storage.first }

    /// - Complexity: O(log n).
    @inlinable
    mutating func insert(_ entry: Entry) {
        storage.append(entry)
        let placed = storage.withUnsafeMutableBufferPointer { heap in
            var hole = heap.count - 1
            while hole > 0 {
                let parent = (hole - 1) / 4
                guard entry.precedes(heap[parent]) else { break }
                heap[hole] = heap[parent]
                hole = parent
            }
            heap[hole] = entry
            return hole
        }
        _checkInvariants(around: placed)
    }

    /// - Complexity: O(log n).
    @inlinable
    mutating func popMin() -> Entry? {
        guard let last = storage.popLast() else { return nil }
        guard !storage.isEmpty else { return last }
        let (top, placed) = storage.withUnsafeMutableBufferPointer { heap in
            let top = heap[0]
            let count = heap.count
            var hole = 0
            while true {
                let first = 4 * hole + 1
                guard first < count else { break }
                var child = first
                for other in first + 1..<Swift.min(first + 4, count) where heap[other].precedes(heap[child]) {
                    child = other
                }
                guard heap[child].precedes(last) else { break }
                heap[hole] = heap[child]
                hole = child
            }
            heap[hole] = last
            return (top, hole)
        }
        _checkInvariants(around: placed)
        return top
    }
}

extension EventHeap: Sendable where Event: Sendable {}
extension EventHeap.Entry: Sendable where Event: Sendable {}
