import Stochastic
import Testing

@Suite("Random streams")
struct RandomStreamTests {
    let key = StreamKey(seed: 42, replication: 7, entity: 1_203, purpose: 3)

    @Test("the same key gives the same sequence")
    func sameKey() {
        #expect(uniforms(key, count: 1_000) == uniforms(key, count: 1_000))
    }

    @Test("changing any one field gives a different sequence")
    func anyFieldMatters() {
        let base = uniforms(key, count: 10)
        var variants: [StreamKey] = []
        for change in [UInt64(1), 1 << 32, 1 << 63] {
            var k = key
            k.seed ^= change
            variants.append(k)
            k = key
            k.replication ^= change
            variants.append(k)
            variants.append(key.entity(key.entity ^ change))
            variants.append(key.purpose(key.purpose ^ change))
        }
        for variant in variants {
            let other = uniforms(variant, count: 10)
            // Unrelated streams: not one of the first ten draws coincides.
            #expect(zip(base, other).allSatisfy { $0 != $1 }, "\(variant)")
        }
    }

    @Test("rekeying equals a fresh stream")
    func rekey() {
        let stream = RandomStream(key: StreamKey(seed: 1))
        for _ in 0..<123 { _ = stream.uniform() }
        stream.rekey(key)
        #expect(stream.key == key)
        #expect((0..<100).map { _ in stream.uniform() } == uniforms(key, count: 100))
    }

    @Test("100,000 entities get distinct streams")
    func distinctEntities() {
        let count = 100_000
        let stream = RandomStream(key: key)
        var firstDraws = Set<Double>(minimumCapacity: count)
        var firstPairs = Set<[Double]>(minimumCapacity: count)
        for entity in 0..<UInt64(count) {
            stream.rekey(key.entity(entity))
            let first = stream.uniform()
            firstDraws.insert(first)
            firstPairs.insert([first, stream.uniform()])
        }
        // taus2 draws are multiples of 2⁻³², so by the birthday bound about
        // n²/2³³ ≈ 1.2 first draws coincide even for perfect streams; a
        // seeding fault would make many coincide. Pairs of draws (64 bits)
        // must all differ.
        #expect(count - firstDraws.count <= 8)
        #expect(firstPairs.count == count)
    }

    @Test("uniforms lie in their ranges")
    func ranges() {
        let stream = RandomStream(key: key)
        let u = (0..<10_000).map { _ in stream.uniform() }
        let v = (0..<10_000).map { _ in stream.uniformPositive() }
        let k = (0..<10_000).map { _ in stream.uniformInt(below: 7) }
        #expect(u.allSatisfy { $0 >= 0 && $0 < 1 })
        #expect(v.allSatisfy { $0 > 0 && $0 < 1 })
        #expect(Set(k) == Set(0..<7))
        #expect(stream.uniformInt(below: 0) == 0)
        #expect(stream.uniformInt(below: 1) == 0)
    }
}
