/// One resident-reported defect while it is in flight (reported, waiting
/// for or visited by a responder); its slot is reused once the responder is done.
struct DefectReport {
    var reportedAt: Double
    var complex: Bool
    var registeredAt = Double.nan
}
