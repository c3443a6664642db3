import Foundation

extension Distribution {
    /// A lognormal's parameters: the log-scale `mu` and `sigma` it samples
    /// with, and the form the user wrote it in, so that encoding writes back
    /// exactly what was read.
    ///
    ///     let l = Distribution.Lognormal(mean: 5, sd: 2)
    ///     l.sigma        // √ln(1 + 4/25) ≈ 0.385
    ///     l.written      // .meanSD(mean: 5, sd: 2)
    public struct Lognormal: Sendable, Hashable {
        /// How the parameters were given.
        public enum Form: Sendable, Hashable {
            /// As `mu` and `sigma` of the logarithm.
            case logScale
            /// As the mean and standard deviation of the value itself.
            case meanSD(mean: Double, sd: Double)
        }

        /// Mean of the logarithm.
        public let mu: Double
        /// Standard deviation of the logarithm.
        public let sigma: Double
        /// The form the parameters were written in.
        public let written: Form

        /// From the mean and sd of the logarithm.
        public init(mu: Double, sigma: Double) {
            self.mu = mu
            self.sigma = sigma
            self.written = .logScale
        }

        /// From the mean and sd of the value: σ² = ln(1 + sd²/mean²),
        /// μ = ln(mean) − σ²/2.
        public init(mean: Double, sd: Double) {
            let ratio = sd / mean
            let variance = log1p(ratio * ratio)
            self.mu = log(mean) - variance / 2
            self.sigma = variance.squareRoot()
            self.written = .meanSD(mean: mean, sd: sd)
        }

        /// The same law for a value multiplied by `factor` (> 0), kept in
        /// the form it was written in.
        func scaled(by factor: Double) -> Lognormal {
            switch written {
            case .logScale: Lognormal(mu: mu + log(factor), sigma: sigma)
            case let .meanSD(mean, sd): Lognormal(mean: mean * factor, sd: sd * factor)
            }
        }
    }
}
