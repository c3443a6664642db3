/// Analytic steady-state results for the M/M/c queue (Erlang C) and the
/// M/G/1 queue (Pollaczek–Khinchine): the theory the engine is validated
/// against.
///
///     let q = ErlangC(arrivalRate: 2.7, serviceRate: 1, servers: 3)
///     q.utilisation              // 0.9
///     q.meanWait                 // Wq, in the same time unit as the rates
public struct ErlangC: Sendable, Equatable {
    public let arrivalRate: Double
    public let serviceRate: Double
    public let servers: Int

    public init(arrivalRate: Double, serviceRate: Double, servers: Int) {
        self.arrivalRate = arrivalRate
        self.serviceRate = serviceRate
        self.servers = servers
    }

    /// Offered load a = λ/μ, in Erlangs.
    public var offeredLoad: Double { arrivalRate / serviceRate }

    /// Server utilisation ρ = λ/(cμ); the queue is stable when ρ < 1.
    public var utilisation: Double { offeredLoad / Double(servers) }

    /// Probability that an arrival has to wait, C(c, a).
    public var probabilityOfWaiting: Double {
        let a = offeredLoad, c = servers
        guard utilisation < 1 else { return 1 }
        // Σ_{k<c} a^k/k! and a^c/c!, accumulated term by term to avoid overflow.
        var term = 1.0, sum = 0.0
        for k in 0..<c {
            sum += term
            term *= a / Double(k + 1)
        }
        let top = term / (1 - utilisation)
        return top / (sum + top)
    }

    /// Mean time in queue, Wq = C(c, a) / (cμ − λ).
    public var meanWait: Double {
        utilisation < 1 ? probabilityOfWaiting / (Double(servers) * serviceRate - arrivalRate) : .infinity
    }

    /// Mean number in queue, Lq = λ·Wq (Little's law).
    public var meanQueueLength: Double { arrivalRate * meanWait }

    /// Mean time in system, W = Wq + 1/μ.
    public var meanSojourn: Double { meanWait + 1 / serviceRate }
}

/// The Pollaczek–Khinchine mean wait of an M/G/1 queue:
/// Wq = λ·E[S²] / (2(1 − ρ)), with ρ = λ·E[S].
public func pollaczekKhinchineMeanWait(arrivalRate: Double, serviceMean: Double, serviceSecondMoment: Double) -> Double {
    let rho = arrivalRate * serviceMean
    return rho < 1 ? arrivalRate * serviceSecondMoment / (2 * (1 - rho)) : .infinity
}
