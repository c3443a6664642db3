extension EventHeap {
    /// Traps unless no entry precedes its parent. Compiled into debug and
    /// test builds only; an empty function in release.
    ///
    /// - Complexity: O(n).
    @inlinable
    func _checkInvariants() {
        #if DEBUG
        for i in storage.indices.dropFirst() {
            precondition(!storage[i].precedes(storage[(i - 1) / 4]), "EventHeap: entry \(i) precedes its parent")
        }
        #endif
    }

    /// The same, for the entry at `position` against its parent and its
    /// children only: what a mutation that placed an entry there can break.
    /// Called after every insert and pop in debug builds, where the O(n)
    /// check would make a test simulation quadratic.
    ///
    /// - Complexity: O(1).
    @inlinable
    func _checkInvariants(around position: Int) {
        #if DEBUG
        guard storage.indices.contains(position) else { return }
        if position > 0 {
            precondition(!storage[position].precedes(storage[(position - 1) / 4]),
                         "EventHeap: entry \(position) precedes its parent")
        }
        let first = 4 * position + 1
        for child in stride(from: first, to: Swift.min(first + 4, storage.count), by: 1) {
            precondition(!storage[child].precedes(storage[position]), "EventHeap: entry \(child) precedes its parent")
        }
        #endif
    }
}
