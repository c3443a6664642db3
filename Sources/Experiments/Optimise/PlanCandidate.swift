import DiscreteEvent
import Renovation

/// One point of the plan search: a dispatch rule, a priority list over
/// work types, and a release phase and release position for every
/// community (and, for the crew stage, the crews).
///
/// Indexes are the compiled plan's: work types building ones first, then
/// community ones; communities listed, then generated.
public struct PlanCandidate: Hashable, Sendable, Codable {
    public var dispatch: DispatchRule
    /// Work type indexes, best first (the `priority` list; unused under `fifo`).
    public var typeOrder: [Int]
    /// Each community's release phase (an index into the phase start dates).
    public var phase: [Int]
    /// Communities in release order: within a phase, the phase's list order.
    public var communityOrder: [Int]
    /// Crews per trade (the compiled plan's trade order) when crews are
    /// searched (`--objective cost`); empty: the plan's own crews.
    public var crews: [Int]
    /// Project mode: each work type's start in hours after the release, the
    /// plan's `not_before` (docs/optimise.md); empty: none.
    public var notBefore: [Double]

    public init(dispatch: DispatchRule, typeOrder: [Int], phase: [Int], communityOrder: [Int], crews: [Int] = [],
                notBefore: [Double] = []) {
        self.dispatch = dispatch
        self.typeOrder = typeOrder
        self.phase = phase
        self.communityOrder = communityOrder
        self.crews = crews
        self.notBefore = notBefore
    }
}

/// The parts of a plan the search may change, and how a candidate becomes
/// a plan again.
public struct PlanSpace: Sendable {
    public let planName: String
    public let typeNames: [String]
    public let communityNames: [String]
    public let tradeNames: [String]
    /// Release dates the communities are spread over: the starting plan's
    /// distinct release dates (one for `release: all`).
    public let phaseStarts: [CivilDate]
    /// The starting plan as a candidate.
    public let start: PlanCandidate
    /// The starting plan's own `priority` list.
    let startPriority: [String]

    /// With `crews`, the starting candidate carries the plan's crews
    /// (raised to what each trade's largest job needs) and crews are searched.
    public init(plan: CompiledPlan, spec: PlanSpec, crews: Bool = false) {
        planName = plan.planName
        tradeNames = plan.tradeNames
        typeNames = plan.types.map(\.name)
        communityNames = plan.communities.map(\.name)
        let dayNumbers = Array(Set(plan.releaseTime.map { Int(($0 / 24).rounded()) })).sorted()
        phaseStarts = dayNumbers.map { plan.start.adding(days: $0) }
        let phase = plan.releaseTime.map { t in dayNumbers.firstIndex(of: Int((t / 24).rounded())) ?? 0 }
        // The starting list: the plan's own, then the unlisted types in scenario order.
        let listed = spec.priority.compactMap { name in plan.types.firstIndex { $0.name == name } }
        let typeOrder = listed + plan.types.indices.filter { !listed.contains($0) }
        startPriority = spec.priority
        start = PlanCandidate(dispatch: plan.dispatch, typeOrder: typeOrder, phase: phase,
                              communityOrder: plan.releaseOrder, crews: crews ? CrewCost(plan: plan).starting : [])
    }

    /// `spec` with the candidate's release, dispatch and priority (and its
    /// crews, when it has them, as overrides for every trade).
    public func apply(_ candidate: PlanCandidate, to spec: PlanSpec, name: String? = nil) -> PlanSpec {
        var plan = spec
        if let name { plan.name = name }
        var phases: [(start: CivilDate, communities: [String])] = phaseStarts.map { ($0, []) }
        for c in candidate.communityOrder { phases[candidate.phase[c]].communities.append(communityNames[c]) }
        let kept = phases.filter { !$0.communities.isEmpty }
        plan.release = .phases(kept.map { PhaseSpec(start: $0.start, communities: $0.communities, preparationStart: nil) })
        plan.dispatch = candidate.dispatch
        // The starting list written as the plan had it (a plan without a list
        // breaks ties by work-order number, which a full list would not).
        plan.priority = candidate.dispatch == .fifo || candidate.typeOrder == start.typeOrder
            ? (candidate.dispatch == .fifo ? [] : startPriority)
            : candidate.typeOrder.map { typeNames[$0] }
        if !candidate.notBefore.isEmpty {
            // Whole hours survive ÷ 24 then × 24 exactly (tested for every hour of 100 years,
            // PlanBlockTests), so the engine's not-before time is the start the schedule gave.
            plan.notBefore = OrderedMapping(zip(typeNames, candidate.notBefore).filter { $0.1 > 0 }
                .map { (key: $0, value: $1 / hoursPerCalendarDay) })
        }
        if !candidate.crews.isEmpty {
            plan.crews = OrderedMapping(zip(tradeNames, candidate.crews).map { (key: $0, value: $1) })
        }
        return plan
    }
}
