import Experiments
import Reports
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

    @Test("community timeline: preparation starts, ends, then the works finish; one row of bars per community in the report")
    func communityTimeline() throws {
        let model = try CompiledPlan(scenario: shipped("yonghong-2022.yaml").valid, plan: "three-year")
        let results = ReplicationRunner(threads: 2).run(model: model, seed: 5, replications: 0..<6)
        let rows = CommunityFinish.of(results, model: model)
        #expect(rows.count == model.communities.count)
        for (c, row) in rows.enumerated() {
            #expect(row.preparationStart == model.preparation!.startHours[c] / 24)
            #expect(row.preparationStart <= row.preparedP10 && row.preparedP10 <= row.preparedP50 && row.preparedP50 <= row.preparedP90,
                    "\(row)")
            // Works open only once prepared: every finish after its own replication's approval, so the medians too.
            #expect(row.preparedP50 < row.p50 && row.p10 <= row.p50 && row.p50 <= row.p90, "\(row)")
            #expect(row.release == model.releaseTime[c] / 24 && row.release < row.p50, "\(row)")
        }
        let document = ResultDocument(model: model, seed: 5, results: results,
                                      scenario: .init(name: model.scenarioName, file: "y.yaml", sha256: ""), toolVersion: "test")
        let html = HTMLReport.render(document, communities: rows)
        let chart = try #require(html.range(of: "id=\"community-timeline\"").map { String(html[$0.lowerBound...]) })
        let svg = String(chart[..<(chart.range(of: "</svg>")?.upperBound ?? chart.endIndex)])
        // Four bars a community: preparation, works and two whiskers.
        #expect(svg.components(separatedBy: "<rect class=\"bar\"").count - 1 == 4 * model.communities.count)
        #expect(!HTMLReport.render(document, communities: nil).contains("community-timeline"))
        #expect(html.contains("<th>Milestone guangjing-first by 2023-06-30</th><td>P(met) "))
    }
}
