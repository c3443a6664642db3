import CGSL

// The rest of GSL that Stochastic uses: samplers, distribution functions,
// sample statistics and the Cholesky factorisation. Kept beside GSL.swift
// so every foreign call stays in the `GSL` namespace; the samplers and the
// normal CDF are `@inlinable` because they sit on a simulator's hot path.

extension GSL {
    // MARK: - Samplers (one draw from the stream's generator)

    @inlinable
    static func flat(_ stream: RandomStream, _ a: Double, _ b: Double) -> Double {
        gsl_ran_flat(stream.pointer, a, b)
    }

    @inlinable
    static func exponential(_ stream: RandomStream, mean: Double) -> Double {
        gsl_ran_exponential(stream.pointer, mean)
    }

    @inlinable
    static func beta(_ stream: RandomStream, _ a: Double, _ b: Double) -> Double {
        gsl_ran_beta(stream.pointer, a, b)
    }

    @inlinable
    static func lognormal(_ stream: RandomStream, mu: Double, sigma: Double) -> Double {
        gsl_ran_lognormal(stream.pointer, mu, sigma)
    }

    @inlinable
    static func gamma(_ stream: RandomStream, shape: Double, scale: Double) -> Double {
        gsl_ran_gamma(stream.pointer, shape, scale)
    }

    /// A draw from N(0, sigma²) conditioned on being at least `a`.
    @inlinable
    static func gaussianTail(_ stream: RandomStream, a: Double, sigma: Double) -> Double {
        gsl_ran_gaussian_tail(stream.pointer, a, sigma)
    }

    @inlinable
    static func poisson(_ stream: RandomStream, mean: Double) -> Double {
        Double(gsl_ran_poisson(stream.pointer, mean))
    }

    @inlinable
    static func bernoulli(_ stream: RandomStream, p: Double) -> Double {
        Double(gsl_ran_bernoulli(stream.pointer, p))
    }

    @inlinable
    static func standardNormal(_ stream: RandomStream) -> Double { gsl_ran_ugaussian(stream.pointer) }

    // MARK: - Standard normal

    @inlinable
    static func normalP(_ z: Double) -> Double { gsl_cdf_ugaussian_P(z) }

    @inlinable
    static func normalQ(_ z: Double) -> Double { gsl_cdf_ugaussian_Q(z) }

    @inlinable
    static func normalPinv(_ p: Double) -> Double { gsl_cdf_ugaussian_Pinv(p) }

    @inlinable
    static func normalQinv(_ q: Double) -> Double { gsl_cdf_ugaussian_Qinv(q) }

    static func normalDensity(_ z: Double) -> Double { gsl_ran_ugaussian_pdf(z) }

    // MARK: - Distribution functions

    /// Runs `body` with GSL's error handler off. Distribution functions and
    /// the Cholesky factorisation can reach it (bad parameters, no
    /// convergence, not positive definite), and its default aborts; a
    /// program may ask for a quantile or a copula before it ever creates
    /// the stream that would have turned it off.
    static func errorsOff<Result>(_ body: () -> Result) -> Result {
        _ = gslSetUp
        return body()
    }

    static func flatP(_ x: Double, _ a: Double, _ b: Double) -> Double {
        errorsOff { gsl_cdf_flat_P(x, a, b) }
    }

    static func flatPinv(_ p: Double, _ a: Double, _ b: Double) -> Double {
        errorsOff { gsl_cdf_flat_Pinv(p, a, b) }
    }

    static func exponentialP(_ x: Double, mean: Double) -> Double {
        errorsOff { gsl_cdf_exponential_P(x, mean) }
    }

    static func exponentialPinv(_ p: Double, mean: Double) -> Double {
        errorsOff { gsl_cdf_exponential_Pinv(p, mean) }
    }

    static func betaP(_ x: Double, _ a: Double, _ b: Double) -> Double {
        errorsOff { gsl_cdf_beta_P(x, a, b) }
    }

    static func betaPinv(_ p: Double, _ a: Double, _ b: Double) -> Double {
        errorsOff { gsl_cdf_beta_Pinv(p, a, b) }
    }

    static func lognormalP(_ x: Double, mu: Double, sigma: Double) -> Double {
        errorsOff { gsl_cdf_lognormal_P(x, mu, sigma) }
    }

    static func lognormalPinv(_ p: Double, mu: Double, sigma: Double) -> Double {
        errorsOff { gsl_cdf_lognormal_Pinv(p, mu, sigma) }
    }

    static func gammaP(_ x: Double, shape: Double, scale: Double) -> Double {
        errorsOff { gsl_cdf_gamma_P(x, shape, scale) }
    }

    static func gammaPinv(_ p: Double, shape: Double, scale: Double) -> Double {
        errorsOff { gsl_cdf_gamma_Pinv(p, shape, scale) }
    }

    /// P(N ≤ k) for N ~ Poisson(mean), mean > 0.
    static func poissonP(_ k: UInt32, mean: Double) -> Double {
        errorsOff { gsl_cdf_poisson_P(k, mean) }
    }

    /// P(X ≤ k) for X ~ Binomial(n, p): Bernoulli is n = 1.
    static func binomialP(_ k: UInt32, p: Double, n: UInt32) -> Double {
        errorsOff { gsl_cdf_binomial_P(k, p, n) }
    }

    static func studentTPinv(_ p: Double, degreesOfFreedom nu: Double) -> Double {
        errorsOff { gsl_cdf_tdist_Pinv(p, nu) }
    }

    static func studentTQ(_ t: Double, degreesOfFreedom nu: Double) -> Double {
        errorsOff { gsl_cdf_tdist_Q(t, nu) }
    }

    // MARK: - Sample statistics (callers guarantee at least one value)

    static func mean(_ x: UnsafeBufferPointer<Double>) -> Double {
        gsl_stats_mean(x.baseAddress, 1, x.count)
    }

    /// The (n − 1) sample variance about a known sample mean.
    static func variance(_ x: UnsafeBufferPointer<Double>, mean: Double) -> Double {
        gsl_stats_variance_m(x.baseAddress, 1, x.count, mean)
    }

    /// Σ(x − mean)² / n: the variance of a uniform pick from `x`.
    static func populationVariance(_ x: UnsafeBufferPointer<Double>, mean: Double) -> Double {
        gsl_stats_variance_with_fixed_mean(x.baseAddress, 1, x.count, mean)
    }

    static func weightedMean(_ x: UnsafeBufferPointer<Double>, weights w: UnsafeBufferPointer<Double>) -> Double {
        gsl_stats_wmean(w.baseAddress, 1, x.baseAddress, 1, x.count)
    }

    /// Σw(x − mean)² / Σw: the variance of a weighted pick from `x`.
    static func weightedPopulationVariance(
        _ x: UnsafeBufferPointer<Double>, weights w: UnsafeBufferPointer<Double>, mean: Double
    ) -> Double {
        gsl_stats_wvariance_with_fixed_mean(w.baseAddress, 1, x.baseAddress, 1, x.count, mean)
    }

    static func quantileFromSorted(_ sorted: UnsafeBufferPointer<Double>, _ p: Double) -> Double {
        gsl_stats_quantile_from_sorted_data(sorted.baseAddress, 1, sorted.count, p)
    }

    static func correlation(_ a: UnsafeBufferPointer<Double>, _ b: UnsafeBufferPointer<Double>) -> Double {
        gsl_stats_correlation(a.baseAddress, 1, b.baseAddress, 1, a.count)
    }

    // MARK: - Linear algebra

    /// Factorises the row-major n×n matrix in place; on success its lower
    /// triangle is L with A = L·Lᵀ. False when A is not positive definite.
    static func choleskyInPlace(_ matrix: inout [Double], dimension n: Int) -> Bool {
        errorsOff {
            matrix.withUnsafeMutableBufferPointer { buffer in
                guard let base = buffer.baseAddress, n > 0, buffer.count == n * n else { return false }
                var view = gsl_matrix_view_array(base, n, n)
                return gsl_linalg_cholesky_decomp1(&view.matrix) == GSL_SUCCESS
            }
        }
    }
}
