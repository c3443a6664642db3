import Renovation
import Stochastic

extension PlanOptimiser {
    /// Optimises `plan`. `progress` is called on the calling thread after each generation.
    public func run(scenario valid: ValidScenario, plan: String, seed: UInt64, runner: ReplicationRunner,
                    progress: ((Step) -> Void)? = nil) throws(OptimiseError) -> Result {
        let base: CompiledPlan
        do { base = try CompiledPlan(scenario: valid, plan: plan) } catch { throw .scenario(error) }
        let scenario = valid.scenario
        // The plan exists: compiling it found it.
        let planIndex = scenario.plans.firstIndex { $0.name == plan } ?? 0
        let spec = scenario.plans[planIndex]
        let crewModel = objective == .cost ? CrewCost(plan: base) : nil
        let space = PlanSpace(plan: base, spec: spec, crews: crewModel != nil)
        // Project mode: a deterministic single project's lists are decoded by the serial
        // scheme and improved, and the schedule becomes the plan's `not_before`. Every
        // replication of such a plan is the same, so one per candidate is enough.
        var project = projectMode && objective != .cost ? ProjectSchedule(plan: base) : nil
        let replications = project == nil ? replications : 1
        let search = 0..<replications
        let confirmCost = confirmReplications * 2
        let needed = replications * 2 + confirmCost
        guard budget >= needed else { throw .budget(needed: needed, given: budget) }
        let stochastic = replications > 1
        let selectBudget = stochastic && finalists > 1 ? (budget - confirmCost) / 5 : 0
        let searchBudget = budget - confirmCost - selectBudget
        // A cost search keeps a share of its budget to prune the best candidate's crews.
        let geneticBudget = crewModel == nil ? searchBudget : searchBudget - Int(Double(searchBudget) * pruneShare)

        func decoded(_ c: PlanCandidate) -> PlanCandidate {
            guard project != nil else { return c }
            var d = c
            d.dispatch = space.start.dispatch
            (d.typeOrder, d.notBefore) = project!.decode(c.typeOrder)
            return d
        }
        var evaluator = Evaluator(space: space, scenario: scenario, planIndex: planIndex, spec: spec,
                                  seed: seed, runner: runner, objective: objective, crewModel: crewModel, target: target)
        let random = RandomStream(key: StreamKey(seed: seed, purpose: StreamPurpose.optimiser))
        // Under `not_before` from a schedule every rule gives that schedule: rules are not searched.
        let moves = Moves(space: space, random: random, searchRules: searchRules && project == nil,
                          searchPhases: searchPhases, crewModel: crewModel)

        // 1. Search.
        var seeds = [space.start]
        if searchRules {
            for rule in DispatchRule.allCases where rule != space.start.dispatch {
                var c = space.start
                c.dispatch = rule
                c.typeOrder = try evaluator.typeOrder(by: rule) ?? c.typeOrder
                seeds.append(c)
            }
        }
        // Crews searched: the starting plan with every trade's crews raised by a quarter, a half and double.
        for factor in crewModel == nil ? [] : [1.25, 1.5, 2.0] {
            var c = space.start
            c.crews = c.crews.indices.map { t in min(moves.crewCap[t], Int((Double(c.crews[t]) * factor).rounded(.up))) }
            if !seeds.contains(c) { seeds.append(c) }
        }
        var tries = 0
        while seeds.count < population, tries < 50 * population {
            tries += 1
            var c = seeds[Int(random.uniformInt(below: UInt(seeds.count)))]
            for _ in 0...Int(random.uniformInt(below: 3)) { moves.mutate(&c) }
            if !seeds.contains(c) { seeds.append(c) }
        }
        if project != nil {
            // The starting plan as written, then every seed decoded (the rules' lists are starting lists).
            var decodedSeeds = [space.start]
            for c in seeds {
                let d = decoded(c)
                if !decodedSeeds.contains(d) { decodedSeeds.append(d) }
            }
            seeds = decodedSeeds
        }
        let affordable = max(1, min(seeds.count, geneticBudget / replications))
        seeds = Array(seeds.prefix(affordable))
        var ranked = try evaluator.evaluate(seeds, on: search)
        ranked = Array(ranked.prefix(population))
        let startValue = evaluator.value(space.start)
        var steps = [Step(generation: 0, simulations: evaluator.simulations, bestValue: evaluator.value(ranked[0]),
                          startValue: startValue)]
        progress?(steps[0])
        var generation = 0
        var stale = 0
        while evaluator.simulations + replications <= geneticBudget {
            generation += 1
            let room = (geneticBudget - evaluator.simulations) / replications
            var children: [PlanCandidate] = []
            var attempts = 0
            // After `staleGenerations` without a better best, a restart: the
            // best is kept and the others are replaced by strongly moved copies of it.
            let restart = stale >= staleGenerations
            while children.count < min(population - (restart ? 1 : 0), room), attempts < 20 * population {
                attempts += 1
                var child: PlanCandidate
                if restart {
                    child = ranked[0]
                    for _ in 0..<(2 + moves.pick(5)) { moves.mutate(&child) }
                } else {
                    child = moves.crossover(moves.tournament(ranked), moves.tournament(ranked))
                    moves.mutate(&child)
                }
                child = decoded(child)
                while evaluator.known(child) || children.contains(child), attempts < 20 * population {
                    attempts += 1
                    moves.mutate(&child)
                    child = decoded(child)
                }
                if !evaluator.known(child), !children.contains(child) { children.append(child) }
            }
            guard !children.isEmpty else { break }
            let before = evaluator.value(ranked[0])
            _ = try evaluator.evaluate(children, on: search)
            ranked = evaluator.ranked((restart ? [ranked[0]] : ranked) + children).prefix(population).map { $0 }
            stale = evaluator.value(ranked[0]) < before ? 0 : (restart ? 0 : stale + 1)
            let step = Step(generation: generation, simulations: evaluator.simulations,
                            bestValue: evaluator.value(ranked[0]), startValue: startValue)
            steps.append(step)
            progress?(step)
        }

        // Cost: prune the best candidate's crews as `size` does (largest
        // saving first while the target holds on the search replications).
        if let crewModel, evaluator.value(ranked[0]) < Self.infeasible {
            let best = ranked[0]
            let pruned = try crewModel.prune(best.crews, more: {
                evaluator.simulations + crewModel.trades.count * replications <= searchBudget
            }) { (mixes: [[Int]]) throws(OptimiseError) -> [Bool] in
                let candidates = mixes.map { mix in
                    var c = best
                    c.crews = mix
                    return c
                }
                _ = try evaluator.evaluate(candidates, on: search)
                return candidates.map { evaluator.value($0) < Self.infeasible }
            }
            var c = best
            c.crews = pruned
            ranked = Array(evaluator.ranked([c] + ranked).prefix(population))
            let step = Step(generation: generation, simulations: evaluator.simulations,
                            bestValue: evaluator.value(ranked[0]), startValue: startValue)
            if step != steps[steps.count - 1] {
                steps.append(step)
                progress?(step)
            }
        }

        // 2. Select: sequential elimination on further common replications.
        var contenders = Array(ranked.prefix(finalists))
        if !contenders.contains(space.start) { contenders.append(space.start) }
        var pooled = contenders.map { evaluator.outcome($0) }
        var next = replications
        while stochastic, contenders.count > 1,
              evaluator.simulations + contenders.count * replications <= budget - confirmCost {
            let more = try evaluator.simulate(contenders, on: next..<(next + replications))
            next += replications
            for i in contenders.indices { pooled[i].append(more[i]) }
            let values = contenders.indices.map { evaluator.value(contenders[$0], on: pooled[$0]) }
            let leader = values.indices.min { (values[$0], $0) < (values[$1], $1) } ?? 0
            let y = pooled.map { $0.perReplication(objective) }
            var keep: [Int] = []
            for i in contenders.indices {
                let worse: Bool
                if let crewModel {
                    // Cost: dropped when surely short of the target (95 % Wilson
                    // upper bound below it), or when the leader surely meets it
                    // (lower bound at or above it) at no higher cost.
                    let (met, leaderMet) = (pooled[i].met, pooled[leader].met)
                    worse = i != leader && (met.upper < target
                        || (leaderMet.lower >= target && crewModel.cost(contenders[leader].crews) <= crewModel.cost(contenders[i].crews)))
                } else {
                    let differences = zip(y[i], y[leader]).map { $0 - $1 }
                    worse = i != leader
                        && ((try? Statistics.meanConfidenceInterval(differences, level: 0.95))?.lower ?? 0) > 0
                }
                if !worse { keep.append(i) }
            }
            contenders = keep.map { contenders[$0] }
            pooled = keep.map { pooled[$0] }
        }
        let values = contenders.indices.map { evaluator.value(contenders[$0], on: pooled[$0]) }
        let winnerIndex = values.indices.min { (values[$0], $0) < (values[$1], $1) } ?? 0
        let selected = contenders[winnerIndex]

        // 3. Confirm on fresh replications. With `cost`, a winner short of
        // the target there is grown as `renosim size` grows (the same step:
        // the cheapest added crew that raises P most, measured on that fresh
        // set) and confirmed again on a further fresh set, at most
        // `growRounds` times; the plans' figures come from the last set.
        var best = selected
        var startFigures: Figures?, bestFigures: Figures?, gain: ConfidenceInterval?, gainEstimate: Double?
        var finishes: (start: [Double], best: [Double]) = ([], [])
        var growthSimulations = 0
        var round = 0
        while confirmReplications > 0 {
            let fresh = Self.freshSet(round, offset: confirmOffset, count: confirmReplications)
            let pair = best == space.start ? [best] : [best, space.start]
            let outcomes = try evaluator.simulate(pair, on: fresh)
            if round > 0 { growthSimulations += outcomes.count * confirmReplications }
            bestFigures = Self.figures(outcomes[0])
            startFigures = Self.figures(outcomes[outcomes.count - 1])
            let differences = zip(outcomes[0].deadlineMet, outcomes[outcomes.count - 1].deadlineMet)
                .map { Double($0 ? 1 : 0) - Double($1 ? 1 : 0) }
            gainEstimate = differences.reduce(0, +) / Double(differences.count)
            finishes = (outcomes[outcomes.count - 1].finishDays, outcomes[0].finishDays)
            gain = try? Statistics.meanConfidenceInterval(differences, level: 0.95)
            guard let crewModel, outcomes[0].met.estimate < target, round < growRounds else { break }
            let before = evaluator.simulations
            best.crews = try grow(best, from: outcomes[0], on: fresh, crewModel: crewModel, ceiling: moves.crewCap,
                                  deadlineDays: base.deadlineHours / 24, evaluator: &evaluator)
            growthSimulations += evaluator.simulations - before
            round += 1
        }
        let searchValue = evaluator.value(selected)
        return Result(plan: plan, objective: objective, seed: seed, start: space.start, best: best,
                      startSearchValue: startValue, bestSearchValue: searchValue,
                      startConfirmed: startFigures, bestConfirmed: bestFigures,
                      deadlineMetGain: gain, gainEstimate: gainEstimate,
                      startFinishDays: finishes.start, bestFinishDays: finishes.best,
                      candidatesSimulated: evaluator.order.count, simulations: evaluator.simulations,
                      generations: generation, finalistsKept: contenders.count, progress: steps,
                      trades: crewModel?.trades ?? [], target: crewModel == nil ? nil : target,
                      startCrewCost: crewModel?.cost(space.start.crews), bestCrewCost: crewModel?.cost(best.crews),
                      selectedCrews: best == selected ? nil : selected.crews,
                      selectedCrewCost: best == selected ? nil : crewModel?.cost(selected.crews),
                      confirmRounds: confirmReplications > 0 ? round + 1 : 0, growthSimulations: growthSimulations,
                      schedulePasses: project?.passes)
    }

    /// The `round`-th set of fresh replications: `offset × (round + 1)` on.
    static func freshSet(_ round: Int, offset: Int, count: Int) -> Range<Int> {
        (offset * (round + 1))..<(offset * (round + 1) + count)
    }

    /// Grows `winner`'s crews (its phasing and dispatch kept) on the fresh
    /// replications `fresh`, where it did `outcome`, until the 95 % Wilson
    /// lower bound of P reaches the target there, no step raises P or
    /// lowers the lateness, or `growSteps` steps are taken. Returns the grown crews.
    func grow(_ winner: PlanCandidate, from outcome: Outcome, on fresh: Range<Int>, crewModel: CrewCost,
              ceiling: [Int], deadlineDays: Double, evaluator: inout Evaluator) throws(OptimiseError) -> [Int] {
        func gauge(_ o: Outcome) -> CrewCost.Gauge {
            let late = o.finishDays.map { max(0, $0 - deadlineDays) }
            return CrewCost.Gauge(met: o.met.estimate, lateness: late.reduce(0, +) / Double(max(1, late.count)))
        }
        // Grown until the 95 % Wilson lower bound reaches the target, not
        // the estimate: a mix grown just to the target on one fresh set
        // sits at its edge again, and the next set shows it short as often
        // as not (Yonghong: 89.5 %, grown to 90 %, then 88.5 %).
        func sure(_ g: CrewCost.Gauge) -> Bool {
            let n = fresh.count
            return ProportionSummary(successes: Int((g.met * Double(n)).rounded()), trials: n).lower >= target
        }
        var crews = winner.crews
        var current = gauge(outcome)
        var steps = 0
        while !sure(current), steps < growSteps {
            steps += 1
            let step = try crewModel.growStep(crews, from: current, ceiling: ceiling) { (mixes: [[Int]]) throws(OptimiseError) -> [CrewCost.Gauge] in
                let candidates = mixes.map { mix in
                    var c = winner
                    c.crews = mix
                    return c
                }
                return try evaluator.simulate(candidates, on: fresh).map(gauge)
            }
            guard let step else { break }
            (crews, current) = step
        }
        return crews
    }

    static func figures(_ outcome: Outcome) -> Figures {
        Figures(deadlineMet: ProportionSummary(successes: outcome.deadlineMet.filter { $0 }.count,
                                               trials: outcome.deadlineMet.count),
                meanFinishDays: outcome.finishDays.reduce(0, +) / Double(max(1, outcome.finishDays.count)),
                p80FinishDays: Outcome.quantile(outcome.finishDays, 0.8))
    }
}

extension PlanOptimiser {
    /// Compiles and simulates candidates, counting simulations and keeping
    /// each candidate's outcome on the search replications.
    struct Evaluator {
        let space: PlanSpace
        let scenario: Scenario
        let planIndex: Int
        let spec: PlanSpec
        let seed: UInt64
        let runner: ReplicationRunner
        let objective: Objective
        let crewModel: CrewCost?
        let target: Double
        var simulations = 0
        /// Outcomes on the search replications, and the order candidates were first simulated (the tie-break).
        var outcomes: [PlanCandidate: Outcome] = [:]
        var order: [PlanCandidate: Int] = [:]

        func known(_ c: PlanCandidate) -> Bool { outcomes[c] != nil }
        func outcome(_ c: PlanCandidate) -> Outcome { outcomes[c] ?? Outcome(deadlineMet: [], finishDays: []) }
        func value(_ c: PlanCandidate) -> Double { outcomes[c].map { value(c, on: $0) } ?? .infinity }
        /// The objective of `c` over `outcome` (its crews' cost counts for `cost`).
        func value(_ c: PlanCandidate, on outcome: Outcome) -> Double {
            outcome.value(objective, crewCost: crewModel?.cost(c.crews) ?? 0, target: target)
        }

        /// Best first; ties to the candidate simulated first.
        func ranked(_ candidates: [PlanCandidate]) -> [PlanCandidate] {
            var seen = Set<PlanCandidate>()
            return candidates.filter { seen.insert($0).inserted }.sorted {
                (value($0), order[$0] ?? .max) < (value($1), order[$1] ?? .max)
            }
        }

        /// Simulates the candidates not seen yet on the search replications; returns all of them ranked.
        mutating func evaluate(_ candidates: [PlanCandidate], on search: Range<Int>) throws(OptimiseError) -> [PlanCandidate] {
            var seen = Set<PlanCandidate>()
            let new = candidates.filter { outcomes[$0] == nil && seen.insert($0).inserted }
            let results = try simulate(new, on: search)
            for (c, o) in zip(new, results) {
                outcomes[c] = o
                order[c] = order.count
            }
            return ranked(candidates)
        }

        /// The plan a candidate stands for, compiled.
        static func compile(_ c: PlanCandidate, space: PlanSpace, scenario: Scenario, planIndex: Int,
                            spec: PlanSpec) -> Swift.Result<CompiledPlan, ScenarioError> {
            var s = scenario
            s.plans[planIndex] = space.apply(c, to: spec)
            do throws(ScenarioError) {
                let valid = try ScenarioValidator.validated(s, change: "plan search")
                return .success(try CompiledPlan(scenario: valid, plan: spec.name))
            } catch {
                return .failure(error)
            }
        }

        /// Every candidate on every replication of `range`, in parallel; results by index.
        mutating func simulate(_ candidates: [PlanCandidate], on range: Range<Int>) throws(OptimiseError) -> [Outcome] {
            guard !candidates.isEmpty else { return [] }
            let (space, scenario, planIndex, spec) = (space, scenario, planIndex, spec)
            let compiled = runner.run(count: candidates.count) { i in
                Self.compile(candidates[i], space: space, scenario: scenario, planIndex: planIndex, spec: spec)
            }
            var models: [CompiledPlan] = []
            for result in compiled {
                switch result {
                case .success(let model): models.append(model)
                case .failure(let error): throw .scenario(error)
                }
            }
            let n = range.count, seed = seed
            let frozen = models
            let runs = runner.run(count: candidates.count * n) { k in
                let r = Replication.run(plan: frozen[k / n], seed: seed, replication: range.lowerBound + k % n)
                return (r.deadlineMet, r.finishDays)
            }
            simulations += runs.count
            return candidates.indices.map { i in
                let slice = runs[(i * n)..<((i + 1) * n)]
                return Outcome(deadlineMet: slice.map(\.0), finishDays: slice.map(\.1))
            }
        }

        /// Work types ordered by the keys `rule` gives them (each type by its best-ranked order); nil for FIFO.
        func typeOrder(by rule: DispatchRule) throws(OptimiseError) -> [Int]? {
            guard rule != .fifo else { return nil }
            var s = scenario
            s.plans[planIndex].dispatch = rule
            s.plans[planIndex].priority = []
            let model: CompiledPlan
            do {
                model = try CompiledPlan(scenario: try ScenarioValidator.validated(s, change: "plan search"), plan: spec.name)
            } catch {
                throw .scenario(error)
            }
            var key = [Double](repeating: .infinity, count: model.types.count)
            for o in 0..<model.orderCount {
                key[model.typeIndex(of: o)] = min(key[model.typeIndex(of: o)], model.priority[o])
            }
            return model.types.indices.sorted { (key[$0], $0) < (key[$1], $1) }
        }
    }
}
