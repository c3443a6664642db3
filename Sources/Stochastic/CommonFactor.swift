/// Correlates many quantities through one shared factor — "all buildings
/// of a community share a difficulty factor" — with the same correlation
/// `rho` between every pair, at O(1) per draw.
///
/// Draw the shared factor once per group, then one uniform per member:
/// uᵢ = Φ(√ρ·z + √(1−ρ)·εᵢ). Every pair of normal scores Φ⁻¹(uᵢ) has
/// correlation ρ; map uᵢ through any marginal's quantile.
///
///     let difficulty = try CommonFactor(rho: 0.4)
///     let z = CommonFactor.sharedDraw(communityStream)       // once per community
///     for building in community {
///         stream.rekey(key.entity(building))
///         let u = difficulty.uniform(shared: z, stream)
///         let hours = content.quantile(u)
///     }
///
/// Give the shared draw its own stream (keyed by the group), so every
/// member sees the same z whatever order they are drawn in.
public struct CommonFactor: Sendable, Hashable {
    /// The correlation of every pair of normal scores, in [0, 1].
    public let rho: Double
    @usableFromInline
    let sharedWeight: Double
    @usableFromInline
    let ownWeight: Double

    public init(rho: Double) throws(CopulaError) {
        guard rho.isFinite, (0...1).contains(rho) else { throw .rhoOutOfRange(rho) }
        self.rho = rho
        self.sharedWeight = rho.squareRoot()
        self.ownWeight = (1 - rho).squareRoot()
    }

    /// The group's shared factor: a standard normal draw (`gsl_ran_ugaussian`).
    @inlinable
    public static func sharedDraw(_ stream: RandomStream) -> Double {
        GSL.standardNormal(stream)
    }

    /// One member's uniform in (0, 1), given the group's shared factor `z`.
    @inlinable
    public func uniform(shared z: Double, _ stream: RandomStream) -> Double {
        GaussianCopula.uniform(fromNormal: sharedWeight * z + ownWeight * GSL.standardNormal(stream))
    }
}
