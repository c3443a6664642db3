/// Where a work order is in its life.
public enum OrderState: UInt8, Sendable, Codable {
    /// Its community is not released yet, or a predecessor is not accepted.
    case waiting
    /// Ready, acquiring crews (possibly holding some already).
    case queued
    /// Held back because a shutdown would interrupt it; re-queued when the window ends.
    case held
    /// Its year's budget is spent; re-queued on 1 January.
    case budgetWait
    case running
    /// Work done, waiting for a supervisor or being inspected.
    case inspection
    case accepted
    /// Cannot be placed within the simulated horizon.
    case stranded
}
