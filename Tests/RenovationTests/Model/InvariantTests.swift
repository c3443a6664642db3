import DiscreteEvent
import Testing
@testable import Renovation

/// On random scenarios of varied shape: precedence is never violated, no
/// crew is double-booked, every work order is done and accepted exactly
/// once (rework counted), and no work happens while the calendar is closed.
@Suite("Model invariants on random scenarios")
struct InvariantTests {
    struct Job { var begin: Double; var end: Double; var order: Int }

    func traced(_ yaml: String, seed: UInt64) throws -> (Model, Programme, Int) {
        let loaded = try ScenarioLoader.load(yaml: yaml, file: "random.yaml")
        let model = try Model(scenario: loaded.scenario)
        var sim = Programme.simulation(model: model, seed: seed, replication: 0, trace: true)
        sim.run()
        return (model, sim.model, sim.eventsHandled)
    }

    @Test("invariants hold", arguments: 0..<40)
    func invariants(_ index: Int) throws {
        var generator = RandomScenario(seed: UInt64(1000 + index))
        let yaml = generator.yaml()
        let (model, run, events) = try traced(yaml, seed: UInt64(index))
        let trace = run.trace ?? []
        let result = run.result(events: events)

        // Jobs: every `started` is closed by one `work_done` of the same order.
        var open: [Int: (Double, Double)] = [:]
        var jobs: [Job] = []
        var accepted = [Int](repeating: 0, count: model.orderCount)
        var acceptedAt = [Double](repeating: .nan, count: model.orderCount)
        var firstStart = [Double](repeating: .infinity, count: model.orderCount)
        var failed = [Int](repeating: 0, count: model.orderCount)
        var starts = [Int](repeating: 0, count: model.orderCount)
        for record in trace {
            switch record.kind {
            case .started:
                #expect(open[record.order] == nil, "order \(record.order) started twice at once\n\(yaml)")
                open[record.order] = (record.time, record.value)
                starts[record.order] += 1
                firstStart[record.order] = min(firstStart[record.order], record.time)
            case .workDone:
                let removed = open.removeValue(forKey: record.order)
                let begin = try #require(removed)
                jobs.append(Job(begin: begin.0, end: record.time, order: record.order))
                // Work happens only in open hours of the order's calendar (rain included).
                let calendar = run.calendars[model.table.calendar[model.typeIndex(of: record.order)]]
                #expect(abs(calendar.workHours(from: begin.0, to: record.time) - begin.1) < 1e-6)
            case .accepted:
                accepted[record.order] += 1
                acceptedAt[record.order] = record.time
            case .failed:
                failed[record.order] += 1
            default:
                break
            }
        }
        #expect(open.isEmpty)

        if result.finished {
            // Every order accepted exactly once; started once plus once per failed inspection.
            #expect(accepted.allSatisfy { $0 == 1 })
            #expect(zip(starts, failed).allSatisfy { $0 == $1 + 1 })
            #expect(failed.reduce(0, +) == result.failedInspections)
        } else {
            #expect(result.stall != nil)
            #expect(accepted.allSatisfy { $0 <= 1 })
        }

        // Precedence: an order starts only after every predecessor is accepted.
        for o in 0..<model.orderCount where firstStart[o].isFinite {
            let type = model.types[model.typeIndex(of: o)]
            for p in type.predecessors {
                let predecessor = model.types[p]
                var orders: [Int] = []
                let c = model.community(of: o)
                if predecessor.level == .community {
                    orders = [model.order(community: c, type: predecessor.localIndex)]
                } else if let b = model.building(of: o) {
                    orders = [model.order(building: b, type: predecessor.localIndex)]
                } else {
                    orders = model.communities[c].buildings.map { model.order(building: $0, type: predecessor.localIndex) }
                }
                for q in orders {
                    #expect(acceptedAt[q] <= firstStart[o], "order \(o) started before predecessor \(q)\n\(yaml)")
                }
            }
            // Nothing starts before its community's release.
            #expect(firstStart[o] >= model.releaseTime[model.community(of: o)])
        }

        // Crews: at no instant do running jobs use more crews of a trade than exist.
        var changes: [(time: Double, trade: Int, delta: Int)] = []
        for job in jobs {
            let type = model.types[model.typeIndex(of: job.order)]
            for need in type.needs {
                changes.append((job.begin, need.trade, need.crews))
                changes.append((job.end, need.trade, -need.crews))
            }
        }
        // Releases before acquisitions at the same instant.
        changes.sort { ($0.time, $0.delta) < ($1.time, $1.delta) }
        var inUse = [Int](repeating: 0, count: model.tradeNames.count)
        for change in changes {
            inUse[change.trade] += change.delta
            #expect(inUse[change.trade] <= model.crews[change.trade], "trade \(change.trade) over capacity\n\(yaml)")
        }

        // Budgets: no year commits more than it has.
        for (year, spent) in result.costPerYear.enumerated() {
            #expect(spent <= model.budgetPerYear[year] * (1 + 1e-9))
        }
    }

    @Test("no work falls inside a shutdown window, checked day by day from the dates", arguments: 0..<15)
    func shutdowns(_ index: Int) throws {
        var generator = RandomScenario(seed: UInt64(5000 + index))
        let yaml = generator.yaml(weather: false)
        let loaded = try ScenarioLoader.load(yaml: yaml, file: "random.yaml")
        let model = try Model(scenario: loaded.scenario)
        var sim = Programme.simulation(model: model, seed: 3, replication: 0, trace: true)
        sim.run()
        let shutdowns = loaded.scenario.calendar.shutdowns
        var began: [Int: Double] = [:]
        for record in sim.model.trace ?? [] {
            if record.kind == .started { began[record.order] = record.time }
            guard record.kind == .workDone, let begin = began[record.order] else { continue }
            let type = model.types[model.typeIndex(of: record.order)]
            let tradeNames = Set(type.needs.map { model.tradeNames[$0.trade] })
            // Independent of the calendar code: count open shift hours day by day.
            var hours = 0.0
            var day = Int(begin / 24)
            while Double(day) * 24 < record.time {
                let date = model.start.adding(days: day)
                let closed = shutdowns.contains { window in
                    let applies = window.trades.map { !tradeNames.isDisjoint(with: $0) } ?? true
                    let md = (date.month, date.day)
                    let from = (window.from.month, window.from.day), to = (window.to.month, window.to.day)
                    let inside = from <= to ? (md >= from && md <= to) : (md >= from || md <= to)
                    return applies && inside
                }
                if !closed {
                    let shiftStart = Double(day) * 24 + loaded.scenario.calendar.shiftStart
                    let shiftEnd = shiftStart + model.baseCalendar.hours[day]
                    hours += max(0, min(shiftEnd, record.time) - max(shiftStart, begin))
                }
                day += 1
            }
            let work = model.calendars[model.table.calendar[model.typeIndex(of: record.order)]]
                .workHours(from: begin, to: record.time)
            #expect(abs(hours - work) < 1e-6, "work hours inside a shutdown for \(type.name)\n\(yaml)")
        }
    }
}
