import DiscreteEvent
import Stochastic

/// The risk register compiled against a plan: names resolved to type and
/// calendar indexes, windows to hours, and each risk's streams keyed by its
/// name (docs/scenario-reference.md, "Risks").
///
/// Streams keyed by name, not position, make a risk's draws independent of
/// the rest of the register: switching one off (``switchedOff(_:)``) or
/// deleting it leaves every other risk's occurrences and impacts as they were.
public struct RiskModel: Sendable {
    public struct Risk: Sendable {
        public let name: String
        /// Chance per unit of scope; 0 when switched off.
        public internal(set) var probability: Double
        public let scope: RiskScope
        /// Keyed by the driver's name: risks of one driver draw the same chance per unit.
        let occurrencePurpose: UInt64
        /// Keyed by the risk's own name.
        let impactPurpose: UInt64
        /// Per global type index: whether the risk hits that work type.
        let linked: [Bool]
        /// Calendars a stop closes.
        let closes: [Int]
        /// [from, to) in hours when the window is dates; nil while the linked work runs.
        let window: ClosedWindow?
        public let extraHours: Distribution?
        public let startDelayDays: Distribution?
        public let stopDays: Distribution?
        public let cost: Distribution?

        var hitsOrders: Bool { extraHours != nil || startDelayDays != nil || cost != nil }
    }

    public internal(set) var risks: [Risk]

    public var names: [String] { risks.map(\.name) }
    public var isEmpty: Bool { risks.isEmpty }

    /// Compiles a validated register; `types` are the plan's compiled work types.
    init(_ specs: [RiskSpec], types: [WorkType], tradeNames: [String], start: CivilDate) {
        risks = specs.map { spec in
            let typeNames = types.map(\.name)
            let tradeSet = Set(spec.trades.compactMap { tradeNames.firstIndex(of: $0) })
            let linkedByName = Set(spec.workTypes.compactMap { typeNames.firstIndex(of: $0) })
            let everything = spec.workTypes.isEmpty && spec.trades.isEmpty
            let linked = types.indices.map { k in
                everything || linkedByName.contains(k) || types[k].needs.contains { tradeSet.contains($0.trade) }
            }
            // A stop closes every calendar that a linked trade works to (every calendar when nothing is linked).
            let stopTrades = everything ? nil
                : tradeSet.union(types.indices.filter { linkedByName.contains($0) }.flatMap { types[$0].needs.map(\.trade) })
            let calendarCount = (types.map(\.calendar).max() ?? -1) + 1
            let closes = (0..<calendarCount).filter { cal in
                stopTrades.map { trades in types.contains { $0.calendar == cal && $0.needs.contains { trades.contains($0.trade) } } } ?? true
            }
            let window: ClosedWindow? = switch spec.when {
            case .running: nil
            case .dates(let range):
                ClosedWindow(start: Double(range.first.dayNumber - start.dayNumber) * hoursPerCalendarDay,
                             end: Double(range.last.dayNumber - start.dayNumber + 1) * hoursPerCalendarDay)
            }
            return Risk(name: spec.name, probability: spec.probability, scope: spec.per,
                        occurrencePurpose: StreamPurpose.riskOccurrence | Self.nameKey(spec.driver ?? spec.name) << 32,
                        impactPurpose: StreamPurpose.riskImpact | Self.nameKey(spec.name) << 32,
                        linked: linked, closes: closes, window: window, extraHours: spec.impact.extraHours,
                        startDelayDays: spec.impact.startDelayDays, stopDays: spec.impact.stopDays, cost: spec.impact.cost)
        }
    }

    /// The register with risk `r` switched off: it never occurs, and every other risk draws as before.
    public func switchedOff(_ r: Int) -> RiskModel {
        var copy = self
        copy.risks[r].probability = 0
        return copy
    }

    /// A 32-bit key of a name (FNV-1a folded), the same in every process,
    /// unlike `Hasher`: it goes into stream keys, so it must never change.
    static func nameKey(_ name: String) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in name.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return (hash ^ hash >> 32) & 0xFFFF_FFFF
    }
}

extension CompiledPlan {
    /// The plan with risk `r` of its register switched off.
    public func withRisk(off r: Int) -> CompiledPlan {
        var copy = self
        copy.risks = risks.switchedOff(r)
        return copy
    }

    /// How many units risk `r` draws for: 1 per programme, the simulated
    /// years, the communities, the buildings, or its linked work orders.
    public func riskUnits(_ r: Int) -> Int {
        let risk = risks.risks[r]
        switch risk.scope {
        case .programme: return 1
        case .year: return budgetPerYear.count
        case .community: return communities.count
        case .building: return buildings.count
        case .order:
            let perBuilding = (0..<buildingTypeCount).filter { risk.linked[$0] }.count
            let perCommunity = (0..<communityTypeCount).filter { risk.linked[buildingTypeCount + $0] }.count
            return buildings.count * perBuilding + communities.count * perCommunity
        }
    }

    /// The window in hours of unit `unit` of risk `r`: its dates, cut to
    /// its year for a yearly risk and to the simulated period.
    func riskWindow(_ r: Int, unit: Int) -> ClosedWindow {
        let risk = risks.risks[r]
        var from = 0.0, to = baseCalendar.horizon
        if let window = risk.window {
            from = max(from, window.start)
            to = min(to, window.end)
        }
        if risk.scope == .year {
            let year = start.year + unit
            if let first = CivilDate(year: year, month: 1, day: 1) { from = max(from, hours(at: first)) }
            if let next = CivilDate(year: year + 1, month: 1, day: 1) { to = min(to, hours(at: next)) }
        }
        return ClosedWindow(start: from, end: to)
    }
}
