/// Draws several quantities that move together — say the work content of
/// a building's roof, facade and windows — each keeping its own
/// distribution, with the normal scores of the draws correlated as given.
///
///     let copula = try GaussianCopula(correlation: [[1, 0.6], [0.6, 1]])
///     let marginals: [Distribution] = [.pert(min: 10, mode: 14, max: 22), .exponential(mean: 3)]
///     var draw: [Double] = []
///     try copula.sample(marginals, stream, into: &draw)   // draw[0], draw[1]
///
/// How: z = L·ε, with ε independent standard normals from GSL
/// (`gsl_ran_ugaussian`) and L the Cholesky factor of the correlation
/// matrix (`gsl_linalg_cholesky_decomp1`); uᵢ = Φ(zᵢ); xᵢ = Fᵢ⁻¹(uᵢ). The
/// correlation is that of the zᵢ (Φ⁻¹ of the uniforms), not the Pearson
/// correlation of the xᵢ, which skewed marginals pull somewhat lower.
///
/// For many quantities that all share one correlation, ``CommonFactor`` is
/// O(1) per draw instead of O(n²).
public struct GaussianCopula: Sendable, Hashable {
    /// Number of correlated quantities.
    public let dimension: Int
    /// The correlation matrix, as given.
    public let correlation: [[Double]]
    /// L, row-major n×n, zero above the diagonal.
    @usableFromInline
    let factor: [Double]

    /// Checks that `correlation` is a correlation matrix — square,
    /// symmetric, unit diagonal, entries in [−1, 1], positive definite —
    /// and factorises it.
    public init(correlation: [[Double]]) throws(CopulaError) {
        try Self.check(correlation)
        let n = correlation.count
        var matrix = correlation.flatMap { $0 }
        guard GSL.choleskyInPlace(&matrix, dimension: n) else { throw .notPositiveDefinite }
        // GSL leaves Lᵀ above the diagonal; the draw reads only L.
        for row in 0..<n {
            for column in (row + 1)..<n { matrix[row * n + column] = 0 }
        }
        self.dimension = n
        self.correlation = correlation
        self.factor = matrix
    }

    private static func check(_ matrix: [[Double]]) throws(CopulaError) {
        let n = matrix.count
        if n == 0 { throw .empty }
        for (row, entries) in matrix.enumerated() where entries.count != n {
            throw .notSquare(row: row, count: entries.count, expected: n)
        }
        for row in 0..<n {
            for column in 0..<n {
                let value = matrix[row][column]
                if !value.isFinite { throw .notFinite(row: row, column: column, value: value) }
                if abs(value) > 1 { throw .outOfRange(row: row, column: column, value: value) }
            }
            if matrix[row][row] != 1 { throw .diagonalNotOne(index: row, value: matrix[row][row]) }
        }
        for row in 0..<n {
            for column in (row + 1)..<n where matrix[row][column] != matrix[column][row] {
                throw .notSymmetric(row: row, column: column, value: matrix[row][column], mirror: matrix[column][row])
            }
        }
    }

    /// Fills `uniforms` with `dimension` correlated uniforms in (0, 1).
    /// Resizes `uniforms` only if its count differs, so a reused buffer
    /// makes the draw allocation-free.
    /// - Complexity: O(n²).
    @inlinable
    public func sampleUniforms(_ stream: RandomStream, into uniforms: inout [Double]) {
        let n = dimension
        if uniforms.count != n { uniforms = [Double](repeating: 0, count: n) }
        for i in 0..<n { uniforms[i] = GSL.standardNormal(stream) }
        factor.withUnsafeBufferPointer { l in
            uniforms.withUnsafeMutableBufferPointer { x in
                // zᵢ needs ε₀…εᵢ only: going down from the last row lets each
                // zᵢ overwrite εᵢ in place.
                for i in stride(from: n - 1, through: 0, by: -1) {
                    var z = 0.0
                    for j in 0...i { z += l[i * n + j] * x[j] }
                    x[i] = Self.uniform(fromNormal: z)
                }
            }
        }
    }

    /// Fills `values` with one correlated draw of each marginal, by
    /// mapping ``sampleUniforms(_:into:)`` through their quantiles.
    /// Throws if `marginals.count` is not ``dimension``.
    @inlinable
    public func sample(
        _ marginals: [Distribution], _ stream: RandomStream, into values: inout [Double]
    ) throws(CopulaError) {
        guard marginals.count == dimension else {
            throw .dimensionMismatch(expected: dimension, got: marginals.count)
        }
        sampleUniforms(stream, into: &values)
        for i in 0..<dimension { values[i] = marginals[i].quantile(values[i]) }
    }

    /// Φ(z), kept inside (0, 1) so that a quantile never lands on an
    /// infinite end of the support.
    @inlinable
    static func uniform(fromNormal z: Double) -> Double {
        Swift.min(Swift.max(GSL.normalP(z), .leastNonzeroMagnitude), 1.0.nextDown)
    }
}
