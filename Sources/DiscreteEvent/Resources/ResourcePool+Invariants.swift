extension ResourcePool {
    /// Traps unless capacity and units in use are non-negative, the
    /// monitors hold the units in use and the line's length, and — right
    /// after a grant (`granted`) — the units in use fit the capacity. (A
    /// lowered capacity may leave more in use until those units come back,
    /// so that last one holds only when granting.) Compiled into debug and
    /// test builds only; an empty function in release.
    ///
    /// - Complexity: O(1).
    @inlinable
    func _checkInvariants(granted: Bool = false) {
        #if DEBUG
        precondition(_capacity >= 0, "ResourcePool: negative capacity \(_capacity)")
        precondition(_inUse >= 0, "ResourcePool: negative units in use \(_inUse)")
        precondition(!granted || _inUse <= _capacity, "ResourcePool: \(_inUse) units in use of \(_capacity) after a grant")
        precondition(_busy.value == Double(_inUse), "ResourcePool: busy monitor at \(_busy.value), \(_inUse) in use")
        precondition(_queueLength.value == Double(_line.count),
                     "ResourcePool: queue monitor at \(_queueLength.value), \(_line.count) waiting")
        #endif
    }
}
