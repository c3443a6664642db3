extension Distribution {
    /// Observed values to draw from: each equally likely, or in proportion
    /// to its weight.
    ///
    ///     let table = Distribution.Empirical(values: [1, 2, 3], weights: [0.2, 0.5, 0.3])
    ///     Distribution.empirical(table).quantile(0.5)   // 2
    ///
    /// The values and weights are kept as written; sorted values and their
    /// cumulative probabilities are computed once, so a draw is a binary
    /// search with no allocation.
    public struct Empirical: Sendable, Hashable {
        /// The values, in the order written.
        public let values: [Double]
        /// One weight per value, or nil when all are equally likely.
        public let weights: [Double]?

        /// `values`, ascending.
        @usableFromInline
        let sortedValues: [Double]
        /// P(X ≤ sortedValues[i]); the last entry is exactly 1. Empty when
        /// the values or weights are unusable (``Distribution/validate()``
        /// says why).
        @usableFromInline
        let cumulative: [Double]

        public init(values: [Double], weights: [Double]? = nil) {
            self.values = values
            self.weights = weights
            let order = values.indices.sorted { values[$0] < values[$1] }
            sortedValues = order.map { values[$0] }
            cumulative = Self.cumulativeProbabilities(order: order, weights: weights)
        }

        private static func cumulativeProbabilities(order: [Int], weights: [Double]?) -> [Double] {
            guard !order.isEmpty else { return [] }
            guard let weights else {
                let n = Double(order.count)
                return order.indices.map { Double($0 + 1) / n }
            }
            guard weights.count == order.count, weights.allSatisfy({ $0.isFinite && $0 >= 0 }) else { return [] }
            var running = 0.0
            let partial = order.map { index -> Double in
                running += weights[index]
                return running
            }
            guard running.isFinite, running > 0 else { return [] }
            var result = partial.map { $0 / running }
            // Division can leave the last entry a rounding short of 1; a draw
            // close to 1 must still land on a value.
            result[result.count - 1] = 1
            return result
        }

        public static func == (lhs: Empirical, rhs: Empirical) -> Bool {
            lhs.values == rhs.values && lhs.weights == rhs.weights
        }

        public func hash(into hasher: inout Hasher) {
            hasher.combine(values)
            hasher.combine(weights)
        }

        /// One draw: a uniformly chosen value, or by inverse CDF when weighted.
        @inlinable
        func sample(_ stream: RandomStream) -> Double {
            guard !values.isEmpty else { return .nan }
            guard weights != nil else {
                return values[Int(stream.uniformInt(below: UInt(values.count)))]
            }
            return value(atProbability: stream.uniformPositive())
        }

        /// The smallest value whose cumulative probability is at least `u`;
        /// for u ≤ 0 the smallest value with positive probability.
        @inlinable
        func value(atProbability u: Double) -> Double {
            guard !cumulative.isEmpty, !u.isNaN else { return .nan }
            // Binary search for the first i with cumulative[i] ≥ u (> 0 when u ≤ 0).
            var low = 0
            var high = cumulative.count - 1
            while low < high {
                let middle = (low + high) / 2
                let reached = u > 0 ? cumulative[middle] >= u : cumulative[middle] > 0
                if reached { high = middle } else { low = middle + 1 }
            }
            return sortedValues[low]
        }

        /// P(X ≤ x).
        func probability(atOrBelow x: Double) -> Double {
            guard !cumulative.isEmpty, !x.isNaN else { return .nan }
            // Number of sorted values ≤ x.
            var low = 0
            var high = sortedValues.count
            while low < high {
                let middle = (low + high) / 2
                if sortedValues[middle] <= x { low = middle + 1 } else { high = middle }
            }
            return low == 0 ? 0 : cumulative[low - 1]
        }

        var mean: Double {
            guard !cumulative.isEmpty else { return .nan }
            return values.withUnsafeBufferPointer { x in
                guard let weights else { return GSL.mean(x) }
                return weights.withUnsafeBufferPointer { GSL.weightedMean(x, weights: $0) }
            }
        }

        var variance: Double {
            guard !cumulative.isEmpty else { return .nan }
            let mean = self.mean
            return values.withUnsafeBufferPointer { x in
                guard let weights else { return GSL.populationVariance(x, mean: mean) }
                return weights.withUnsafeBufferPointer { GSL.weightedPopulationVariance(x, weights: $0, mean: mean) }
            }
        }

        func scaled(by factor: Double) -> Empirical {
            Empirical(values: values.map { $0 * factor }, weights: weights)
        }
    }
}
