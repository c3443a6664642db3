/// One resident-reported defect and the five "54321" checkpoints it passes.
struct DefectReport {
    var reportedAt: Double
    var complex: Bool
    var registeredAt = Double.nan
    var onSiteAt = Double.nan
    /// Small: fixed; complex: plan delivered.
    var resolvedAt = Double.nan
    var followedUpAt = Double.nan
}
