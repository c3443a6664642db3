extension Distribution {
    /// The distribution of `factor` times a draw of this one — for work
    /// content that grows with building size. Exact for every family:
    /// closed families keep their type with scaled parameters; Poisson and
    /// Bernoulli, which scaling leaves, become ``scaled(_:factor:)``.
    ///
    ///     Distribution.triangular(min: 10, mode: 14, max: 22).scaled(by: 2)
    ///     // triangular(20, 28, 44)
    ///     Distribution.poisson(mean: 3).scaled(by: 2)   // 2 × poisson(mean: 3)
    ///
    /// `factor` must be finite and ≥ 0; 0 gives `constant(0)`. Any other
    /// factor is kept as `.scaled(self, factor:)`, which ``validate()``
    /// rejects, so a bad size never passes silently.
    public func scaled(by factor: Double) -> Distribution {
        guard factor.isFinite, factor >= 0 else { return .scaled(self, factor: factor) }
        if factor == 0 { return .constant(0) }
        if factor == 1 { return self }
        switch self {
        case let .constant(value):
            return .constant(value * factor)
        case let .uniform(min, max):
            return .uniform(min: min * factor, max: max * factor)
        case let .exponential(mean):
            return .exponential(mean: mean * factor)
        case let .triangular(min, mode, max):
            return .triangular(min: min * factor, mode: mode * factor, max: max * factor)
        case let .pert(min, mode, max, lambda):
            return .pert(min: min * factor, mode: mode * factor, max: max * factor, lambda: lambda)
        case let .lognormal(parameters):
            return .lognormal(parameters.scaled(by: factor))
        case let .gamma(shape, scale):
            return .gamma(shape: shape, scale: scale * factor)
        case let .normal(mean, sd):
            // Truncation at 0 commutes with a positive scale.
            return .normal(mean: mean * factor, sd: sd * factor)
        case .poisson, .bernoulli:
            return .scaled(self, factor: factor)
        case let .empirical(table):
            return .empirical(table.scaled(by: factor))
        case let .scaled(inner, existing):
            return .scaled(inner, factor: existing * factor)
        }
    }
}
