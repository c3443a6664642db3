import Foundation
import Stochastic
import Testing

@Suite("Correlated draws")
struct GaussianCopulaTests {
    static let target: [[Double]] = [
        [1, 0.6, 0.3],
        [0.6, 1, -0.5],
        [0.3, -0.5, 1],
    ]

    @Test("normal scores have the target correlation and marginals are kept")
    func correlationAndMarginals() throws {
        let copula = try GaussianCopula(correlation: Self.target)
        let marginals: [Distribution] = [
            .pert(min: 10, mode: 14, max: 22), .exponential(mean: 3), .poisson(mean: 4),
        ]
        let n = 40_000
        let stream = RandomStream(key: StreamKey(seed: 11))
        var u: [Double] = []
        var scores = [[Double]](repeating: [], count: 3)
        var values = [[Double]](repeating: [], count: 3)
        var draw: [Double] = []
        for _ in 0..<n {
            copula.sampleUniforms(stream, into: &u)
            for i in 0..<3 { scores[i].append(Statistics.standardNormalQuantile(u[i])) }
            try copula.sample(marginals, stream, into: &draw)
            for i in 0..<3 { values[i].append(draw[i]) }
        }
        // Strictly inside (0, 1): no quantile lands on an infinite end.
        #expect(scores.joined().allSatisfy { $0.isFinite })
        for i in 0..<3 {
            for j in (i + 1)..<3 {
                let rho = Self.target[i][j]
                let r = try Statistics.correlation(scores[i], scores[j])
                // SE of a sample correlation ≈ (1 − ρ²)/√n; 4 SE over three pairs.
                #expect(abs(r - rho) <= 4 * (1 - rho * rho) / Double(n).squareRoot(), "pair \(i), \(j): \(r)")
            }
            // Marginals: 99.9 % bound on each mean, and a 1 % KS bound.
            let sample = moments(values[i])
            let marginal = marginals[i]
            #expect(abs(sample.mean - marginal.mean) <= 3.29 * (marginal.variance / Double(n)).squareRoot())
            #expect(kolmogorovDistance(values[i], marginal.cdf) < 1.63 / Double(n).squareRoot())
        }
    }

    @Test("the identity gives independent draws; ±1 off the diagonal is refused")
    func extremes() throws {
        let identity = try GaussianCopula(correlation: [[1, 0], [0, 1]])
        let stream = RandomStream(key: StreamKey(seed: 5))
        var u: [Double] = []
        var a: [Double] = []
        var b: [Double] = []
        for _ in 0..<20_000 {
            identity.sampleUniforms(stream, into: &u)
            a.append(Statistics.standardNormalQuantile(u[0]))
            b.append(Statistics.standardNormalQuantile(u[1]))
        }
        #expect(abs(try Statistics.correlation(a, b)) <= 4 / 20_000.0.squareRoot())
        #expect(throws: CopulaError.notPositiveDefinite) { try GaussianCopula(correlation: [[1, 1], [1, 1]]) }
    }

    @Test("bad matrices are rejected with the reason", arguments: [
        ([[1, 0.9, -0.9], [0.9, 1, 0.9], [-0.9, 0.9, 1]], CopulaError.notPositiveDefinite),
        ([], .empty),
        ([[1, 0.2], [0.2]], .notSquare(row: 1, count: 1, expected: 2)),
        ([[1, 0.9], [0.8, 1]], .notSymmetric(row: 0, column: 1, value: 0.9, mirror: 0.8)),
        ([[1, 1.5], [1.5, 1]], .outOfRange(row: 0, column: 1, value: 1.5)),
        ([[0.9, 0], [0, 1]], .diagonalNotOne(index: 0, value: 0.9)),
        ([[1, .infinity], [.infinity, 1]], .notFinite(row: 0, column: 1, value: .infinity)),
    ] as [([[Double]], CopulaError)])
    func rejects(_ matrix: [[Double]], _ expected: CopulaError) {
        #expect(throws: expected) { try GaussianCopula(correlation: matrix) }
    }

    @Test("a bad matrix throws even before any stream exists")
    func firstUseInAProcess() async {
        // GSL's default error handler aborts on a non-positive-definite
        // matrix; only a fresh process shows whether it is off by then.
        await #expect(processExitsWith: .success) {
            let rejected = (try? GaussianCopula(correlation: [[1, 0.9, -0.9], [0.9, 1, 0.9], [-0.9, 0.9, 1]])) == nil
            let quantile = Distribution.pert(min: 1, mode: 2, max: 3, lambda: -10).quantile(0.5)
            exit(rejected && quantile.isNaN ? EXIT_SUCCESS : EXIT_FAILURE)
        }
    }

    @Test("a wrong number of marginals is an error, not a trap")
    func dimensionMismatch() throws {
        let copula = try GaussianCopula(correlation: [[1, 0.5], [0.5, 1]])
        var values: [Double] = []
        #expect(throws: CopulaError.dimensionMismatch(expected: 2, got: 1)) {
            try copula.sample([.exponential(mean: 1)], RandomStream(key: StreamKey(seed: 1)), into: &values)
        }
    }

    @Test("a common factor gives every pair correlation rho", arguments: [0.0, 0.3, 0.8])
    func commonFactor(rho: Double) throws {
        let factor = try CommonFactor(rho: rho)
        let shared = RandomStream(key: StreamKey(seed: 8, purpose: 1))
        let own = RandomStream(key: StreamKey(seed: 8, purpose: 2))
        let groups = 30_000
        var first: [Double] = []
        var second: [Double] = []
        for _ in 0..<groups {
            let z = CommonFactor.sharedDraw(shared)
            first.append(Statistics.standardNormalQuantile(factor.uniform(shared: z, own)))
            second.append(Statistics.standardNormalQuantile(factor.uniform(shared: z, own)))
        }
        let r = try Statistics.correlation(first, second)
        #expect(abs(r - rho) <= 4 * (1 - rho * rho) / Double(groups).squareRoot(), "r = \(r)")
        // Each member is still standard normal on the score scale.
        #expect(kolmogorovDistance(first, Statistics.standardNormalCDF) < 1.63 / Double(groups).squareRoot())
    }

    @Test("a common factor's rho must lie in [0, 1]")
    func commonFactorRange() throws {
        #expect(throws: CopulaError.rhoOutOfRange(-0.1)) { try CommonFactor(rho: -0.1) }
        #expect(throws: CopulaError.rhoOutOfRange(1.5)) { try CommonFactor(rho: 1.5) }
        let perfect = try CommonFactor(rho: 1)
        let stream = RandomStream(key: StreamKey(seed: 2))
        #expect(perfect.uniform(shared: 0.7, stream) == perfect.uniform(shared: 0.7, stream))
    }
}
