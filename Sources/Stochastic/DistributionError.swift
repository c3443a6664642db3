import Foundation

/// Why a ``Distribution`` cannot be used, worded for the planner who wrote
/// it: what is wrong and what was expected.
///
///     try Distribution.triangular(min: 10, mode: 30, max: 22).validate()
///     // throws "triangular: mode 30 is above max 22; expected min ≤ mode ≤ max"
public enum DistributionError: Error, CustomStringConvertible, Equatable, Sendable {
    /// A parameter (or `values[i]`, `weights[i]`) is NaN or infinite.
    case notFinite(family: Distribution.Family, parameter: String, value: Double)
    /// A parameter that must be above 0 is not.
    case notPositive(family: Distribution.Family, parameter: String, value: Double)
    /// A parameter that must not be negative is.
    case negative(family: Distribution.Family, parameter: String, value: Double)
    /// `parameter` lies above `bound`, e.g. mode above max.
    case outOfOrder(
        family: Distribution.Family, parameter: String, value: Double,
        bound: String, boundValue: Double, expected: String
    )
    /// min equals max where a proper range is needed.
    case emptyRange(family: Distribution.Family, value: Double)
    /// A probability outside [0, 1].
    case notAProbability(family: Distribution.Family, parameter: String, value: Double)
    /// A parameter above what the sampler supports.
    case tooLarge(family: Distribution.Family, parameter: String, value: Double, limit: Double)
    /// An empirical distribution without values.
    case noValues
    /// An empirical table with a different number of weights than values.
    case weightCountMismatch(values: Int, weights: Int)
    /// A negative weight in an empirical table.
    case negativeWeight(index: Int, value: Double)
    /// An empirical table whose weights add up to 0.
    case zeroTotalWeight

    public var description: String {
        switch self {
        case let .notFinite(family, parameter, value):
            "\(family): \(parameter) is \(value.formatted); expected a finite number"
        case let .notPositive(family, parameter, value):
            "\(family): \(parameter) \(value.formatted) is not positive; expected \(parameter) > 0"
                + (parameter == "sd" ? " (for a fixed value use a constant)" : "")
        case let .negative(family, parameter, value):
            "\(family): \(parameter) \(value.formatted) is negative; expected \(parameter) ≥ 0"
        case let .outOfOrder(family, parameter, value, bound, boundValue, expected):
            "\(family): \(parameter) \(value.formatted) is above \(bound) \(boundValue.formatted); expected \(expected)"
        case let .emptyRange(family, value):
            "\(family): min and max are both \(value.formatted); expected min < max "
                + "(for a fixed value use a constant)"
        case let .notAProbability(family, parameter, value):
            "\(family): \(parameter) \(value.formatted) is not a probability; expected 0 ≤ \(parameter) ≤ 1"
        case let .tooLarge(family, parameter, value, limit):
            "\(family): \(parameter) \(value.formatted) is too large; expected \(parameter) ≤ \(limit.formatted)"
        case .noValues:
            "empirical: no values; expected at least one"
        case let .weightCountMismatch(values, weights):
            "empirical: \(weights) weights for \(values) values; expected one weight per value"
        case let .negativeWeight(index, value):
            "empirical: weights[\(index)] is \(value.formatted); expected weights ≥ 0"
        case .zeroTotalWeight:
            "empirical: the weights add up to 0; expected at least one positive weight"
        }
    }
}

extension Double {
    /// The number as a planner would write it: `30`, not `30.0`, and at
    /// most six significant digits (`2.7501`, not `2.7500988048912953` —
    /// scaled distributions in a sensitivity table would otherwise print
    /// every digit of their factors).
    var formatted: String {
        if isFinite, self == rounded(), abs(self) < 1e15 { return String(Int64(self)) }
        guard isFinite, self != 0 else { return String(self) }
        let scale = pow(10, 5 - floor(log10(abs(self))))
        guard scale.isFinite, scale > 0 else { return String(self) }
        let short = (self * scale).rounded() / scale
        if short == short.rounded(), abs(short) < 1e15 { return String(Int64(short)) }
        return String(short)
    }
}
