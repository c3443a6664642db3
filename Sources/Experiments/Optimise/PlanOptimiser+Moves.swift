import Renovation
import Stochastic

extension PlanOptimiser {
    /// The search's variation operators, drawing from the optimiser's own stream.
    struct Moves {
        let space: PlanSpace
        let random: RandomStream
        let searchRules: Bool
        let searchPhases: Bool
        /// Crews searched (`cost`): their floor, and a ceiling of three times
        /// the starting crews or the floor plus 10, whichever is more.
        let crewModel: CrewCost?
        let crewCap: [Int]

        init(space: PlanSpace, random: RandomStream, searchRules: Bool, searchPhases: Bool, crewModel: CrewCost? = nil) {
            self.space = space
            self.random = random
            self.searchRules = searchRules
            self.searchPhases = searchPhases
            self.crewModel = crewModel
            crewCap = crewModel.map { model in
                model.trades.indices.map { min(100_000, max(3 * model.starting[$0], model.minimum[$0] + 10)) }
            } ?? []
        }

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
            for t in child.crews.indices where pick(2) == 1 { child.crews[t] = father.crews[t] }
            return child
        }

        /// One random move: a type or community moved in its list, two
        /// communities swapped, a community moved to another release date,
        /// or (rarely) another dispatch rule; with crews, a trade's crews
        /// down by one, up by a step (10 %, at least one), or one crew moved
        /// from a trade to another.
        func mutate(_ c: inout PlanCandidate) {
            var kinds: [Int] = []
            if c.typeOrder.count > 1 && c.dispatch != .fifo { kinds += [0, 0] }
            if c.communityOrder.count > 1 { kinds += [1, 2] }
            if searchPhases && space.phaseStarts.count > 1 { kinds += [3, 3] }
            if searchRules { kinds.append(4) }
            if crewModel != nil, !c.crews.isEmpty { kinds += [5, 5, 6, 6, 7] }
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
            case 4:
                let rules = DispatchRule.allCases.filter { $0 != c.dispatch }
                c.dispatch = rules[pick(rules.count)]
            case let kind:
                guard let crewModel else { return }
                let down = c.crews.indices.filter { c.crews[$0] > crewModel.minimum[$0] }
                let up = c.crews.indices.filter { c.crews[$0] < crewCap[$0] }
                if kind == 5 || kind == 7, !down.isEmpty {
                    let t = down[pick(down.count)]
                    c.crews[t] -= 1
                    // A crew moved: the one taken is given to another trade.
                    let others = up.filter { $0 != t }
                    if kind == 7, !others.isEmpty { c.crews[others[pick(others.count)]] += 1 }
                } else if kind == 6 || kind == 7, !up.isEmpty {
                    let t = up[pick(up.count)]
                    c.crews[t] = min(crewCap[t], c.crews[t] + CrewCost.step(c.crews[t]))
                }
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
