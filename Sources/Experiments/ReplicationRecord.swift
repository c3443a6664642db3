import Renovation

/// The scalar results of one replication, as a result document stores
/// them: everything in a ``ReplicationResult`` but the per-order finish
/// times. Arrays are parallel to the name lists of the document
/// (``ResultDocument/Names``): `crewUtilisation[i]` is trade `names.trades[i]`.
///
/// Non-finite numbers (an attainment with no reports is NaN) are written
/// as JSON null and read back as NaN.
public struct ReplicationRecord: Codable, Sendable {
    public var replication: Int
    public var finished: Bool
    public var finishDays: Double
    public var deadlineMet: Bool
    /// Per community (``ResultDocument/Names/communities``).
    public var communityFinishDays: [Double]
    /// Per trade (``ResultDocument/Names/trades``).
    public var crewUtilisation: [Double]
    /// Per cause (``ResultDocument/Names/waitCauses``), days summed over work orders.
    public var waitDays: [Double]
    public var inspections: Int
    public var failedInspections: Int
    public var reworkHours: Double
    public var defectsReported: Int
    public var defectsComplex: Int
    /// Per service level (``ResultDocument/Names/serviceLevels``); NaN where none applied.
    public var serviceLevelAttainment: [Double]
    public var meanResponderWaitHours: Double
    public var householdDaysDisrupted: Double
    /// Per calendar year (``ResultDocument/Names/years``).
    public var completionsPerYear: [Int]
    /// Per calendar year (``ResultDocument/Names/years``).
    public var costPerYear: [Double]
    public var totalCost: Double
    public var peakSites: Int
    public var events: Int
    public var unfinishedOrders: Int
    /// What was stuck, when the replication stalled.
    public var stall: String?

    public init(_ r: ReplicationResult) {
        replication = r.replication
        finished = r.finished
        finishDays = r.finishDays
        deadlineMet = r.deadlineMet
        communityFinishDays = r.communityFinishDays
        crewUtilisation = r.crewUtilisation
        waitDays = r.waits.values
        inspections = r.inspections
        failedInspections = r.failedInspections
        reworkHours = r.reworkHours
        defectsReported = r.defects.reported
        defectsComplex = r.defects.complex
        serviceLevelAttainment = r.defects.attainment
        meanResponderWaitHours = r.defects.meanResponderWait
        householdDaysDisrupted = r.householdDaysDisrupted
        completionsPerYear = r.completionsPerYear
        costPerYear = r.costPerYear
        totalCost = r.totalCost
        peakSites = r.peakSites
        events = r.events
        unfinishedOrders = r.unfinishedOrders
        stall = r.stall
    }
}
