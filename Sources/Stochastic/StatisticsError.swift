/// Why a statistic cannot be computed: what is wrong and what was expected.
///
///     try Statistics.meanConfidenceInterval(values, level: 95)
///     // throws "confidence level 95 is outside (0, 1); expected e.g. 0.95 for 95 %"
public enum StatisticsError: Error, CustomStringConvertible, Equatable, Sendable {
    /// A confidence level not strictly between 0 and 1.
    case invalidLevel(Double)
    /// Success and trial counts that do not fit 0 ≤ successes ≤ trials.
    case invalidCounts(successes: Int, trials: Int)
    /// A sample too small for the computation.
    case tooFewValues(computation: String, needed: Int, got: Int)
    /// Two samples that must be paired have different lengths.
    case lengthMismatch(first: Int, second: Int)
    /// A sample contains NaN.
    case notANumber(computation: String)

    public var description: String {
        switch self {
        case let .invalidLevel(level):
            "confidence level \(level.formatted) is outside (0, 1); expected e.g. 0.95 for 95 %"
        case let .invalidCounts(successes, trials):
            "\(successes) successes in \(trials) trials; expected 0 ≤ successes ≤ trials"
        case let .tooFewValues(computation, needed, got):
            "\(computation): a sample has \(got) values; expected at least \(needed)"
        case let .lengthMismatch(first, second):
            "paired samples of \(first) and \(second) values; expected equal lengths"
        case let .notANumber(computation):
            "\(computation): a sample contains NaN; expected numbers only"
        }
    }
}
