import Stochastic
import Testing

@Suite("Distribution validation")
struct DistributionValidationTests {
    @Test("every family in the catalogue is valid")
    func catalogueIsValid() throws {
        for distribution in catalogue { try distribution.validate() }
    }

    @Test("each kind of mistake is reported", arguments: [
        (Distribution.constant(.nan), DistributionError.notFinite(family: .constant, parameter: "value", value: .nan)),
        (.uniform(min: 0, max: .infinity), .notFinite(family: .uniform, parameter: "max", value: .infinity)),
        (.uniform(min: 5, max: 3),
         .outOfOrder(family: .uniform, parameter: "min", value: 5, bound: "max", boundValue: 3, expected: "min < max")),
        (.uniform(min: 4, max: 4), .emptyRange(family: .uniform, value: 4)),
        (.exponential(mean: 0), .notPositive(family: .exponential, parameter: "mean", value: 0)),
        (.triangular(min: 10, mode: 30, max: 22),
         .outOfOrder(family: .triangular, parameter: "mode", value: 30, bound: "max", boundValue: 22,
                     expected: "min ≤ mode ≤ max")),
        (.triangular(min: 15, mode: 14, max: 22),
         .outOfOrder(family: .triangular, parameter: "min", value: 15, bound: "mode", boundValue: 14,
                     expected: "min ≤ mode ≤ max")),
        (.triangular(min: 7, mode: 7, max: 7), .emptyRange(family: .triangular, value: 7)),
        (.pert(min: 1, mode: 2, max: 3, lambda: -1), .notPositive(family: .pert, parameter: "lambda", value: -1)),
        (.pert(min: 1, mode: 2, max: 2, lambda: .nan), .notFinite(family: .pert, parameter: "lambda", value: .nan)),
        (.lognormal(mean: -5, sd: 2), .notPositive(family: .lognormal, parameter: "mean", value: -5)),
        (.lognormal(mean: 5, sd: 0), .notPositive(family: .lognormal, parameter: "sd", value: 0)),
        (.lognormal(mu: -1, sigma: -0.3), .notPositive(family: .lognormal, parameter: "sigma", value: -0.3)),
        (.gamma(shape: -2, scale: 1), .notPositive(family: .gamma, parameter: "shape", value: -2)),
        (.gamma(shape: 2, scale: 0), .notPositive(family: .gamma, parameter: "scale", value: 0)),
        (.normal(mean: -1, sd: 1), .negative(family: .normal, parameter: "mean", value: -1)),
        (.normal(mean: 1, sd: 0), .notPositive(family: .normal, parameter: "sd", value: 0)),
        (.poisson(mean: -0.5), .negative(family: .poisson, parameter: "mean", value: -0.5)),
        (.poisson(mean: 1e12), .tooLarge(family: .poisson, parameter: "mean", value: 1e12, limit: 1e9)),
        (.bernoulli(p: 1.2), .notAProbability(family: .bernoulli, parameter: "p", value: 1.2)),
        (.bernoulli(p: -0.1), .notAProbability(family: .bernoulli, parameter: "p", value: -0.1)),
        (.empirical(values: []), .noValues),
        (.empirical(values: [1, .nan]), .notFinite(family: .empirical, parameter: "values[1]", value: .nan)),
        (.empirical(values: [1, 2], weights: [1]), .weightCountMismatch(values: 2, weights: 1)),
        (.empirical(values: [1, 2], weights: [1, -1]), .negativeWeight(index: 1, value: -1)),
        (.empirical(values: [1, 2], weights: [0, 0]), .zeroTotalWeight),
        (.empirical(values: [1, 2], weights: [.infinity, 1]),
         .notFinite(family: .empirical, parameter: "weights[0]", value: .infinity)),
        (.empirical(values: [1, 2], weights: [.greatestFiniteMagnitude, .greatestFiniteMagnitude]),
         .notFinite(family: .empirical, parameter: "sum of weights", value: .infinity)),
        (.scaled(.poisson(mean: 2), factor: 0), .notPositive(family: .scaled, parameter: "factor", value: 0)),
        (.scaled(.poisson(mean: -2), factor: 2), .negative(family: .poisson, parameter: "mean", value: -2)),
    ])
    func rejects(_ distribution: Distribution, _ expected: DistributionError) {
        do {
            try distribution.validate()
            Issue.record("\(distribution) passed validation")
        } catch {
            // NaN ≠ NaN, so compare messages: they carry every field.
            #expect(error.description == expected.description)
            if !expected.description.contains("nan") { #expect(error == expected) }
        }
    }

    @Test("messages say what is wrong and what was expected")
    func messages() {
        let cases: [(Distribution, String)] = [
            (.triangular(min: 10, mode: 30, max: 22),
             "triangular: mode 30 is above max 22; expected min ≤ mode ≤ max"),
            (.uniform(min: 4, max: 4),
             "uniform: min and max are both 4; expected min < max (for a fixed value use a constant)"),
            (.normal(mean: 3, sd: 0),
             "normal: sd 0 is not positive; expected sd > 0 (for a fixed value use a constant)"),
            (.bernoulli(p: 1.5), "bernoulli: p 1.5 is not a probability; expected 0 ≤ p ≤ 1"),
            (.empirical(values: [1, 2, 3], weights: [1, 2]),
             "empirical: 2 weights for 3 values; expected one weight per value"),
            (.exponential(mean: .nan), "exponential: mean is nan; expected a finite number"),
        ]
        for (distribution, message) in cases {
            #expect(throws: (any Error).self) { try distribution.validate() }
            do { try distribution.validate() } catch { #expect(error.description == message) }
        }
    }

    @Test("an unvalidated distribution never traps or hangs")
    func invalidDoesNotTrap() {
        let stream = RandomStream(key: StreamKey(seed: 3))
        let broken: [Distribution] = [
            .empirical(values: []), .empirical(values: [1, 2], weights: [1]),
            .pert(min: 1, mode: 2, max: 3, lambda: -10), .gamma(shape: -1e9, scale: 1),
            .poisson(mean: .infinity), .triangular(min: 1, mode: 1, max: 1),
        ]
        for distribution in broken {
            _ = distribution.sample(stream)
            _ = distribution.quantile(0.5)
            _ = distribution.cdf(1)
            _ = distribution.mean
        }
        #expect(Distribution.empirical(values: []).sample(stream).isNaN)
        #expect(Distribution.gamma(shape: -1e9, scale: 1).sample(stream).isNaN)
    }
}
