import Renovation
import Stochastic

extension PlanOptimiser {
    /// The search's variation operators, drawing from the optimiser's own stream.
    struct Moves {
        let space: PlanSpace
        let random: RandomStream
        let searchRules: Bool
        let searchPhases: Bool

        func pick(_ n: Int) -> Int { Int(random.uniformInt(below: UInt(max(1, n)))) }

        /// Binary tournament over a ranked population: the better-ranked of two.
        func tournament(_ ranked: [PlanCandidate]) -> PlanCandidate {
            ranked[min(pick(ranked.count), pick(ranked.count))]
        }

        /// Hartmann's one-point crossover on both lists (the mother's
        /// prefix, then the father's order of the rest); phases uniformly
        /// from either; the mother's rule.
        func crossover(_ mother: PlanCandidate, _ father: PlanCandidate) -> PlanCandidate {
            func onePoint(_ a: [Int], _ b: [Int]) -> [Int] {
                let cut = pick(a.count + 1)
                let prefix = Array(a.prefix(cut))
                var taken = [Bool](repeating: false, count: a.count)
                for x in prefix { taken[x] = true }
                return prefix + b.filter { !taken[$0] }
            }
            var child = mother
            child.typeOrder = onePoint(mother.typeOrder, father.typeOrder)
            child.communityOrder = onePoint(mother.communityOrder, father.communityOrder)
            if searchPhases {
                for c in child.phase.indices where pick(2) == 1 { child.phase[c] = father.phase[c] }
            }
            return child
        }

        /// One random move: a type or community moved in its list, two
        /// communities swapped, a community moved to another release date,
        /// or (rarely) another dispatch rule.
        func mutate(_ c: inout PlanCandidate) {
            var kinds: [Int] = []
            if c.typeOrder.count > 1 && c.dispatch != .fifo { kinds += [0, 0] }
            if c.communityOrder.count > 1 { kinds += [1, 2] }
            if searchPhases && space.phaseStarts.count > 1 { kinds += [3, 3] }
            if searchRules { kinds.append(4) }
            guard !kinds.isEmpty else { return }
            switch kinds[pick(kinds.count)] {
            case 0: move(&c.typeOrder)
            case 1: move(&c.communityOrder)
            case 2:
                let (i, j) = (pick(c.communityOrder.count), pick(c.communityOrder.count))
                c.communityOrder.swapAt(i, j)
            case 3:
                let community = pick(c.phase.count)
                let other = pick(space.phaseStarts.count - 1)
                c.phase[community] = other >= c.phase[community] ? other + 1 : other
            default:
                let rules = DispatchRule.allCases.filter { $0 != c.dispatch }
                c.dispatch = rules[pick(rules.count)]
            }
        }

        /// An entry taken out and put back elsewhere (a shift insert).
        func move(_ list: inout [Int]) {
            let from = pick(list.count)
            let x = list.remove(at: from)
            list.insert(x, at: pick(list.count + 1))
        }
    }
}
