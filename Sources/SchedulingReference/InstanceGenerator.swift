/// Random RCPSP instances in the manner of ProGen (Kolisch, Sprecher and
/// Drexl 1995), the generator behind the PSPLIB benchmark sets: durations
/// 1–10, a network of given complexity, a resource factor and a resource
/// strength.
///
/// - network complexity: non-redundant arcs per job;
/// - resource factor: the share of resources a job uses (at least one);
/// - resource strength: capacity = kmin + RS · (kmax − kmin), where kmin is
///   the largest single demand and kmax the peak demand of the
///   earliest-start schedule.
public struct InstanceGenerator: Sendable {
    public var jobs: Int
    public var resources: Int
    public var networkComplexity: ClosedRange<Double>
    public var resourceFactor: ClosedRange<Double>
    public var resourceStrength: ClosedRange<Double>
    public var maximumDuration = 10
    public var maximumDemand = 10

    public init(jobs: Int, resources: Int, networkComplexity: ClosedRange<Double> = 1.5...2.1,
                resourceFactor: ClosedRange<Double> = 0.25...1, resourceStrength: ClosedRange<Double> = 0.2...0.7) {
        self.jobs = jobs
        self.resources = resources
        self.networkComplexity = networkComplexity
        self.resourceFactor = resourceFactor
        self.resourceStrength = resourceStrength
    }

    /// Instance number `index` of the seed: the same numbers give the same instance.
    public func instance(seed: UInt64, index: Int) -> SchedulingInstance {
        var random = SplitMix64(seed: seed &+ UInt64(index) &* 0x9E37_79B9_7F4A_7C15)
        let n = jobs
        let durations = (0..<n).map { _ in random.int(in: 1...maximumDuration) }

        // Precedence: arcs from lower to higher numbers, none implied by others.
        var predecessors = [[Int]](repeating: [], count: n)
        var reach = [[Bool]](repeating: [Bool](repeating: false, count: n), count: n)   // reach[i][j]: i before j
        func addArc(_ i: Int, _ j: Int) {
            predecessors[j].append(i)
            let before = (0..<n).filter { $0 == i || reach[$0][i] }
            let after = (0..<n).filter { $0 == j || reach[j][$0] }
            for a in before { for b in after { reach[a][b] = true } }
        }
        let starts = max(1, min(3, n / 4))
        for j in starts..<n { addArc(random.int(in: 0...(j - 1)), j) }   // every later job has a predecessor
        let target = Int((random.double(in: networkComplexity) * Double(n)).rounded())
        var arcs = n - starts, tries = 0
        while arcs < target && tries < 50 * n * n {
            tries += 1
            let j = random.int(in: 1...(n - 1))
            let i = random.int(in: 0...(j - 1))
            // Not already implied, and implying no existing arc.
            guard !reach[i][j] else { continue }
            let implies = (0..<n).contains { k in
                predecessors[k].contains { p in (p == i || reach[p][i]) && (k == j || reach[j][k]) }
            }
            guard !implies else { continue }
            addArc(i, j)
            arcs += 1
        }

        // Demands.
        let factor = random.double(in: resourceFactor)
        var demands = [[Int]](repeating: [Int](repeating: 0, count: resources), count: n)
        for j in 0..<n {
            for r in 0..<resources where random.double(in: 0...1) < factor {
                demands[j][r] = random.int(in: 1...maximumDemand)
            }
            if demands[j].allSatisfy({ $0 == 0 }) {
                demands[j][random.int(in: 0...(resources - 1))] = random.int(in: 1...maximumDemand)
            }
        }

        // Capacities from the resource strength.
        var instance = SchedulingInstance(durations: durations, predecessors: predecessors, demands: demands,
                                          capacities: [Int](repeating: 0, count: resources))
        let early = instance.earliestStarts
        let end = instance.criticalPathLength
        let strength = random.double(in: resourceStrength)
        for r in 0..<resources {
            let kmin = demands.map { $0[r] }.max() ?? 0
            var kmax = 0
            for t in 0..<end {
                var used = 0
                for j in 0..<n where early[j] <= t && t < early[j] + durations[j] { used += demands[j][r] }
                kmax = max(kmax, used)
            }
            instance.capacities[r] = max(1, kmin + Int((strength * Double(kmax - kmin)).rounded()))
        }
        return instance
    }
}

/// A small, fast generator with a 64-bit state (Steele, Lea and Flood
/// 2014): enough for making test instances, and dependency-free.
public struct SplitMix64: Sendable {
    var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    public mutating func double(in range: ClosedRange<Double>) -> Double {
        range.lowerBound + Double(next() >> 11) / Double(1 << 53) * (range.upperBound - range.lowerBound)
    }

    public mutating func int(in range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.upperBound - range.lowerBound + 1))
    }
}
