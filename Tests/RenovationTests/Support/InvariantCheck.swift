import DiscreteEvent
import Foundation
import Testing
@testable import Renovation

/// The model's invariants, checked on the event trace of one replication:
/// the run ends or reports what is stuck; precedence, crew capacity,
/// calendars (shutdown windows counted day by day from the dates) and
/// budgets are never violated; every work order is done and accepted
/// exactly once, with rework counted. Shared by the fixed-seed
/// `InvariantTests` and the generated `PropertyInvariantTests`.
enum InvariantCheck {
    struct Job { var begin: Double; var end: Double; var work: Double; var order: Int }

    /// Loads `yaml`, runs replication 0 with `seed` traced, and records an
    /// issue (`#expect`) for every broken invariant; `label` ends each message.
    static func check(_ yaml: String, seed: UInt64, label: String = "",
                      sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let loaded = try ScenarioLoader.load(yaml: yaml, file: "random.yaml")
        let model = try CompiledPlan(scenario: loaded.valid)
        var sim = Replication.simulation(plan: model, seed: seed, replication: 0, trace: true)
        // Far more events than any of these small scenarios needs: reaching it is a hang.
        let stop = sim.run(maxEvents: 5_000_000)
        #expect(stop != .eventLimit, "the run did not end\(label)", sourceLocation: sourceLocation)
        let run = sim.model
        let result = run.result(events: sim.eventsHandled)
        let trace = run.trace ?? []

        // Jobs: every `started` is closed by one `work_done` of the same order.
        var open: [Int: (begin: Double, work: Double)] = [:]
        var jobs: [Job] = []
        var accepted = [Int](repeating: 0, count: model.orderCount)
        var acceptedAt = [Double](repeating: .nan, count: model.orderCount)
        var firstStart = [Double](repeating: .infinity, count: model.orderCount)
        var failed = [Int](repeating: 0, count: model.orderCount)
        var starts = [Int](repeating: 0, count: model.orderCount)
        var reworkHours = 0.0
        var skipped = [Int](repeating: 0, count: model.orderCount)
        var prepared = [Double](repeating: .infinity, count: model.communities.count)
        for record in trace {
            switch record.kind {
            case .started:
                #expect(open[record.order] == nil, "order \(record.order) started twice at once\(label)",
                        sourceLocation: sourceLocation)
                open[record.order] = (record.time, record.value)
                if starts[record.order] > 0 { reworkHours += record.value }
                starts[record.order] += 1
                firstStart[record.order] = min(firstStart[record.order], record.time)
            case .workDone:
                let removed = open.removeValue(forKey: record.order)
                let begin = try #require(removed, "work done on order \(record.order) that was not started\(label)",
                                         sourceLocation: sourceLocation)
                jobs.append(Job(begin: begin.begin, end: record.time, work: begin.work, order: record.order))
            case .accepted:
                accepted[record.order] += 1
                acceptedAt[record.order] = record.time
            case .failed:
                failed[record.order] += 1
            case .skipped:
                skipped[record.order] += 1
                acceptedAt[record.order] = record.time   // settled for its successors
            case .prepared, .deferred:
                prepared[record.community] = record.time
            default:
                break
            }
        }
        #expect(open.isEmpty, "jobs still open at the end\(label)", sourceLocation: sourceLocation)

        // Conservation: every order accepted exactly once; started once plus once per failed inspection.
        if result.finished {
            #expect(zip(accepted, skipped).allSatisfy { $0 + $1 == 1 }, "an order not accepted or skipped exactly once\(label)",
                    sourceLocation: sourceLocation)
            #expect(starts.indices.allSatisfy { starts[$0] == (skipped[$0] == 1 ? 0 : failed[$0] + 1) },
                    "starts ≠ 1 + failures, or a skipped order started\(label)", sourceLocation: sourceLocation)
        } else {
            #expect(result.stall != nil, "unfinished without a stall report\(label)", sourceLocation: sourceLocation)
            #expect(accepted.allSatisfy { $0 <= 1 }, "an order accepted twice\(label)", sourceLocation: sourceLocation)
        }
        #expect(failed.reduce(0, +) == result.failedInspections, "failed inspections miscounted\(label)",
                sourceLocation: sourceLocation)
        #expect(abs(reworkHours - result.reworkHours) <= 1e-6 * max(1, reworkHours),
                "rework hours \(result.reworkHours), trace \(reworkHours)\(label)", sourceLocation: sourceLocation)

        // Preparation: no work starts before its community is prepared (and never in a deferred one).
        if model.preparation != nil {
            for o in 0..<model.orderCount where firstStart[o].isFinite {
                #expect(firstStart[o] >= prepared[model.community(of: o)],
                        "order \(o) started at \(firstStart[o]) h before its community was prepared\(label)",
                        sourceLocation: sourceLocation)
            }
            #expect(result.preparation?.deferred == trace.filter { $0.kind == .deferred }.count,
                    "deferred communities miscounted\(label)", sourceLocation: sourceLocation)
        }
        checkPrecedence(model, firstStart: firstStart, acceptedAt: acceptedAt, label, sourceLocation)
        checkCrews(model, jobs: jobs, label, sourceLocation)
        checkCalendars(model, loaded.scenario, run: run, jobs: jobs, label, sourceLocation)
        // Budgets: no year commits more than it has.
        for (year, spent) in result.costPerYear.enumerated() {
            #expect(spent <= model.budgetPerYear[year] * (1 + 1e-9), "year \(year) over budget\(label)",
                    sourceLocation: sourceLocation)
        }
        // Funding: the advance never exceeds its cap, so money never runs below zero beyond it.
        if let funding = result.funding, let model = model.funding {
            #expect(funding.peakAdvance <= model.advanceCap * (1 + 1e-9) + 1e-6,
                    "peak advance \(funding.peakAdvance) above the cap \(model.advanceCap)\(label)", sourceLocation: sourceLocation)
            let horizonDays = run.plan.baseCalendar.horizon / 24
            let arrived = zip(funding.arrivalDays, funding.amounts).filter { $0.0 < horizonDays }.map(\.1).reduce(0, +)
            #expect(result.totalCost <= (arrived + model.advanceCap) * (1 + 1e-9) + 1e-6,
                    "committed \(result.totalCost) beyond the tranches \(arrived) and the advance\(label)", sourceLocation: sourceLocation)
        }
    }

    /// An order starts only after every predecessor is accepted, and not before its community's release.
    static func checkPrecedence(_ model: CompiledPlan, firstStart: [Double], acceptedAt: [Double], _ label: String,
                                _ sourceLocation: Testing.SourceLocation) {
        for o in 0..<model.orderCount where firstStart[o].isFinite {
            let type = model.types[model.typeIndex(of: o)]
            let c = model.community(of: o)
            for p in type.predecessors {
                let predecessor = model.types[p]
                let orders: [Int]
                if predecessor.level == .community {
                    orders = [model.order(community: c, type: predecessor.localIndex)]
                } else if let b = model.building(of: o) {
                    orders = [model.order(building: b, type: predecessor.localIndex)]
                } else {
                    orders = model.communities[c].buildings.map { model.order(building: $0, type: predecessor.localIndex) }
                }
                for q in orders {
                    #expect(acceptedAt[q] <= firstStart[o], "order \(o) started before predecessor \(q)\(label)",
                            sourceLocation: sourceLocation)
                }
            }
            #expect(firstStart[o] >= model.releaseTime[c], "order \(o) started before its release\(label)",
                    sourceLocation: sourceLocation)
        }
    }

    /// At no instant do running jobs use more crews of a trade than exist.
    static func checkCrews(_ model: CompiledPlan, jobs: [Job], _ label: String, _ sourceLocation: Testing.SourceLocation) {
        var changes: [(time: Double, trade: Int, delta: Int)] = []
        for job in jobs {
            for need in model.types[model.typeIndex(of: job.order)].needs {
                changes.append((job.begin, need.trade, need.crews))
                changes.append((job.end, need.trade, -need.crews))
            }
        }
        // Releases before acquisitions at the same instant.
        changes.sort { ($0.time, $0.delta) < ($1.time, $1.delta) }
        var inUse = [Int](repeating: 0, count: model.tradeNames.count)
        for change in changes {
            inUse[change.trade] += change.delta
            #expect(inUse[change.trade] <= model.crews[change.trade], "trade \(change.trade) over capacity\(label)",
                    sourceLocation: sourceLocation)
        }
    }

    /// A job's work hours are the open hours of its calendar (rain included)
    /// between its start and end; independently of the calendar code, the
    /// shift hours outside shutdown windows, day by day from the dates, are
    /// the same without rain and no fewer with it.
    static func checkCalendars(_ model: CompiledPlan, _ scenario: Scenario, run: Replication, jobs: [Job], _ label: String,
                               _ sourceLocation: Testing.SourceLocation) {
        let shutdowns = scenario.calendar.shutdowns
        for job in jobs {
            let k = model.typeIndex(of: job.order)
            let calendar = run.calendars[model.table.calendar[k]]
            #expect(abs(calendar.workHours(from: job.begin, to: job.end) - job.work) < 1e-6,
                    "work outside open hours\(label)", sourceLocation: sourceLocation)
            let tradeNames = Set(model.types[k].needs.map { model.tradeNames[$0.trade] })
            var hours = 0.0
            var day = Int(job.begin / 24)
            while Double(day) * 24 < job.end {
                let date = model.start.adding(days: day)
                let closed = shutdowns.contains { window in
                    let applies = window.trades.map { !tradeNames.isDisjoint(with: $0) } ?? true
                    let md = (date.month, date.day)
                    let from = (window.from.month, window.from.day), to = (window.to.month, window.to.day)
                    let inside = from <= to ? (md >= from && md <= to) : (md >= from || md <= to)
                    return applies && inside
                }
                if !closed {
                    let shiftStart = Double(day) * 24 + scenario.calendar.shiftStart
                    let shiftEnd = shiftStart + model.baseCalendar.hours[day]
                    hours += max(0, min(shiftEnd, job.end) - max(shiftStart, job.begin))
                }
                day += 1
            }
            if scenario.weather == nil {
                #expect(abs(hours - job.work) < 1e-6, "work inside a shutdown for \(model.types[k].name)\(label)",
                        sourceLocation: sourceLocation)
            } else {
                #expect(job.work <= hours + 1e-6, "work inside a shutdown for \(model.types[k].name)\(label)",
                        sourceLocation: sourceLocation)
            }
        }
    }
}
