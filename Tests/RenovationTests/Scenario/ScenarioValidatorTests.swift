import Testing
@testable import Renovation

/// Meaning checks: one test per class of error, each asserting file:line
/// and key path, plus warnings and the collection of every issue at once.
@Suite("Scenario validation")
struct ScenarioValidatorTests {
    typealias F = ScenarioFixtures

    /// The error lines of `yaml` (after the loader has placed them).
    func errors(_ yaml: String) -> [String] {
        F.error(yaml)?.issues.map(\.description) ?? []
    }

    /// A small scenario around `communities` and `plans`, for the programme-level tests.
    static func programme(communities: String, generate: String = "", plans: String = "plans: [{name: p}]") -> String {
        """
        name: p
        start: 2024-01-01
        deadline: 2024-12-31
        trades: {civil: {crews: 1}}
        \(communities)
        \(generate)
        work:
          community: [{name: roads, trades: {civil: 1}, hours: 10}]
        \(plans)
        """
    }

    @Test("a negative or impossible value")
    func negative() throws {
        let lines = errors(try F.minimal(replacing: "roofing: {crews: 2", with: "roofing: {crews: -2"))
        #expect(lines == ["x.yaml:12:13: error: trades.roofing.crews: -2 is negative; expected a whole number of crews ≥ 0"])
        let more = errors(try F.minimal(replacing: "{units: 24, households: 22, floors: 6}", with: "{units: 24, households: 30, floors: 0}"))
        #expect(more == [
            "x.yaml:18:21: error: communities[0].buildings[0].households: 30 is above 24; expected a whole number of households ≤ 24",
            "x.yaml:18:37: error: communities[0].buildings[0].floors: 0 is below 1; expected a whole number of floors ≥ 1",
        ])
        let share = errors(try F.minimal(replacing: "plans:", with: "supervisors: {count: 1, rework_share: 0}\nplans:"))
        #expect(share == ["x.yaml:39:25: error: supervisors.rework_share: 0 is not above 0; expected a share of the original hours > 0"])
    }

    @Test("NaN and infinity are rejected wherever a number goes")
    func notFinite() throws {
        #expect(errors(try F.minimal(replacing: "shift_start: 8", with: "shift_start: .nan")) == [
            "x.yaml:9:3: error: calendar.shift_start: nan is not a finite number; expected an hour of the day ≥ 0 and < 24",
        ])
        #expect(errors(try F.minimal(replacing: "cost_per_hour: 300", with: "cost_per_hour: .inf")) == [
            "x.yaml:12:23: error: trades.roofing.cost_per_hour: inf is not a finite number; expected a cost per crew-hour ≥ 0",
        ])
        let rain = errors(try F.minimal(
            replacing: "trades:\n", with: "weather: {rain_probability: [.nan, 0,0,0,0,0,0,0,0,0,0,0], stops: [roofing]}\ntrades:\n"))
        #expect(rain == ["x.yaml:11:30: error: weather.rain_probability[0]: nan is not a finite number; "
            + "expected a probability of a rain day ≥ 0 and ≤ 1"])
    }

    @Test("a precedence cycle is named in order")
    func cycle() throws {
        let yaml = try F.minimal(replacing: "      trades: {roofing: 1}\n", with: "      trades: {roofing: 1}\n      after: [roads]\n")
        #expect(errors(yaml) == [
            "x.yaml:33:7: error: work.building[1].after: precedence cycle: roof → paint → roads → roof; "
                + "expected precedence without cycles (a work type cannot wait, directly or not, for itself)",
        ])
        let selfLoop = errors(try F.minimal(replacing: "after: [roof]", with: "after: [paint]"))
        #expect(selfLoop.count == 1)
        #expect(selfLoop.first?.hasPrefix("x.yaml:32:7: error: work.building[1].after: precedence cycle: paint → paint") == true)
    }

    @Test("two separate cycles are both reported")
    func twoCycles() {
        let yaml = """
        name: c
        start: 2024-01-01
        deadline: 2024-12-31
        trades: {t: {crews: 1}}
        communities: [{name: a, building_count: 1, building: {units: 1}}]
        work:
          building:
            - {name: a1, trades: {t: 1}, hours: 1, after: [a2]}
            - {name: a2, trades: {t: 1}, hours: 1, after: [a1]}
            - {name: b1, trades: {t: 1}, hours: 1, after: [a1, b3]}
            - {name: b2, trades: {t: 1}, hours: 1, after: [b1]}
            - {name: b3, trades: {t: 1}, hours: 1, after: [b2]}
        plans: [{name: p}]
        """
        let lines = errors(yaml)
        #expect(lines.count == 2)
        #expect(lines.first?.contains("precedence cycle: a1 → a2 → a1") == true)
        #expect(lines.last?.contains("precedence cycle: b1 → b2 → b3 → b1") == true)
    }

    @Test("a work order needing more crews than the trade has, in the scenario and in a plan")
    func tooManyCrews() throws {
        let scenario = errors(try F.minimal(replacing: "trades: {civil: 1}", with: "trades: {civil: 3}"))
        #expect(scenario == [
            "x.yaml:35:16: error: work.community[0].trades.civil: work type 'roads' needs 3 crews of 'civil' at once but the trade has 1; "
                + "expected at most 1 crew, or more crews in trades.civil",
        ])
        var yaml = try F.minimal(replacing: "civil: {crews: 1", with: "civil: {crews: 3")
        yaml = yaml.replacingOccurrences(of: "trades: {civil: 1}", with: "trades: {civil: 2}")
        yaml = yaml.replacingOccurrences(of: "  - name: all-at-once", with: "  - name: all-at-once\n    crews: {civil: 1}")
        #expect(errors(yaml) == [
            "x.yaml:41:13: error: plans[0].crews.civil: plan 'all-at-once' gives 'civil' 1 crew but work type 'roads' needs 2 at once; "
                + "expected at least 2 crews of 'civil'",
        ])
    }

    @Test("dates out of order")
    func datesOutOfOrder() throws {
        #expect(errors(try F.minimal(replacing: "deadline: 2024-12-31", with: "deadline: 2024-02-01")) == [
            "x.yaml:5:1: error: deadline: deadline 2024-02-01 is before the start 2024-03-01; expected a date on or after 2024-03-01",
        ])
        let plan = errors(try F.minimal(replacing: "  - name: all-at-once", with: "  - name: all-at-once\n    deadline: 2023-12-31"))
        #expect(plan == ["x.yaml:41:5: error: plans[0].deadline: deadline 2023-12-31 is before the start 2024-03-01; "
            + "expected a date on or after 2024-03-01"])
        let holiday = errors(try F.minimal(replacing: "  hours_per_day: 8", with: "  hours_per_day: 8\n  holidays: [2024-10-07..2024-10-01]"))
        #expect(holiday == ["x.yaml:11:14: error: calendar.holidays[0]: holiday 2024-10-07..2024-10-01 ends before it begins; "
            + "expected first..last with first ≤ last"])
        let phase = errors(try F.minimal(replacing: "{start: 2024-03-01, communities: [east]}", with: "{start: 2024-01-01, communities: [east]}"))
        #expect(phase == ["x.yaml:45:12: error: plans[1].release.phases[0].start: phase starts on 2024-01-01, before the programme's "
            + "start 2024-03-01; expected a date on or after 2024-03-01"])
    }

    @Test("an empty programme")
    func emptyProgramme() {
        let lines = errors(Self.programme(communities: "communities: []"))
        #expect(lines == ["x.yaml:5:1: error: communities: an empty programme: no communities and nothing generated; "
            + "expected at least one community with at least one building (`communities:` or `generate:`)"])
        let noBuildings = errors(Self.programme(communities: "communities: [{name: a, buildings: []}]"))
        #expect(noBuildings == ["x.yaml:5:25: error: communities[0].buildings: community 'a' has an empty `buildings` list; "
            + "expected at least one building"])
    }

    @Test("a reference to a trade that does not exist", arguments: [
        ("trades: {roofing: 1}", "trades: {roffing: 1}", "x.yaml:26:16: error: work.building[0].trades.roffing: 'roffing' is not a trade — did you mean 'roofing'?"),
        ("trades:\n", "weather: {rain_probability: [0,0,0,0,0,0,0,0,0,0,0,0.1], stops: [paint]}\ntrades:\n",
         "x.yaml:11:66: error: weather.stops[0]: 'paint' is not a trade"),
        ("  hours_per_day: 8", "  hours_per_day: 8\n  shutdowns: [{from: 12-01, to: 02-28, trades: [concrete]}]",
         "x.yaml:11:49: error: calendar.shutdowns[0].trades[0]: 'concrete' is not a trade"),
        ("plans:", "supervisors: {count: 1, failure_probability: {roof: 0.1}}\nplans:",
         "x.yaml:39:47: error: supervisors.failure_probability.roof: 'roof' is not a trade"),
        ("  - name: all-at-once", "  - name: all-at-once\n    crews: {painter: 3}",
         "x.yaml:41:13: error: plans[0].crews.painter: 'painter' is not a trade"),
    ])
    func unknownTrade(_ old: String, _ new: String, _ expected: String) throws {
        let lines = errors(try F.minimal(replacing: old, with: new))
        #expect(lines.count == 1)
        #expect(lines.first?.hasPrefix(expected) == true, "\(lines)")
        #expect(lines.first?.contains("expected one of the trades: roofing, painting, civil") == true)
    }

    @Test("duplicate names", arguments: [
        ("- name: west", "- name: east", "x.yaml:20:5: error: communities[1].name: community name 'east' is used twice (also at communities[0].name)"),
        ("- name: roads", "- name: roof", "x.yaml:34:7: error: work.community[0].name: work type name 'roof' is used twice (also at work.building[0].name)"),
        ("- name: staged", "- name: all-at-once", "x.yaml:41:5: error: plans[1].name: plan name 'all-at-once' is used twice (also at plans[0].name)"),
    ])
    func duplicateNames(_ old: String, _ new: String, _ expected: String) throws {
        let lines = errors(try F.minimal(replacing: old, with: new))
        #expect(lines.contains { $0.hasPrefix(expected) }, "\(lines)")
    }

    @Test("an unknown work type in `after`, and an unknown community in a phase")
    func unknownNames() throws {
        #expect(errors(try F.minimal(replacing: "after: [roof]", with: "after: [rof]")) == [
            "x.yaml:32:15: error: work.building[1].after[0]: 'rof' is not a work type — did you mean 'roof'?; "
                + "expected names of work types under work.building or work.community",
        ])
        let phase = errors(try F.minimal(replacing: "communities: [west]}", with: "communities: [wets]}"))
        #expect(phase == [
            "x.yaml:46:45: error: plans[1].release.phases[1].communities[0]: 'wets' is not a community — did you mean 'west'?; "
                + "expected names from `communities` or generated by `generate`",
            "x.yaml:44:7: error: plans[1].release.phases: plan 'staged' releases 1 community in no phase: 'west'; "
                + "expected each community in exactly one phase (or `release: all` / `{type: evenly, years: N}`)",
        ])
        let twice = errors(try F.minimal(replacing: "communities: [west]}", with: "communities: [west, east]}"))
        #expect(twice == ["x.yaml:46:51: error: plans[1].release.phases[1].communities[1]: community 'east' is released twice "
            + "(also in phases[0]); expected each community in exactly one phase"])
    }

    @Test("every issue is collected, not only the first")
    func collectsAll() throws {
        var yaml = try F.minimal(replacing: "roofing: {crews: 2", with: "roofing: {crews: -1")
        yaml = yaml.replacingOccurrences(of: "shift_start: 8", with: "shift_start: 30")
        yaml = yaml.replacingOccurrences(of: "after: [roof]", with: "after: [paint]")
        yaml = yaml.replacingOccurrences(of: "deadline: 2024-12-31", with: "deadline: 2020-01-01")
        let error = try #require(F.error(yaml))
        #expect(error.issues.count == 4)
        #expect(error.description.split(separator: "\n").count == 4)
        #expect(error.issues.map(\.keyPath) == ["deadline", "calendar.shift_start", "trades.roofing.crews", "work.building[1].after"])
        #expect(error.issues.allSatisfy { $0.file == "x.yaml" && $0.line != nil && $0.kind == .validation })
    }

    @Test("a community written both ways, or with neither")
    func communityShape() {
        #expect(errors(Self.programme(communities: "communities: [{name: a, buildings: [{units: 2}], building_count: 2, building: {units: 2}}]"))
            == ["x.yaml:5:15: error: communities[0]: community 'a' gives both `buildings` and `building_count`/`building`; "
                + "expected either a `buildings` list or `building_count` with `building`, not both"])
        #expect(errors(Self.programme(communities: "communities: [{name: a, building_count: 2}]"))
            == ["x.yaml:5:15: error: communities[0]: community 'a' has `building_count` but no `building`; "
                + "expected `building: {units: …, floors: …}` describing each of its buildings"])
    }

    @Test("generated programmes: sizes, name clashes, and the size limit with a memory estimate")
    func generators() {
        let big = errors(Self.programme(communities: "", generate: """
            generate:
              - {count: 600000, buildings: {type: uniform, min: 5, max: 15}, units: 30}
            """))
        #expect(big == ["x.yaml:6:1: error: generate: the programme has about 6000000 buildings (0 listed, about 6000000 generated), "
            + "which needs roughly 0.3 GiB of memory per replication; expected at most 5000000 buildings"])
        let clash = errors(Self.programme(communities: "communities: [{name: c-2, building_count: 1, building: {units: 1}}]", generate: """
            generate:
              - {count: 20, name_prefix: c-, buildings: 1, units: 30}
              - {count: 3, name_prefix: c-1, buildings: {type: uniform, min: -1, max: 2}, units: 30, occupancy: 1.5}
            """))
        #expect(clash == [
            "x.yaml:8:34: error: generate[1].buildings: uniform(-1, 2) can draw negative values (as low as -1); "
                + "expected buildings per community that are never negative",
            "x.yaml:8:90: error: generate[1].occupancy: 1.5 is above 1; expected a share of occupied units ≤ 1",
            "x.yaml:5:16: error: communities[0].name: community name 'c-2' is also made by generate[0] (name_prefix 'c-'); "
                + "expected unique community names",
            "x.yaml:8:16: error: generate[1].name_prefix: generate[0] and generate[1] both make a community named 'c-11'; "
                + "expected name prefixes that cannot produce the same name",
        ])
    }

    @Test("many work types on a large programme: refused by work orders, with a memory estimate")
    func manyWorkOrders() {
        let types = (0..<20).map { "    - {name: w\($0), trades: {t: 1}, hours: 1}" }.joined(separator: "\n")
        let yaml = """
        name: big
        start: 2024-01-01
        deadline: 2024-12-31
        trades: {t: {crews: 1}}
        generate:
          - {count: 400000, buildings: 10, units: 30}
        work:
          building:
        \(types)
        plans: [{name: p}]
        """
        let lines = errors(yaml)
        #expect(lines.count == 1)
        #expect(lines.first?.hasPrefix("x.yaml:7:1: error: work: the programme has about 80000000 work orders "
            + "(about 4000000 buildings × 20 building work types, 400000 communities × 0 community work types), "
            + "which needs roughly ") == true, "\(lines)")
        #expect(lines.first?.hasSuffix("GiB of memory per replication; expected at most 50000000 work orders") == true)
    }

    @Test("more than 500 building work types: refused, with the reason")
    func tooManyBuildingWorkTypes() throws {
        let types = (0..<501).map { "    - {name: w\($0), trades: {t: 1}, hours: 1}" }.joined(separator: "\n")
        let yaml = """
        name: wide
        start: 2024-01-01
        deadline: 2024-12-31
        trades: {t: {crews: 1}}
        communities: [{name: c, buildings: [{units: 1}]}]
        work:
          building:
        \(types)
        plans: [{name: p}]
        """
        let lines = errors(yaml)
        #expect(lines == ["x.yaml:7:3: error: work.building: 501 building work types; expected at most 500 (results.sqlite "
            + "keeps each building's finishes by work type side by side, and SQLite joins at most 500 selects in one view)"])
        let five = yaml.replacingOccurrences(of: "    - {name: w500, trades: {t: 1}, hours: 1}\n", with: "")
        _ = try ScenarioLoader.load(yaml: five, file: "x.yaml").valid
    }

    @Test("supervisors and defect teams need a section to override, and at least one person")
    func teams() throws {
        let yaml = try F.minimal(replacing: "  - name: all-at-once", with: "  - name: all-at-once\n    supervisors: 2\n    defect_team: 0")
        #expect(errors(yaml) == [
            "x.yaml:41:5: error: plans[0].supervisors: plan 'all-at-once' sets supervisors but the scenario has no `supervisors` section; "
                + "expected a `supervisors` section (without it nothing is inspected)",
            "x.yaml:42:5: error: plans[0].defect_team: plan 'all-at-once' sets defect_team but the scenario has no `defects` section; "
                + "expected a `defects` section (without it no defect is reported)",
            "x.yaml:42:5: error: plans[0].defect_team: 0 is below 1; expected a whole number of responders ≥ 1",
        ])
        let none = errors(try F.minimal(replacing: "plans:", with: "supervisors: {count: 0, failure_probability: {default: 1.5}}\nplans:"))
        #expect(none == [
            "x.yaml:39:15: error: supervisors.count: 0 is below 1; expected a whole number of supervisors ≥ 1",
            "x.yaml:39:47: error: supervisors.failure_probability.default: 1.5 is above 1; expected a failure probability ≤ 1",
        ])
    }

    @Test("a priority list names work types once each, and is refused under fifo, each at its own entry")
    func priorityList() throws {
        let yaml = try F.minimal(replacing: "  - name: all-at-once", with: "  - name: all-at-once\n    priority: [paint, rof, paint]")
        #expect(errors(yaml) == [
            "x.yaml:41:5: error: plans[0].priority: plan 'all-at-once' lists a priority but dispatches fifo, whose keys "
                + "(ready times) are known only while it runs; expected a dispatch rule other than fifo (e.g. `dispatch: community`), or no `priority`",
            "x.yaml:41:23: error: plans[0].priority[1]: 'rof' is not a work type — did you mean 'roof'?; expected names from `work.building` or `work.community`",
            "x.yaml:41:28: error: plans[0].priority[2]: priority work type 'paint' is used twice (also at plans[0].priority[0]); expected unique priority work types",
        ])
        let fine = try F.minimal(replacing: "    dispatch: community", with: "    dispatch: community\n    priority: [roads, paint]")
        #expect(throws: Never.self) { try ScenarioLoader.load(yaml: fine, file: "x.yaml") }
    }

    @Test("calendar rules: workdays, hours, shutdowns that close the whole year")
    func calendar() throws {
        var yaml = try F.minimal(replacing: "workdays: [monday, tuesday", with: "workdays: [monday, monday")
        yaml = yaml.replacingOccurrences(of: "hours_per_day: 8", with: "hours_per_day: 20\n  shutdowns: [{from: 03-16, to: 03-15}]")
        #expect(errors(yaml) == [
            "x.yaml:8:22: error: calendar.workdays[1]: monday is listed twice; expected each weekday at most once",
            "x.yaml:10:3: error: calendar.hours_per_day: 20 is above 16; expected hours per day ≤ 16",
            "x.yaml:11:15: error: calendar.shutdowns[0]: shutdown 'shutdown' from 03-16 to 03-15 closes the whole year; "
                + "expected a window that leaves working days",
        ])
    }

    @Test("budget years are four-digit years with money")
    func budget() throws {
        let yaml = try F.minimal(replacing: "plans:", with: "budget: {per_year: {24: 100, 2025: -5}}\nplans:")
        #expect(errors(yaml) == [
            "x.yaml:39:21: error: budget.per_year.24: '24' is not a year; expected a four-digit year such as 2023",
            "x.yaml:39:30: error: budget.per_year.2025: -5 is negative; expected an amount ≥ 0",
        ])
        let empty = errors(try F.minimal(replacing: "plans:", with: "budget: {per_year: {}}\nplans:"))
        #expect(empty.first?.hasPrefix("x.yaml:39:1: error: budget: the budget has no money in any year") == true)
    }

    @Test("warnings: legal but suspicious settings, located")
    func warnings() throws {
        var yaml = try F.minimal(replacing: "civil: {crews: 1, cost_per_hour: 400}", with: "civil: {crews: 1, cost_per_hour: 400}\n  idle: {crews: 3}")
        yaml = yaml.replacingOccurrences(of: "  hours_per_day: 8", with: "  hours_per_day: 8\n  shutdowns: [{name: nothing, from: 12-01, to: 12-31, trades: []}]")
        yaml = yaml.replacingOccurrences(of: "  - name: all-at-once", with: "  - name: all-at-once\n    release: {type: evenly, years: 3}")
        let loaded = try ScenarioLoader.load(yaml: yaml, file: "w.yaml")
        #expect(loaded.warnings.map(\.description) == [
            "w.yaml:11:55: warning: calendar.shutdowns[0].trades: shutdown 'nothing' stops no trade (an empty list); "
                + "leave out `trades` to stop every trade",
            "w.yaml:16:3: warning: trades.idle: no work type uses trade 'idle'",
            "w.yaml:43:29: warning: plans[0].release.years: 3 tranches for 2 communities: some years release nothing",
            "w.yaml:43:29: warning: plans[0].release.years: the last tranche is released on 2026-03-01, after the plan's deadline 2024-12-31",
        ])
    }

    @Test("the validator alone returns key paths without file or line")
    func withoutLoader() throws {
        let loaded = try ScenarioLoader.load(path: F.path("Tests/Fixtures/minimal.yaml"))
        var scenario = loaded.scenario
        scenario.trades.entries[0].value.crews = -3
        scenario.plans = []
        let issues = ScenarioValidator.validate(scenario)
        #expect(issues.map(\.description) == [
            "error: trades.roofing.crews: -3 is negative; expected a whole number of crews ≥ 0",
            "error: plans: no plans; expected at least one plan, e.g. `- {name: base}`",
        ])
        #expect(loaded.place(issues[0]).description.hasPrefix("\(loaded.file):12:13: error: trades.roofing.crews"))
    }
}
