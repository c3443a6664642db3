/// Where a work order is in its life. Every transition, in one place:
///
///     waiting ──(community released and every predecessor accepted)──▶ queued
///     queued ──(dispatch: all its crews free, calendar, money)──▶ running
///     queued ──(dispatch: would run into a shutdown, first time)──▶ held ──(window ends)──▶ queued
///     queued ──(dispatch: the start year's money is spent)──▶ budgetWait ──(1 January)──▶ queued
///     queued ──(dispatch: tranches arrived + advance cap spent)──▶ fundingWait ──(next tranche arrives)──▶ queued
///     queued ──(dispatch: no working time left before the horizon)──▶ stranded
///     running ──(work done; crews back)──▶ inspection ──(passes)──▶ accepted
///     running ──(work done, no supervisors)──▶ accepted
///     inspection ──(fails: rework, ranked ahead of new work)──▶ queued
///
/// Crews are taken only on `queued → running`, all at once, and returned
/// on `running → inspection/accepted`: an order holds crews exactly while
/// it runs. Acceptance counts down its successors' `remaining`
/// predecessors. What an order still is at the horizon is its stall reason.
public enum OrderState: UInt8, Sendable, Codable {
    /// Its community is not released yet, or a predecessor is not accepted.
    case waiting
    /// Ready, waiting in the dispatcher for its crews (it holds none).
    case queued
    /// Held back because a shutdown would interrupt it; re-queued when the window ends.
    case held
    /// Its year's budget is spent; re-queued on 1 January.
    case budgetWait
    /// Under way with its crews.
    case running
    /// Work done, waiting for a supervisor or being inspected.
    case inspection
    case accepted
    /// Cannot be placed within the simulated horizon.
    case stranded
    /// The money arrived and the city's advance are committed; re-queued when the next tranche arrives.
    case fundingWait
}
