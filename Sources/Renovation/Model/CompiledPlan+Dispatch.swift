/// The dispatch rules' keys, computed once per plan from expected durations
/// (mean hours × scale), and what each replication starts from.
///
/// A lower key is served first; ties go to the lower work-order number.
/// `fifo`'s key is the time an order became ready, known only during a
/// replication, so its table is empty.
extension CompiledPlan {
    /// Community keys are `release rank × communityKeyStride + position in
    /// the community`; a community has at most
    /// `ScenarioChecks.maximumBuildingsPerCommunity` buildings plus its
    /// community work, so positions never reach the next community's keys.
    static let communityKeyStride = 4_194_304.0

    /// Dispatch keys (lower first) for the plan's rule; empty for FIFO.
    func computePriorities() -> [Double] {
        switch dispatch {
        case .fifo:
            return []
        case .community:
            precondition(Double(ScenarioChecks.maximumBuildingsPerCommunity) < Self.communityKeyStride,
                         "community keys would overlap")
            var rank = [Int](repeating: 0, count: communities.count)
            for (position, c) in releaseOrder.enumerated() { rank[c] = position }
            return (0..<orderCount).map { o in
                let c = community(of: o)
                let within = building(of: o).map { $0 - communities[c].buildings.lowerBound } ?? communities[c].buildings.count
                return Double(rank[c]) * Self.communityKeyStride + Double(within)
            }
        case .shortest:
            return (0..<orderCount).map(expectedHours)
        case .latestFinish:
            // LFT = deadline − the longest expected chain of work after the order.
            let tail = tails()
            return (0..<orderCount).map { deadlineHours - (tail[$0] - expectedHours($0)) }
        case .latestStart:
            // LST = deadline − the longest expected chain from the order's own start.
            return tails().map { deadlineHours - $0 }
        case .mostSuccessors:
            return successorCounts().map { -Double($0) }
        }
    }

    /// The plan's `priority` list applied: keys replaced by each order's
    /// position when sorted by (rule key, its type's rank in the list,
    /// work-order number), so the list decides exactly the rule's ties.
    /// Types not listed rank after the listed ones, in listed order.
    /// FIFO keys are ready times, known only in a replication: validation
    /// refuses a list with FIFO.
    func breakingTies(_ keys: [Double], typeRank: [Int]) -> [Double] {
        guard !keys.isEmpty else { return keys }
        let sorted = (0..<orderCount).sorted { a, b in
            if keys[a] != keys[b] { return keys[a] < keys[b] }
            let ra = typeRank[typeIndex(of: a)], rb = typeRank[typeIndex(of: b)]
            return ra != rb ? ra < rb : a < b
        }
        var ranked = [Double](repeating: 0, count: orderCount)
        for (position, o) in sorted.enumerated() { ranked[o] = Double(position) }
        return ranked
    }

    /// Expected working hours of an order: its type's mean × its scale.
    func expectedHours(_ o: Int) -> Double { types[typeIndex(of: o)].hours.mean * scale(of: o) }

    /// How many accepted predecessor orders each order waits for.
    func predecessorCounts() -> [Int32] {
        var counts = [Int32](repeating: 0, count: orderCount)
        for o in 0..<orderCount {
            let type = types[typeIndex(of: o)]
            var count = 0
            for p in type.predecessors {
                if type.level == .community && types[p].level == .building {
                    count += communities[community(of: o)].buildings.count
                } else {
                    count += 1
                }
            }
            counts[o] = Int32(count)
        }
        return counts
    }

    /// Expected working hours of the longest chain starting with each order.
    func tails() -> [Double] {
        var tail = [Double](repeating: 0, count: orderCount)
        for typeIndex in topologicalTypeOrder().reversed() {
            let type = types[typeIndex]
            func longestAfter(building b: Int?, community c: Int) -> Double {
                var best = 0.0
                for s in type.successors {
                    let successor = types[s]
                    if successor.level == .community {
                        best = max(best, tail[order(community: c, type: successor.localIndex)])
                    } else if let b {
                        best = max(best, tail[order(building: b, type: successor.localIndex)])
                    } else {
                        for b in communities[c].buildings {
                            best = max(best, tail[order(building: b, type: successor.localIndex)])
                        }
                    }
                }
                return best
            }
            if type.level == .building {
                for b in 0..<buildings.count {
                    let o = order(building: b, type: type.localIndex)
                    tail[o] = expectedHours(o) + longestAfter(building: b, community: Int(buildings.community[b]))
                }
            } else {
                for c in communities.indices {
                    let o = order(community: c, type: type.localIndex)
                    tail[o] = expectedHours(o) + longestAfter(building: nil, community: c)
                }
            }
        }
        return tail
    }

    /// The number of orders that (transitively) wait for each order.
    ///
    /// Worked out per type: a building order's successors of building type
    /// lie on its own building until the chain passes through community
    /// work, and on every building of the community after that.
    func successorCounts() -> [Int] {
        enum Scope: Int { case sameBuilding, allBuildings, community }
        // Per type: successors counted once, and successor types counted per building.
        var fixed = [Int](repeating: 0, count: types.count)
        var perBuilding = [Int](repeating: 0, count: types.count)
        for k in types.indices {
            var reached = Set<Int>()   // type · 3 + scope
            var stack: [(Int, Scope)] = []
            func push(from scope: Scope, to s: Int) {
                let next: Scope = types[s].level == .community ? .community
                    : (scope == .sameBuilding ? .sameBuilding : .allBuildings)
                if reached.insert(s * 3 + next.rawValue).inserted { stack.append((s, next)) }
            }
            let start: Scope = types[k].level == .community ? .community : .sameBuilding
            for s in types[k].successors { push(from: start, to: s) }
            while let (t, scope) = stack.popLast() {
                for s in types[t].successors { push(from: scope, to: s) }
            }
            for key in reached {
                let (t, scope) = (key / 3, Scope(rawValue: key % 3)!)
                switch scope {
                case .community: fixed[k] += 1
                case .allBuildings: perBuilding[k] += 1
                case .sameBuilding where !reached.contains(t * 3 + Scope.allBuildings.rawValue): fixed[k] += 1
                case .sameBuilding: break
                }
            }
        }
        return (0..<orderCount).map { o in
            let k = typeIndex(of: o)
            return fixed[k] + perBuilding[k] * communities[community(of: o)].buildings.count
        }
    }

    /// Type indexes with every type after its predecessors.
    func topologicalTypeOrder() -> [Int] {
        var remaining = types.map(\.predecessors.count)
        var ready = types.indices.filter { remaining[$0] == 0 }
        var order: [Int] = []
        while let next = ready.popLast() {
            order.append(next)
            for s in types[next].successors {
                remaining[s] -= 1
                if remaining[s] == 0 { ready.append(s) }
            }
        }
        return order
    }
}
