import Testing
import DiscreteEvent
import QueueingModels
import Stochastic

/// The engine against queueing theory: per-replication means over
/// independent replications give a Student-t interval that must contain
/// the analytic value. Utilisations stay at 0.6–0.7, where runs of this
/// length are long enough to be unbiased (at 0.9 they are not).
@Suite("Engine validated against queueing theory")
struct QueueingValidationTests {
    struct Outcome {
        var waits: [Double] = []
        var queueLengths: [Double] = []
        var utilisations: [Double] = []
    }

    func replicate(servers: Int, lambda: Double, service: Distribution, replications: Int = 20,
                   customers: Int = 40_000, seed: UInt64 = 2026) -> Outcome {
        var outcome = Outcome()
        for r in 0..<replications {
            var sim = MultiServerQueue.simulation(
                servers: servers, interarrival: .exponential(mean: 1 / lambda), service: service,
                customers: customers, key: StreamKey(seed: seed, replication: UInt64(r)), warmUp: 200)
            sim.run()
            outcome.waits.append(sim.model.waits.mean)
            outcome.queueLengths.append(sim.model.servers.queueLength.mean(at: sim.now))
            outcome.utilisations.append(sim.model.servers.utilisation(at: sim.now))
        }
        return outcome
    }

    func expectInside(_ values: [Double], _ theory: Double, _ what: String) throws {
        let ci = try Statistics.meanConfidenceInterval(values, level: 0.99)
        #expect(ci.contains(theory), "\(what): theory \(theory) outside 99% CI [\(ci.lower), \(ci.upper)]")
        // The interval must also be tight enough to mean something.
        #expect(ci.halfWidth < 0.05 * max(theory, 0.1), "\(what): CI too wide (\(ci.halfWidth))")
    }

    @Test("M/M/1 at ρ = 0.6: mean wait, queue length and utilisation")
    func mm1() throws {
        let theory = ErlangC(arrivalRate: 0.6, serviceRate: 1, servers: 1)
        let out = replicate(servers: 1, lambda: 0.6, service: .exponential(mean: 1))
        try expectInside(out.waits, theory.meanWait, "M/M/1 Wq")
        try expectInside(out.queueLengths, theory.meanQueueLength, "M/M/1 Lq")
        try expectInside(out.utilisations, theory.utilisation, "M/M/1 ρ")
    }

    @Test("M/M/3 at λ = 2, μ = 1 (ρ ≈ 0.67): Erlang C")
    func mm3() throws {
        let theory = ErlangC(arrivalRate: 2, serviceRate: 1, servers: 3)
        let out = replicate(servers: 3, lambda: 2, service: .exponential(mean: 1))
        try expectInside(out.waits, theory.meanWait, "M/M/3 Wq")
        try expectInside(out.queueLengths, theory.meanQueueLength, "M/M/3 Lq")
        try expectInside(out.utilisations, theory.utilisation, "M/M/3 ρ")
    }

    @Test("M/D/1 at ρ = 0.6: Pollaczek–Khinchine")
    func md1() throws {
        let wq = pollaczekKhinchineMeanWait(arrivalRate: 0.6, serviceMean: 1, serviceSecondMoment: 1)
        let out = replicate(servers: 1, lambda: 0.6, service: .constant(1))
        try expectInside(out.waits, wq, "M/D/1 Wq")
        try expectInside(out.queueLengths, 0.6 * wq, "M/D/1 Lq")
    }

    @Test("Erlang C formulas match published values")
    func erlangC() {
        // λ = 2.7, μ = 1, c = 3: a = 2.7, Σ_{k<3} a^k/k! = 7.345, a³/3!/(1 − ρ) = 32.805,
        // C = 32.805 / 40.15 = 0.817061, Wq = C / (3 − 2.7) = 2.723537.
        let q = ErlangC(arrivalRate: 2.7, serviceRate: 1, servers: 3)
        #expect(abs(q.probabilityOfWaiting - 0.817_061) < 1e-5)
        #expect(abs(q.meanWait - 2.723_537) < 1e-4)
        #expect(ErlangC(arrivalRate: 0.5, serviceRate: 1, servers: 1).meanWait == 1)  // ρ/(μ−λ)
    }

    @Test("same seed gives the same event trace, another seed another")
    func reproducible() {
        func hash(_ seed: UInt64) -> (UInt64, Int) {
            var sim = MultiServerQueue.simulation(
                servers: 3, interarrival: .exponential(mean: 1 / 2.7), service: .exponential(mean: 1),
                customers: 20_000, key: StreamKey(seed: seed))
            sim.run()
            return (sim.model.traceHash, sim.eventsHandled)
        }
        let a = hash(7), b = hash(7), c = hash(8)
        #expect(a == b)
        #expect(a.0 != c.0)
        #expect(a.1 == 40_000)
    }
}
