/// Why a correlation set-up cannot be used: what is wrong and what was expected.
///
///     try GaussianCopula(correlation: [[1, 0.9], [0.8, 1]])
///     // throws "correlation matrix: entry [0][1] is 0.9 but [1][0] is 0.8; expected a symmetric matrix"
public enum CopulaError: Error, CustomStringConvertible, Equatable, Sendable {
    /// No rows at all.
    case empty
    /// Row `row` has `count` entries instead of `expected`.
    case notSquare(row: Int, count: Int, expected: Int)
    /// An entry is NaN or infinite.
    case notFinite(row: Int, column: Int, value: Double)
    /// An entry lies outside [−1, 1].
    case outOfRange(row: Int, column: Int, value: Double)
    /// A diagonal entry is not 1.
    case diagonalNotOne(index: Int, value: Double)
    /// Entry [row][column] differs from [column][row].
    case notSymmetric(row: Int, column: Int, value: Double, mirror: Double)
    /// The correlations contradict each other (or two are perfect).
    case notPositiveDefinite
    /// A common-factor correlation outside [0, 1].
    case rhoOutOfRange(Double)
    /// A different number of marginals (or values) than the copula's dimension.
    case dimensionMismatch(expected: Int, got: Int)

    public var description: String {
        let subject = "correlation matrix"
        return switch self {
        case .empty:
            "\(subject): no rows; expected a square matrix with at least one row"
        case let .notSquare(row, count, expected):
            "\(subject): row \(row) has \(count) entries; expected \(expected) (a square matrix)"
        case let .notFinite(row, column, value):
            "\(subject): entry [\(row)][\(column)] is \(value.formatted); expected a finite number"
        case let .outOfRange(row, column, value):
            "\(subject): entry [\(row)][\(column)] is \(value.formatted); expected a correlation in [-1, 1]"
        case let .diagonalNotOne(index, value):
            "\(subject): diagonal entry [\(index)][\(index)] is \(value.formatted); expected 1"
        case let .notSymmetric(row, column, value, mirror):
            "\(subject): entry [\(row)][\(column)] is \(value.formatted) but [\(column)][\(row)] is "
                + "\(mirror.formatted); expected a symmetric matrix"
        case .notPositiveDefinite:
            "\(subject): not positive definite — some correlations contradict each other, or two "
                + "variables are perfectly correlated; expected a valid correlation matrix"
        case let .rhoOutOfRange(rho):
            "common factor: correlation \(rho.formatted) is outside [0, 1]; expected 0 ≤ rho ≤ 1"
        case let .dimensionMismatch(expected, got):
            "correlated draw: \(got) marginals for a \(expected)-dimensional copula; expected \(expected)"
        }
    }
}
