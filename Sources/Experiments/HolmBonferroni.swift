/// Holm's step-down correction for many tests at once: it keeps the chance
/// of flagging anything when nothing changed (the family-wise error) at
/// most α whatever the dependence between the tests, and rejects more than
/// plain Bonferroni.
///
///     HolmBonferroni.adjust([0.01, 0.04, 0.03])   // [0.03, 0.06, 0.06]
///
/// A test is rejected at level α when its adjusted p is ≤ α.
///
/// - Complexity: O(m log m) for m tests.
public enum HolmBonferroni {
    /// Adjusted p-values, in the order given: with p sorted ascending,
    /// p̃(i) = max over j ≤ i of min(1, (m − j + 1)·p(j)). NaN counts as 1.
    public static func adjust(_ pValues: [Double]) -> [Double] {
        let m = pValues.count
        let p = pValues.map { $0.isNaN ? 1 : min(1, max(0, $0)) }
        // Ties keep their input order, so the result is deterministic.
        let order = p.indices.sorted { (p[$0], $0) < (p[$1], $1) }
        var adjusted = [Double](repeating: 1, count: m)
        var running = 0.0
        for (rank, i) in order.enumerated() {
            running = max(running, min(1, Double(m - rank) * p[i]))
            adjusted[i] = running
        }
        return adjusted
    }
}
