/// A probability distribution of one real quantity — a work content in
/// hours, a number of defects, whether an inspection fails.
///
/// A `Distribution` is a plain value: write it in a scenario, check it with
/// ``validate()``, draw from it with ``sample(_:)``, and ask for its
/// ``mean``, ``variance``, ``quantile(_:)`` and ``cdf(_:)``.
///
///     let content = Distribution.triangular(min: 10, mode: 14, max: 22)
///     try content.validate()
///     let hours = content.sample(stream)          // 10 ≤ hours ≤ 22
///     content.mean                                // 15.333…
///     content.scaled(by: 1.5)                     // triangular(15, 21, 33)
///
/// In a scenario file it is an object with a `type` and named parameters,
/// or a bare number for a constant:
///
///     { type: pert, min: 10, mode: 14, max: 22 }
///     { type: lognormal, mean: 5, sd: 2 }
///     { type: empirical, values: [1, 2, 3], weights: [0.2, 0.5, 0.3] }
///     12
///
/// Every draw comes from GSL through the given ``RandomStream``. The
/// functions assume a valid distribution: a decoded one always is; build
/// one in code and call ``validate()`` before use. An invalid one never
/// traps or hangs, but its draws and moments are meaningless (often NaN).
public enum Distribution: Sendable, Hashable {
    /// Always `value`.
    case constant(Double)
    /// Uniform on [min, max], min < max.
    case uniform(min: Double, max: Double)
    /// Exponential with the given mean (> 0).
    case exponential(mean: Double)
    /// Triangular on [min, max] with its peak at `mode`.
    case triangular(min: Double, mode: Double, max: Double)
    /// PERT: a beta on [min, max] with its mode at `mode`; `lambda` (usually
    /// 4, see ``pert(min:mode:max:)``) sets how strongly it peaks.
    case pert(min: Double, mode: Double, max: Double, lambda: Double)
    /// Lognormal; build with ``lognormal(mean:sd:)`` or ``lognormal(mu:sigma:)``.
    case lognormal(Lognormal)
    /// Gamma with shape k and scale θ: mean kθ, variance kθ².
    case gamma(shape: Double, scale: Double)
    /// Normal with the given mean and sd, truncated at 0 so it never yields
    /// a negative duration. Its ``mean`` is that of the truncated law.
    case normal(mean: Double, sd: Double)
    /// Poisson counts with the given mean.
    case poisson(mean: Double)
    /// 1 with probability p, else 0.
    case bernoulli(p: Double)
    /// One of the observed values, uniformly or by weight; build with
    /// ``empirical(values:)`` or ``empirical(values:weights:)``.
    case empirical(Empirical)
    /// `factor` times a draw of the inner distribution: what
    /// ``scaled(by:)`` returns for families that scaling leaves (Poisson,
    /// Bernoulli).
    indirect case scaled(Distribution, factor: Double)

    /// The families, as written in a scenario's `type` field.
    public enum Family: String, CaseIterable, Sendable, Codable {
        case constant, uniform, exponential, triangular, pert, lognormal, gamma
        case normal, poisson, bernoulli, empirical, scaled
    }

    /// The family of this distribution.
    public var family: Family {
        switch self {
        case .constant: .constant
        case .uniform: .uniform
        case .exponential: .exponential
        case .triangular: .triangular
        case .pert: .pert
        case .lognormal: .lognormal
        case .gamma: .gamma
        case .normal: .normal
        case .poisson: .poisson
        case .bernoulli: .bernoulli
        case .empirical: .empirical
        case .scaled: .scaled
        }
    }

    /// The PERT lambda used when none is given.
    public static let defaultPERTLambda = 4.0

    /// PERT with the customary lambda of 4.
    ///
    ///     Distribution.pert(min: 10, mode: 14, max: 22).mean   // 14.666…
    public static func pert(min: Double, mode: Double, max: Double) -> Distribution {
        .pert(min: min, mode: mode, max: max, lambda: defaultPERTLambda)
    }

    /// A lognormal with the given mean and standard deviation of the value
    /// itself (not of its logarithm).
    ///
    ///     Distribution.lognormal(mean: 5, sd: 2).mean   // 5
    public static func lognormal(mean: Double, sd: Double) -> Distribution {
        .lognormal(Lognormal(mean: mean, sd: sd))
    }

    /// A lognormal whose logarithm is normal with mean `mu` and sd `sigma`.
    ///
    ///     Distribution.lognormal(mu: 0, sigma: 1).quantile(0.5)   // 1
    public static func lognormal(mu: Double, sigma: Double) -> Distribution {
        .lognormal(Lognormal(mu: mu, sigma: sigma))
    }

    /// A gamma with the given mean and standard deviation:
    /// shape = mean²/sd², scale = sd²/mean.
    ///
    ///     Distribution.gamma(mean: 6, sd: 3)   // gamma(shape: 4, scale: 1.5)
    public static func gamma(mean: Double, sd: Double) -> Distribution {
        .gamma(shape: (mean / sd) * (mean / sd), scale: sd * (sd / mean))
    }

    /// Each of `values` equally likely.
    ///
    ///     Distribution.empirical(values: [3, 5, 8]).mean   // 5.333…
    public static func empirical(values: [Double]) -> Distribution {
        .empirical(Empirical(values: values))
    }

    /// `values[i]` with probability `weights[i] / Σ weights`.
    ///
    ///     Distribution.empirical(values: [1, 2], weights: [3, 1]).mean   // 1.25
    public static func empirical(values: [Double], weights: [Double]) -> Distribution {
        .empirical(Empirical(values: values, weights: weights))
    }
}
