import Experiments
import Testing
@testable import Renovation

@Suite("Summary series behind the HTML report")
struct ReportSeriesTests {
    @Test("line of balance: counts never fall, P10 ≤ P50 ≤ P90, and every building is done at the last time")
    func lineOfBalance() throws {
        let model = try CompiledPlan(scenario: shipped("yonghong-2022.yaml").valid, plan: "three-year")
        let results = ReplicationRunner(threads: 2).run(model: model, seed: 5, replications: 0..<8)
        #expect(results.allSatisfy { $0.finished })
        let progress = try #require(PlanSummary(model: model, seed: 5, results: results).buildingProgress)
        #expect(progress.days.count == BuildingProgress.points)
        #expect(progress.days.first == 0)
        #expect(progress.workTypes.count == model.buildingTypeCount)
        for type in progress.workTypes {
            #expect(type.buildings == model.buildings.count)
            #expect(type.p50.last == Double(model.buildings.count), "\(type.name)")
            #expect(type.p10.first == 0)
            #expect(zip(type.p50, type.p50.dropFirst()).allSatisfy { $0 <= $1 }, "\(type.name) falls")
            for j in type.p50.indices { #expect(type.p10[j] <= type.p50[j] && type.p50[j] <= type.p90[j]) }
        }
    }

    @Test("monthly utilisation lies in [0, 1], months are consecutive, and it adds up to the worked hours")
    func monthlyUtilisation() throws {
        let model = try CompiledPlan(scenario: shipped("yonghong-2022.yaml").valid, plan: "three-year")
        let results = ReplicationRunner(threads: 2).run(model: model, seed: 5, replications: 0..<6)
        let monthly = try #require(PlanSummary(model: model, seed: 5, results: results).monthlyUtilisation)
        let months = model.monthStartHours.count - 1
        #expect(monthly.months.count == months)
        #expect(monthly.months.first == model.start)
        #expect(monthly.months.dropFirst().allSatisfy { $0.day == 1 })
        #expect(monthly.trades.map(\.name) == model.tradeNames)
        var busy = 0
        for trade in monthly.trades {
            #expect(trade.values.count == months)
            for v in trade.values where !v.isNaN {
                #expect(v >= 0 && v <= 1 + 1e-9, "\(trade.name): \(v)")
                if v > 0 { busy += 1 }
            }
        }
        #expect(busy > 0)
        // The months split each job's hours; together they are the trade's worked hours.
        for r in results {
            for t in model.tradeNames.indices {
                let monthlySum = r.workedCrewHoursByMonth[(t * months)..<((t + 1) * months)].reduce(0, +)
                let available = Double(model.crews[t]) * (model.tradeCalendarIndex(t).map { model.calendars[$0] }
                    ?? model.baseCalendar).workHours(from: 0, to: r.finishDays * 24)
                #expect(abs(monthlySum - r.crewUtilisation[t] * available) <= 1e-6 * max(1, monthlySum)
                        || model.calendarRainSensitive.contains(true))
            }
        }
    }
}
