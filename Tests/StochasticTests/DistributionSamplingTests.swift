import Foundation
import Stochastic
import Testing

/// Every family, with the edge cases of its sampler (mode at an end,
/// gamma shape below 1, heavy truncation, Poisson's large-mean path, zero
/// weights).
let catalogue: [Distribution] = [
    .constant(3.5),
    .uniform(min: 2, max: 7),
    .exponential(mean: 3),
    .triangular(min: 10, mode: 14, max: 22),
    .triangular(min: 0, mode: 0, max: 5),
    .pert(min: 10, mode: 14, max: 22),
    .pert(min: 1, mode: 8, max: 10, lambda: 6),
    .lognormal(mean: 5, sd: 2),
    .lognormal(mu: 1.5, sigma: 0.3),
    .gamma(shape: 2.5, scale: 1.5),
    .gamma(shape: 0.5, scale: 2),
    .normal(mean: 5, sd: 2),
    .normal(mean: 0.5, sd: 2),
    .poisson(mean: 3.2),
    .poisson(mean: 40),
    .bernoulli(p: 0.3),
    .empirical(values: [3, 1, 4, 1, 5, 9, 2, 6]),
    .empirical(values: [40, 10, 30, 20], weights: [0.3, 0.1, 0.6, 0]),
    .poisson(mean: 3).scaled(by: 2.5),
    .triangular(min: 10, mode: 14, max: 22).scaled(by: 0.5),
]

func isDiscrete(_ distribution: Distribution) -> Bool {
    switch distribution {
    case .constant, .poisson, .bernoulli, .empirical: true
    case let .scaled(inner, _): isDiscrete(inner)
    default: false
    }
}

@Suite("Distribution sampling")
struct DistributionSamplingTests {
    static let count = 100_000

    @Test("draws match the analytic mean, variance and CDF", arguments: catalogue)
    func drawsMatchTheLaw(_ distribution: Distribution) throws {
        try distribution.validate()
        let n = Double(Self.count)
        // Each distribution gets its own stream, so the checks are independent.
        let index = try #require(catalogue.firstIndex(of: distribution))
        let values = draws(distribution, count: Self.count, purpose: UInt64(index))
        let sample = moments(values)

        // 99.9 % two-sided bound for the mean: |x̄ − μ| ≤ 3.29·σ/√n.
        #expect(abs(sample.mean - distribution.mean) <= 3.29 * (distribution.variance / n).squareRoot())

        // Var(s²) ≈ (μ₄ − σ⁴)/n. μ₄ is estimated from the same sample, so
        // allow 4 standard errors rather than 3.29 for that extra noise.
        let varianceError = (max(sample.fourth - sample.variance * sample.variance, 0) / n).squareRoot()
        #expect(abs(sample.variance - distribution.variance) <= 4 * varianceError)

        // One-sample KS against cdf at the 1 % level (1.63/√n); checked on
        // both sides of each jump, so it is conservative for discrete laws.
        #expect(kolmogorovDistance(values, distribution.cdf) < 1.63 / n.squareRoot())

        // Every draw lies in the support.
        let low = distribution.quantile(0)
        let high = distribution.quantile(1)
        #expect(values.allSatisfy { $0 >= low && $0 <= high })
    }

    @Test("quantile inverts cdf", arguments: catalogue)
    func quantileInvertsCDF(_ distribution: Distribution) {
        for p in stride(from: 0.01, through: 0.99, by: 0.01) {
            let q = distribution.quantile(p)
            #expect(distribution.cdf(q) >= p - 1e-9, "cdf(quantile(\(p)))")
            if isDiscrete(distribution) {
                // The smallest point with CDF ≥ p: just below it the CDF is short of p.
                #expect(distribution.cdf(q.nextDown) < p, "quantile(\(p)) = \(q) is not the smallest")
                #expect(distribution.quantile(distribution.cdf(q)) == q)
            } else {
                #expect(abs(distribution.cdf(q) - p) < 1e-9, "cdf(quantile(\(p)))")
                #expect(close(distribution.quantile(distribution.cdf(q)), q, 1e-7), "round trip at \(q)")
            }
        }
    }

    @Test("analytic moments and quantiles match scipy")
    func analyticValues() {
        // scipy.stats 1.17.1 references, e.g. truncnorm(-2.5, inf, loc=5, scale=2).mean().
        let checks: [(Distribution, mean: Double, variance: Double, p30: Double)] = [
            (.normal(mean: 5, sd: 2), 5.0352756509738335, 3.822377373579205, 3.976121512115044),
            (.normal(mean: 0.5, sd: 2), 1.7916787420336346, 1.6857266563615898, 0.908421385143636),
            (.normal(mean: 1, sd: 1), 1.2875999709391783, 0.6296862857766055, 0.7751774921013378),
            (.pert(min: 10, mode: 14, max: 22), 14.666666666666666, 4.8888888888888875, 13.280186196975203),
            (.lognormal(mean: 5, sd: 2), 5, 4, 3.7931657092221287),
            (.triangular(min: 10, mode: 14, max: 22), 15.333333333333332, 6.222222222222223, 13.794733192202056),
            (.gamma(shape: 2.5, scale: 1.5), 3.75, 5.625, 2.24993109956993),
        ]
        for (distribution, mean, variance, p30) in checks {
            #expect(close(distribution.mean, mean, 1e-10), "\(distribution) mean")
            #expect(close(distribution.variance, variance, 1e-10), "\(distribution) variance")
            #expect(close(distribution.quantile(0.3), p30, 1e-8), "\(distribution) 30 % quantile")
        }
        #expect(close(Distribution.normal(mean: 1, sd: 1).cdf(1), 0.4057132913274699, 1e-10))
        #expect(close(Distribution.pert(min: 10, mode: 14, max: 22).cdf(15), 0.5776950322179001, 1e-10))
        #expect(close(Distribution.poisson(mean: 3.2).cdf(3), 0.6025197244055571, 1e-10))
        // scipy.stats.poisson(3.2).ppf([0.01, 0.3, 0.5, 0.99]) = [0, 2, 3, 8]
        #expect([0.01, 0.3, 0.5, 0.99].map(Distribution.poisson(mean: 3.2).quantile) == [0, 2, 3, 8])
    }

    @Test("empirical moments are those of a draw, from the data")
    func empiricalMoments() {
        let table = Distribution.empirical(values: [40, 10, 30, 20], weights: [0.3, 0.1, 0.6, 0])
        // 0.1·10 + 0.6·30 + 0.3·40 = 31; 0.1·100 + 0.6·900 + 0.3·1600 − 31² = 69
        #expect(close(table.mean, 31))
        #expect(close(table.variance, 69))
        #expect(table.quantile(0.1) == 10)
        #expect(table.quantile(0.1000001) == 30)
        #expect(table.quantile(0) == 10)
        #expect(table.cdf(25) == 0.1)
        let sample = Distribution.empirical(values: [3, 1, 4, 1, 5])
        #expect(close(sample.mean, 2.8))
        // Divided by n, not n − 1: a draw is one of the five, each with probability 1/5.
        #expect(close(sample.variance, 2.56))
        #expect(sample.quantile(0.4) == 1)
        #expect(sample.quantile(0.41) == 3)
        #expect(sample.cdf(1) == 0.4)
    }

    @Test("sampling is reproducible and consumes only its stream")
    func reproducible() {
        for distribution in catalogue {
            #expect(draws(distribution, count: 50) == draws(distribution, count: 50))
        }
        // A draw is a pure function of the stream's state: two streams with
        // the same key stay in step.
        let a = RandomStream(key: StreamKey(seed: 9))
        let b = RandomStream(key: StreamKey(seed: 9))
        let d = Distribution.gamma(shape: 0.7, scale: 2)
        let fromA = (0..<1_000).map { _ in d.sample(a) }
        let fromB = (0..<1_000).map { _ in d.sample(b) }
        #expect(fromA == fromB)
    }

    @Test("scaling multiplies the variable, exactly", arguments: catalogue)
    func scaling(_ distribution: Distribution) throws {
        let factor = 2.5
        let scaled = distribution.scaled(by: factor)
        try scaled.validate()
        #expect(close(scaled.mean, factor * distribution.mean, 1e-12))
        #expect(close(scaled.variance, factor * factor * distribution.variance, 1e-12))
        for p in [0.05, 0.3, 0.5, 0.77, 0.95] {
            #expect(close(scaled.quantile(p), factor * distribution.quantile(p), 1e-9), "quantile(\(p))")
        }
        let x = distribution.quantile(0.6)
        #expect(close(scaled.cdf(factor * x), distribution.cdf(x), 1e-9))
        #expect(distribution.scaled(by: 0) == .constant(0))
        #expect(distribution.scaled(by: 1) == distribution)
    }

    @Test("scaling keeps the family where it is closed")
    func scalingFamilies() throws {
        #expect(Distribution.triangular(min: 10, mode: 14, max: 22).scaled(by: 2)
            == .triangular(min: 20, mode: 28, max: 44))
        #expect(Distribution.gamma(shape: 2, scale: 3).scaled(by: 2) == .gamma(shape: 2, scale: 6))
        #expect(Distribution.lognormal(mean: 5, sd: 2).scaled(by: 2) == .lognormal(mean: 10, sd: 4))
        #expect(Distribution.bernoulli(p: 0.2).scaled(by: 3).scaled(by: 2) == .scaled(.bernoulli(p: 0.2), factor: 6))
        // A bad factor is kept so that validation reports it.
        #expect(throws: DistributionError.notPositive(family: .scaled, parameter: "factor", value: -1)) {
            try Distribution.uniform(min: 1, max: 2).scaled(by: -1).validate()
        }
    }

    @Test("description is short and readable")
    func descriptions() {
        #expect(Distribution.triangular(min: 10, mode: 14, max: 22).description == "triangular(10, 14, 22)")
        #expect(Distribution.pert(min: 10, mode: 14, max: 22).description == "pert(10, 14, 22)")
        #expect(Distribution.pert(min: 1, mode: 2, max: 3, lambda: 6).description == "pert(1, 2, 3, lambda: 6)")
        #expect(Distribution.lognormal(mean: 5, sd: 2).description == "lognormal(mean: 5, sd: 2)")
        #expect(Distribution.lognormal(mu: 1.5, sigma: 0.3).description == "lognormal(mu: 1.5, sigma: 0.3)")
        #expect(Distribution.constant(12).description == "constant(12)")
        #expect(Distribution.poisson(mean: 3).scaled(by: 2).description == "2 × poisson(mean: 3)")
        #expect(Distribution.empirical(values: [1, 2.5]).description == "empirical([1, 2.5])")
    }
}
