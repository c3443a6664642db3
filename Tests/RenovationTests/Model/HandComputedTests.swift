import Testing
@testable import Renovation

/// Scenarios small enough to work out by hand, with constant durations and
/// no randomness: the simulated times must be exactly the hand-computed ones.
@Suite("Hand-computed programmes")
struct HandComputedTests {
    /// 2024-01-01 is a Monday. Shifts 08:00–16:00, Monday to Friday.
    /// One roofing crew, one painting crew, two buildings; painting after roofing.
    static func yaml(supervisors: String = "", community: String = "") -> String {
        """
        name: hand
        start: 2024-01-01
        deadline: 2024-01-31
        calendar:
          workdays: [monday, tuesday, wednesday, thursday, friday]
          shift_start: 8
          hours_per_day: 8
        trades:
          roofing: {crews: 1, cost_per_hour: 100}
          painting: {crews: 1, cost_per_hour: 50}
        \(supervisors)
        communities:
          - name: A
            buildings:
              - {name: "1", units: 10, floors: 5}
              - {name: "2", units: 10, floors: 5}
        work:
          building:
            - {name: roof, trades: {roofing: 1}, hours: 16}
            - {name: paint, trades: {painting: 1}, hours: 8, after: [roof]}
        \(community)
        plans:
          - name: only
        """
    }

    func run(_ yaml: String) throws -> (ReplicationResult, CompiledPlan) {
        let loaded = try ScenarioLoader.load(yaml: yaml, file: "hand.yaml")
        let model = try CompiledPlan(scenario: loaded.valid)
        return (Replication.run(plan: model, seed: 1, replication: 0), model)
    }

    @Test("the year of an instant, read from the year starts, is the calendar's year at every hour and either side of each 1 January")
    func yearIndex() throws {
        let (_, model) = try run(Self.yaml())
        #expect(model.yearStartDays.first == 366)   // 2024 is a leap year
        var probes: [Double] = stride(from: -48.0, through: model.baseCalendar.horizon + 400 * 24, by: 7.25).map { $0 }
        for day in model.yearStartDays {
            let at = Double(day) * 24
            probes += [at, at.nextDown, at.nextUp, at - 1e-9, at + 1e-9]
        }
        probes += [.nan, .infinity, -.infinity]
        for h in probes {
            #expect(model.yearIndex(atHours: h) == model.date(atHours: h).year - model.start.year, "at \(h) h")
        }
    }

    @Test("the month of each day is the month of monthStartHours that holds every hour of it")
    func monthOfDay() throws {
        let (_, model) = try run(Self.yaml())
        #expect(model.monthOfDay.count == model.baseCalendar.days)
        let bounds = model.monthStartHours
        for day in 0..<model.monthOfDay.count {
            let m = Int(model.monthOfDay[day])
            for h in [Double(day) * 24, Double(day) * 24 + 12, (Double(day) * 24 + 24).nextDown] {
                #expect(bounds[m] <= h && h < bounds[m + 1], "day \(day), hour \(h): month \(m)")
            }
        }
    }

    @Test("one crew per trade: roofs in sequence, painting follows each roof")
    func sequence() throws {
        let (r, model) = try run(Self.yaml())
        // Roof 1: Mon 08–16, Tue 08–16 → done Tue 16:00 (40 h).
        // Roof 2: crew free at 40 h, works Wed and Thu → 88 h.
        // Paint 1: ready at 40 h, works Wed 08–16 → 64 h.
        // Paint 2: ready at 88 h, works Fri 08–16 → 112 h.
        let finish = r.orderFinishDays.map { Double($0) * 24 }
        #expect(abs(finish[model.order(building: 0, type: 0)] - 40) < 1e-3)
        #expect(abs(finish[model.order(building: 1, type: 0)] - 88) < 1e-3)
        #expect(abs(finish[model.order(building: 0, type: 1)] - 64) < 1e-3)
        #expect(abs(finish[model.order(building: 1, type: 1)] - 112) < 1e-3)
        #expect(r.finished)
        #expect(r.finishDays * 24 == 112)
        #expect(r.deadlineMet)
        // Roofing worked 32 of the 40 crew-hours its calendar offered by Friday 16:00.
        #expect(abs(r.crewUtilisation[0] - 32.0 / 40.0) < 1e-12)
        // Cost: 32 h × 100 + 16 h × 50.
        #expect(r.totalCost == 32 * 100 + 16 * 50)
        // Paint 2 waited from 88 h to nothing (crew free); roof 2 waited 40 h for the crew.
        #expect(abs(r.waits.crew - 40.0 / 24) < 1e-12)
        #expect(r.completionsPerYear[0] == 2)
        #expect(r.peakSites == 2)
    }

    @Test("inspections on the supervisors' calendar delay acceptance exactly")
    func inspections() throws {
        let supervision = """
        supervisors:
          count: 1
          inspection_hours: 2
          failure_probability: {default: 0}
        """
        let (r, model) = try run(Self.yaml(supervisors: supervision))
        // Roof 1 done 40 h, inspected Wed 08–10 → accepted 58 h.
        // Paint 1 ready 58 h: Wed 10–16 + Thu 08–10 → done 82 h, inspected Thu 10–12 → 84 h.
        // Roof 2 done 88 h (Thu 16:00), inspected Fri 08–10 → 106 h.
        // Paint 2 ready 106 h: Fri 10–16 + Mon 08–10 → done 178 h, inspected Mon 10–12 → 180 h.
        let finish = r.orderFinishDays.map { Double($0) * 24 }
        #expect(abs(finish[model.order(building: 0, type: 0)] - 58) < 1e-3)
        #expect(abs(finish[model.order(building: 0, type: 1)] - 84) < 1e-3)
        #expect(abs(finish[model.order(building: 1, type: 0)] - 106) < 1e-3)
        #expect(abs(finish[model.order(building: 1, type: 1)] - 180) < 1e-3)
        #expect(r.finishDays * 24 == 180)
        #expect(r.inspections == 4 && r.failedInspections == 0)
    }

    @Test("community work waits for every building of its community")
    func communityWork() throws {
        let community = """
          community:
            - {name: roads, trades: {roofing: 1}, hours: 4, per: building, after: [paint]}
        """
        let (r, model) = try run(Self.yaml(community: community))
        // As in the first test, with the roads (2 buildings × 4 h = 8 h of the roofing crew)
        // after paint 2 at 112 h (Fri 16:00): Mon 08–16 → 7·24 + 16 = 184 h.
        let roads = model.order(community: 0, type: 0)
        #expect(abs(Double(r.orderFinishDays[roads]) * 24 - 184) < 1e-3)
        #expect(r.finishDays * 24 == 184)
        #expect(abs(r.communityFinishDays[0] * 24 - 184) < 1e-9)
    }
}
