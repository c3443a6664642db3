import Stochastic

/// The defect load: how many reports a replication draws and how far the
/// responders fall behind. Reports have no per-building limit like work
/// orders, so a valid-looking rate on a large building could otherwise
/// fill memory with reports waiting for a responder.
extension ScenarioChecks {
    /// Each report is a few events; 2·10⁷ of them take minutes per replication.
    static let maximumDefectReports = 20_000_000.0
    /// Reports waiting for a responder are kept in memory (about 40 bytes
    /// each plus the queue): 2·10⁶ is under 100 MB per replication.
    static let maximumDefectBacklog = 2_000_000.0

    /// What the validator expects of the defect load, for one team size.
    struct DefectLoad {
        /// Reports per replication while buildings are under works, and after.
        var during = 0.0
        var after = 0.0
        var households = 0.0
        /// Household-weighted years under works (a lower bound: the longest job of each building).
        var householdYears = 0.0
        /// The worst single building: reports per hour and hours under works.
        var peakRate = 0.0
        var peakHours = 0.0

        var reports: Double { during + after }

        /// Reports still waiting at the horizon, at least: what one building
        /// alone brings beyond the team's pace, or the whole run beyond
        /// what the team can answer before the horizon.
        func backlog(team: Int, serviceHours: Double, horizonHours: Double) -> Double {
            guard serviceHours > 0 else { return 0 }
            let pace = Double(team) / serviceHours
            return max(0, (peakRate - pace) * peakHours, reports - pace * horizonHours)
        }
    }

    /// Refuses a defect load that cannot run: too many reports per
    /// replication, or a responder queue that grows without bound.
    mutating func checkDefectLoad() {
        guard let defects = scenario.defects,
              [defects.duringWorksRate, defects.afterWorksRate, defects.afterWorksDays].allSatisfy({ $0.isFinite && $0 >= 0 })
        else { return }
        let load = defectLoad(defects)
        let path = ScenarioKeyPath() + "defects"
        let years = load.households > 0 ? load.householdYears / load.households : 0
        let estimate = "about \(load.reports.rounded().scenarioText) reports per replication ("
            + "\(load.households.rounded().scenarioText) households × \(defects.duringWorksRate.scenarioText) reports a year × "
            + "at least \(Self.oneDecimal(years)) years under works, plus \(load.after.rounded().scenarioText) after works)"
        if load.reports > Self.maximumDefectReports {
            error(path + "during_works_rate", "defects would make \(estimate)",
                  expected: "at most \(Int(Self.maximumDefectReports)) reports per replication "
                      + "(fewer households, a lower during_works_rate, or shorter work)")
            return
        }
        let service = Self.responderHours(defects)
        let horizonHours = Double(simulatedEnd.dayNumber - scenario.start.dayNumber + 1) * 24
        var checked = Set<Int>()
        let teams = [(defects.team, path + "team")] + scenario.plans.enumerated().compactMap { i, plan in
            plan.defectTeam.map { ($0, ScenarioKeyPath() + "plans" + i + "defect_team") }
        }
        for (team, teamPath) in teams where team >= 1 && checked.insert(team).inserted {
            let backlog = load.backlog(team: team, serviceHours: service, horizonHours: horizonHours)
            guard backlog > Self.maximumDefectBacklog else { continue }
            let utilisation = load.peakRate * service / Double(team)
            error(teamPath,
                  "\(Self.count(team, "responder")) taking about \(Self.oneDecimal(service)) hours a report fall behind for good: "
                      + "\(estimate), the busiest building alone at a responder utilisation of \(Self.oneDecimal(utilisation)); "
                      + "about \(backlog.rounded().scenarioText) reports would still be waiting at the horizon",
                  expected: "a team whose queue grows by at most \(Int(Self.maximumDefectBacklog)) reports "
                      + "(a larger team or a lower report rate)")
        }
    }

    /// Mean hours a responder is busy with one report: travel, then a small fix or an assessment.
    static func responderHours(_ defects: DefectSpec) -> Double {
        let share = min(max(defects.complexShare, 0), 1)
        let hours = defects.travelMinutes.mean / 60 + share * defects.assessmentHours.mean
            + (1 - share) * defects.smallFixHours.mean
        return hours.isFinite ? max(0, hours) : 0
    }

    /// The load over every building, listed or generated (at the generator's means).
    func defectLoad(_ defects: DefectSpec) -> DefectLoad {
        let calendar = scenario.calendar
        let hoursPerYear = calendar.hoursPerDay * Double(Set(calendar.workdays).count) * 365.25 / 7
        let horizonHours = Double(simulatedEnd.dayNumber - scenario.start.dayNumber + 1) * 24
        let horizonYears = horizonHours / 8766
        let afterYears = defects.afterWorksDays / 365.25
        var load = DefectLoad()
        let quantityNames = scenario.inventory?.table?.quantityNames ?? []
        func add(count: Double, units: Double, households: Double, floors: Double, quantities: [Double] = []) {
            guard count > 0, hoursPerYear > 0 else { return }
            let longest = scenario.work.building.reduce(0.0) { longest, type in
                let scale = switch type.per {
                case .fixed, .building: 1.0
                case .unit: units
                case .household: households
                case .floor: floors
                case .quantity: type.quantity.flatMap { quantityNames.firstIndex(of: $0) }
                    .map { $0 < quantities.count ? quantities[$0] : 0 } ?? 0
                }
                let hours = type.hours.mean * scale
                return hours.isFinite ? max(longest, hours) : longest
            }
            let years = min(horizonYears, longest / hoursPerYear)
            guard years > 0 else { return }
            load.households += count * households
            load.householdYears += count * households * years
            load.during += count * households * defects.duringWorksRate * years
            load.after += count * households * defects.afterWorksRate * min(afterYears, horizonYears)
            let rate = households * defects.duringWorksRate / 8760
            if rate > load.peakRate {
                load.peakRate = rate
                load.peakHours = years * 8766
            }
        }
        for community in scenario.communities ?? [] {
            if let buildings = community.buildings {
                for b in buildings {
                    add(count: 1, units: Double(b.units), households: Double(b.households ?? b.units), floors: Double(b.floors),
                        quantities: b.quantities)
                }
            } else if let count = community.buildingCount, let b = community.building {
                add(count: Double(max(0, min(count, Self.maximumBuildingsPerCommunity))), units: Double(b.units),
                    households: Double(b.households ?? b.units), floors: Double(b.floors))
            }
        }
        for generator in scenario.generate ?? [] {
            let communities = Double(max(0, min(generator.count, Self.maximumGeneratedCommunities)))
            let perCommunity = min(Double(Self.maximumBuildingsPerCommunity), max(1, generator.buildings.mean))
            let units = min(Double(Self.maximumUnitsPerBuilding), max(1, generator.units.mean))
            let occupancy = min(max(generator.occupancy, 0), 1)
            guard perCommunity.isFinite, units.isFinite else { continue }
            add(count: communities * perCommunity, units: units, households: units * occupancy,
                floors: min(Double(Self.maximumFloors), max(1, generator.floors.mean)))
        }
        return load
    }

    /// `8.3`, `12.0`: one decimal, for estimates.
    static func oneDecimal(_ x: Double) -> String {
        guard x.isFinite, abs(x) < 1e15 else { return x.scenarioText }
        let tenths = (x * 10).rounded()
        return "\(Int64(tenths) / 10).\(abs(Int64(tenths) % 10))"
    }
}
