import DiscreteEvent
import Renovation
import Stochastic

/// Line-of-balance data: for each building work type, how many buildings
/// had that work accepted by each of a few evenly spaced days, as P10, P50
/// and P90 over the replications.
public struct BuildingProgress: Codable, Sendable, Equatable {
    /// Days from the start, 0 to the latest acceptance of any building work.
    public var days: [Double]
    public var workTypes: [WorkTypeProgress]

    /// Points per series: enough for a smooth line, small in result.json.
    public static let points = 60

    public struct WorkTypeProgress: Codable, Sendable, Equatable {
        public var name: String
        /// Buildings the work type applies to.
        public var buildings: Int
        public var p10: [Double]
        public var p50: [Double]
        public var p90: [Double]
    }

    init(model: CompiledPlan, results: [ReplicationResult]) {
        var last = 0.0
        for r in results {
            for o in 0..<min(model.firstCommunityOrder, r.orderFinishDays.count) where r.orderFinishDays[o].isFinite {
                last = max(last, Double(r.orderFinishDays[o]))
            }
        }
        let n = Self.points
        let times = (0..<n).map { last * Double($0) / Double(n - 1) }
        days = times
        let buildings = model.buildings.count
        var finish = [Double](), counts = [[Double]](repeating: [], count: n)
        workTypes = (0..<model.buildingTypeCount).map { k in
            for j in 0..<n { counts[j].removeAll(keepingCapacity: true) }
            for r in results {
                finish.removeAll(keepingCapacity: true)
                for b in 0..<buildings {
                    let o = model.order(building: b, type: k)
                    if o < r.orderFinishDays.count, r.orderFinishDays[o].isFinite { finish.append(Double(r.orderFinishDays[o])) }
                }
                finish.sort()
                var done = 0
                for j in 0..<n {
                    while done < finish.count && finish[done] <= times[j] { done += 1 }
                    counts[j].append(Double(done))
                }
            }
            let summaries = counts.map { SampleSummary($0) }
            func quantile(_ p: Double) -> [Double] { summaries.map { $0.count > 0 ? $0.quantile(p) : .nan } }
            return WorkTypeProgress(name: model.types[k].name, buildings: buildings,
                                    p10: quantile(0.1), p50: quantile(0.5), p90: quantile(0.9))
        }
    }
}

/// Crew utilisation per trade and calendar month, the mean over the
/// replications of crew-hours worked ÷ (crews × the trade calendar's
/// working hours that month). Rain days count as available, so a wet month
/// shows as lower utilisation; NaN where a month offers no working hours.
public struct MonthlyUtilisation: Codable, Sendable, Equatable {
    /// First day of each month (the start date for the first).
    public var months: [CivilDate]
    public var trades: [Series]

    public struct Series: Codable, Sendable, Equatable {
        public var name: String
        public var values: [Double]
    }

    init(model: CompiledPlan, results: [ReplicationResult]) {
        let bounds = model.monthStartHours
        let count = max(0, bounds.count - 1)
        months = (0..<count).map { model.date(atHours: bounds[$0]) }
        let tradeCount = model.tradeNames.count
        let n = Double(max(1, results.count))
        trades = (0..<tradeCount).map { t in
            let calendar = model.tradeCalendarIndex(t).map { model.calendars[$0] } ?? model.baseCalendar
            let values = (0..<count).map { m -> Double in
                let available = Double(model.crews[t]) * calendar.workHours(from: bounds[m], to: bounds[m + 1])
                guard available > 0 else { return .nan }
                let i = t * count + m
                let worked = results.reduce(0.0) { $0 + ($1.workedCrewHoursByMonth.indices.contains(i) ? $1.workedCrewHoursByMonth[i] : 0) }
                return worked / n / available
            }
            return Series(name: model.tradeNames[t], values: values)
        }
    }
}
