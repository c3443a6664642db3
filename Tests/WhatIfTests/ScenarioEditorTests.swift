import Foundation
import Renovation
import Testing
@testable import WhatIf

let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

func path(_ relative: String) -> String { repositoryRoot.appendingPathComponent(relative).path }

func entry(_ relative: String) throws -> WhatIfCatalogue.Entry {
    try #require(WhatIfCatalogue(files: [path(relative)]).entries.first)
}

func lines(_ bytes: [UInt8]) -> [String] {
    String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
}

@Suite("Scenario edits from the page")
struct ScenarioEditorTests {
    @Test("an untouched plan is the file byte for byte")
    func untouched() throws {
        let yonghong = try entry("scenarios/yonghong-2022.yaml")
        // The form sends every field; values equal to the plan's change nothing.
        let defaults = PlanDefaults(model: try yonghong.loaded.compile(plan: "three-year"),
                                    spec: yonghong.loaded.scenario.plans[1], scenario: yonghong.loaded.scenario)
        let edit = PlanEdit(crews: Dictionary(uniqueKeysWithValues: defaults.trades.map { ($0.name, String($0.crews)) }),
                            supervisors: defaults.supervisors.map(String.init), defectTeam: defaults.defectTeam.map(String.init),
                            deadline: defaults.deadline, dispatch: defaults.dispatch, release: defaults.release)
        let edited = try ScenarioEditor.apply(edit, to: yonghong, plan: "three-year")
        #expect(edited.bytes == yonghong.bytes)
        #expect(edited.loaded.sha256 == yonghong.loaded.sha256)
    }

    @Test("changed values land in the plan and every other line, comments included, stays")
    func keepsComments() throws {
        let yonghong = try entry("scenarios/yonghong-2022.yaml")
        let edit = PlanEdit(crews: ["facade": "10"], supervisors: "9", defectTeam: "6", deadline: "2025-06-30", dispatch: "shortest")
        let edited = try ScenarioEditor.apply(edit, to: yonghong, plan: "three-year")
        let model = edited.model
        #expect(model.crews[try #require(model.tradeNames.firstIndex(of: "facade"))] == 10)
        #expect(model.crews[try #require(model.tradeNames.firstIndex(of: "roofing"))] == 4)
        #expect(model.supervisors == 9 && model.defectTeam == 6)
        #expect(model.deadline.description == "2025-06-30" && model.dispatch == .shortest)
        // The other plans are as they were.
        let five = try edited.loaded.compile(plan: "five-year")
        #expect(five.dispatch == .community && five.supervisors == 6)
        // Three lines are added after the plan's name; of the others only the plan's deadline and dispatch change.
        var after = lines(edited.bytes)
        let before = lines(yonghong.bytes)
        for added in ["    crews: {facade: 10}", "    supervisors: 9", "    defect_team: 6"] {
            after.remove(at: try #require(after.firstIndex(of: added)))
        }
        #expect(after.count == before.count)
        let changed = zip(before, after).filter { $0 != $1 }
        #expect(changed.map(\.1) == ["    deadline: 2025-06-30", "    dispatch: shortest"], "\(changed)")
        let after2 = lines(edited.bytes)
        #expect(after2.contains("    crews: {facade: 10}"))
        #expect(after2.contains("    dispatch: shortest"))
    }

    @Test("a block release is replaced by one line; a flow plan gets its key after the name")
    func blockAndFlow() throws {
        let minimal = try entry("Tests/Fixtures/minimal.yaml")
        let release = ReleaseEdit(type: "phases", phases: [.init(start: "2024-03-01", communities: ["west"]),
                                                           .init(start: "2024-05-01", communities: ["east"])])
        let edited = try ScenarioEditor.apply(PlanEdit(release: release), to: minimal, plan: "staged")
        let text = String(decoding: edited.bytes, as: UTF8.self)
        #expect(text.contains("    release: {type: phases, phases: [{start: 2024-03-01, communities: [west]}, "
                              + "{start: 2024-05-01, communities: [east]}]}\n    dispatch: community\n"))
        #expect(edited.model.releaseOrder == [1, 0])

        var flow = String(decoding: minimal.bytes, as: UTF8.self)
        flow = flow.replacingOccurrences(of: "  - name: all-at-once\n", with: "  - {name: all-at-once, release: all}   # flow\n")
        let flowEntry = WhatIfCatalogue.Entry(file: minimal.file, bytes: Array(flow.utf8),
                                              loaded: try ScenarioLoader.load(yaml: flow, file: minimal.file))
        let added = try ScenarioEditor.apply(PlanEdit(crews: ["civil": "3"], dispatch: "latest_finish"), to: flowEntry, plan: "all-at-once")
        #expect(String(decoding: added.bytes, as: UTF8.self)
            .contains("  - {name: all-at-once, dispatch: latest_finish, crews: {civil: 3}, release: all}   # flow\n"))
        #expect(added.model.dispatch == .latestFinish)
    }

    @Test("a typed value cannot add structure: it is one quoted scalar, and the validator names it")
    func noInjection() throws {
        let minimal = try entry("Tests/Fixtures/minimal.yaml")
        let rejection = try #require(throws: ScenarioEditor.Rejection.self) {
            try ScenarioEditor.apply(PlanEdit(supervisors: "2\n    crews: {roofing: 99}"), to: minimal, plan: "staged")
        }
        #expect(rejection.issues.count == 1)
        #expect(rejection.issues[0].keyPath == "plans[1].supervisors")
    }

    @Test("invalid edits come back located, as renosim validate prints them, with the page field they belong to")
    func locatedErrors() throws {
        let minimal = try entry("Tests/Fixtures/minimal.yaml")
        // Validation reports every problem at once.
        let bad = PlanEdit(crews: ["roofing": "-2"], deadline: "2023-01-01")
        let rejection = try #require(throws: ScenarioEditor.Rejection.self) {
            try ScenarioEditor.apply(bad, to: minimal, plan: "staged")
        }
        let crews = try #require(rejection.issues.first { $0.field == "crews.roofing" })
        let text = lines(try #require(rejection.bytes))
        let line = try #require(crews.line)
        #expect(text[line - 1].contains("crews: {roofing: -2}"))
        #expect(crews.description.hasPrefix(minimal.file + ":\(line):"))
        #expect(crews.description.contains("error: plans[1].crews.roofing"))
        #expect(rejection.issues.contains { $0.field == "deadline" })

        // A word where a number goes: the decoder's located error.
        let word = try #require(throws: ScenarioEditor.Rejection.self) {
            try ScenarioEditor.apply(PlanEdit(crews: ["painting": "many"]), to: minimal, plan: "staged")
        }
        #expect(word.issues.count == 1 && word.issues[0].field == "crews.painting" && word.issues[0].line != nil)

        // A community left out of every phase is the validator's error on the release.
        let missing = try #require(throws: ScenarioEditor.Rejection.self) {
            try ScenarioEditor.apply(PlanEdit(release: ReleaseEdit(type: "phases", phases: [.init(start: "2024-03-01", communities: ["east"])])),
                                     to: minimal, plan: "staged")
        }
        #expect(missing.issues.contains { $0.field == "release" })
    }

    @Test("the form's phases are the plan's release dates")
    func defaultsPhases() throws {
        let yonghong = try entry("scenarios/yonghong-2022.yaml")
        let defaults = PlanDefaults(model: try yonghong.loaded.compile(plan: "three-year"),
                                    spec: yonghong.loaded.scenario.plans[1], scenario: yonghong.loaded.scenario)
        #expect(defaults.release == ReleaseEdit(type: "evenly", years: "3"))
        #expect(defaults.phases.map(\.start) == ["2022-03-01", "2023-03-01", "2024-03-01"])
        #expect(defaults.phases.map(\.communities.count) == [4, 4, 3])
        // Written out as phases, the same grouping is the same plan.
        let asPhases = try ScenarioEditor.apply(PlanEdit(release: ReleaseEdit(type: "phases", phases: defaults.phases)),
                                                to: yonghong, plan: "three-year")
        #expect(asPhases.model.releaseTime == (try yonghong.loaded.compile(plan: "three-year")).releaseTime)
    }
}
