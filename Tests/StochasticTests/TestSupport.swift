import Foundation
import Stochastic

/// `count` draws of `distribution` from a stream with a fixed key.
func draws(_ distribution: Distribution, count: Int, seed: UInt64 = 1, purpose: UInt64 = 0) -> [Double] {
    let stream = RandomStream(key: StreamKey(seed: seed, purpose: purpose))
    return (0..<count).map { _ in distribution.sample(stream) }
}

/// The first `count` uniforms of a stream.
func uniforms(_ key: StreamKey, count: Int) -> [Double] {
    let stream = RandomStream(key: key)
    return (0..<count).map { _ in stream.uniform() }
}

/// sup |F̂(x) − F(x)| over the sample, checked on both sides of every jump
/// of the empirical CDF F̂ — at each distinct value v, F̂(v) against F(v)
/// and F̂(v−) against F(v−) — so that it is right for discrete laws too.
func kolmogorovDistance(_ values: [Double], _ cdf: (Double) -> Double) -> Double {
    let sorted = ascending(values)
    let n = Double(sorted.count)
    var distance = 0.0
    var start = 0
    while start < sorted.count {
        let value = sorted[start]
        var end = start
        while end < sorted.count, sorted[end] == value { end += 1 }
        distance = max(distance, abs(Double(end) / n - cdf(value)), abs(Double(start) / n - cdf(value.nextDown)))
        start = end
    }
    return distance
}

/// Sample mean, (n − 1) variance and fourth central moment.
func moments(_ values: [Double]) -> (mean: Double, variance: Double, fourth: Double) {
    let n = Double(values.count)
    let mean = values.reduce(0, +) / n
    var second = 0.0
    var fourth = 0.0
    for value in values {
        let d = (value - mean) * (value - mean)
        second += d
        fourth += d * d
    }
    return (mean, second / (n - 1), fourth / n)
}

/// Whether |a − b| ≤ tolerance · max(1, |b|).
func close(_ a: Double, _ b: Double, _ tolerance: Double = 1e-12) -> Bool {
    abs(a - b) <= tolerance * max(1, abs(b))
}

/// `values` sorted with C's qsort: in a debug build Swift's generic sort
/// runs unspecialised and takes ~0.35 s for 10⁵ doubles, which would make
/// the sampling tests most of the suite's run time.
func ascending(_ values: [Double]) -> [Double] {
    var sorted = values
    sorted.withUnsafeMutableBufferPointer { buffer in
        guard let base = buffer.baseAddress else { return }
        qsort(base, buffer.count, MemoryLayout<Double>.stride) { a, b in
            guard let x = a?.load(as: Double.self), let y = b?.load(as: Double.self) else { return 0 }
            return x < y ? -1 : (x > y ? 1 : 0)
        }
    }
    return sorted
}
