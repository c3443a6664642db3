import DiscreteEvent
import Foundation
import Testing
@testable import Renovation

/// Progress files read against a scenario: every problem located at its
/// line and column, all at once.
@Suite("Progress files")
struct ProgressFileTests {
    typealias F = ScenarioFixtures

    /// The minimal scenario (2024-03-01 start; east has buildings 1 and 2,
    /// west 1 and 2; roof → paint per building → roads per community) with
    /// one supervisor who fails 10 % of jobs.
    static func plan(supervisors: Bool = true) throws -> CompiledPlan {
        var yaml = try F.text("Tests/Fixtures/minimal.yaml")
        if supervisors {
            yaml = yaml.replacingOccurrences(of: "communities:\n", with: """
                supervisors:
                  count: 1
                  inspection_hours: {type: constant, value: 2}
                  failure_probability: {default: 0.1}
                communities:

                """)
        }
        return try CompiledPlan(scenario: ScenarioLoader.load(yaml: yaml, file: "minimal.yaml").valid)
    }

    func read(_ text: String, plan: CompiledPlan? = nil) throws -> PlanStatus {
        try ProgressReader.parse(Array(text.utf8), file: "progress.csv", plan: plan ?? Self.plan())
    }

    /// The issues of a rejected file as `line:column key: message` lines.
    func problems(_ text: String, plan: CompiledPlan? = nil) throws -> [ScenarioIssue] {
        let plan = try plan ?? Self.plan()
        do throws(ScenarioError) {
            _ = try ProgressReader.parse(Array(text.utf8), file: "progress.csv", plan: plan)
            Issue.record("expected the progress file to be rejected")
            return []
        } catch {
            for issue in error.issues { #expect(issue.file == "progress.csv") }
            return error.issues
        }
    }

    static let header = "community,building,work_type,start,finish,inspection\n"

    @Test("a good file: each row resolved to its order, its progress and its hours worked on the dry calendar")
    func goodFile() throws {
        let plan = try Self.plan()
        let status = try read("status_date,2024-03-20\n" + Self.header + """
            east,1,roof,2024-03-01,2024-03-05,pass
            east,1,paint,2024-03-06,,
            east,2,roof,2024-03-04,2024-03-08,fail
            west,2,roof,2024-03-04,2024-03-07,

            """, plan: plan)
        #expect(status.date == CivilDate(year: 2024, month: 3, day: 20))
        #expect(status.hours == 20 * 24)
        #expect(status.entries.map(\.progress) == [.accepted, .underWay, .failed, .awaitingInspection])
        #expect(status.entries[0].order == plan.order(building: 0, type: 0))
        #expect(status.entries[1].order == plan.order(building: 0, type: 1))
        #expect(status.entries[3].order == plan.order(building: 3, type: 0))
        // 1–5 March 2024, Friday to Tuesday, Monday–Saturday 8 h days: Fri, Sat, Mon, Tue = 32 h.
        #expect(status.entries[0].worked == 32)
        #expect(status.entries[0].start == 0 && status.entries[0].finish == 5 * 24)
        // Paint from 6 March to the end of 20 March: 13 working days.
        #expect(status.entries[1].worked == 13 * 8)
        #expect(status.entries[1].finish.isNaN)
        #expect(status.listed.filter { $0 }.count == 4)
        #expect(status.sha256.count == 64)
    }

    @Test("each wrong cell is an error at its line and column, all reported at once")
    func locatedErrors() throws {
        let text = "status_date,2024-03-20\n" + Self.header + """
            eats,1,roof,2024-03-01,2024-03-05,pass
            east,9,roof,2024-03-01,2024-03-05,pass
            east,1,rooof,2024-03-01,2024-03-05,pass
            east,1,roads,2024-03-01,2024-03-05,pass
            west,1,roof,2024-03-01,2024-03-25,pass
            west,2,roof,2024-03-10,2024-03-05,pass
            east,2,roof,2024-03-01,2024-03-05,maybe
            east,1,roof,2024-03-01,2024-03-05,pass
            east,1,paint,2024-03-04,2024-03-06,pass
            east,1,roof,2024-03-02,2024-03-06,pass
            east,,roads,,2024-03-06,
            west,2,paint,2024-03-07,,pass
            east,,roads,2024-02-28,,

            """
        let issues = try problems(text)
        func at(_ line: Int) -> [ScenarioIssue] { issues.filter { $0.line == line } }
        #expect(at(3).first?.column == 1 && at(3).first?.keyPath == "column 'community'")
        #expect(at(3).first?.message.contains("unknown community 'eats' — did you mean 'east'?") == true)
        #expect(at(4).first?.column == 2 && at(4).first?.message.contains("community 'east' has no building '9'") == true)
        #expect(at(5).first?.column == 3 && at(5).first?.message.contains("did you mean 'roof'?") == true)
        #expect(at(6).first?.column == 2 && at(6).first?.message.contains("roads is community work") == true)
        #expect(at(7).first?.column == 5 && at(7).first?.message.contains("2024-03-25 is after the status date 2024-03-20") == true)
        #expect(at(8).first?.column == 5 && at(8).first?.message.contains("before the start") == true)
        #expect(at(9).first?.column == 6 && at(9).first?.message.contains("'maybe' is not an inspection outcome") == true)
        #expect(at(10).isEmpty)
        // Paint started on 4 March, but the roof it follows finished on 5 March.
        #expect(at(11).first?.column == 4 && at(11).first?.keyPath == "column 'start'")
        #expect(at(11).first?.message.contains("before its predecessor roof on east 1 finished on 2024-03-05 (line 10)") == true)
        #expect(at(12).first?.message.contains("roof on east 1 is listed twice (first on line 10)") == true)
        #expect(at(13).first?.column == 4 && at(13).first?.message.contains("the start is empty") == true)
        #expect(at(14).first?.column == 6 && at(14).first?.message.contains("not finished") == true)
        #expect(at(15).first?.column == 4 && at(15).first?.message.contains("2024-02-28 is before the programme's start 2024-03-01") == true)
        #expect(at(11).first?.description.hasPrefix("progress.csv:11:4: error: column 'start': ") == true)
        #expect(issues.allSatisfy { $0.description.hasPrefix("progress.csv:\($0.line ?? 0):\($0.column ?? 0): error: ") })
    }

    @Test("work started before its predecessor was accepted: not listed, under way, failed, or awaiting inspection")
    func predecessors() throws {
        let issues = try problems("status_date,2024-03-20\n" + Self.header + """
            east,1,paint,2024-03-06,2024-03-08,
            east,2,roof,2024-03-01,,
            east,2,paint,2024-03-06,2024-03-08,
            west,1,roof,2024-03-01,2024-03-05,fail
            west,1,paint,2024-03-06,,
            west,2,roof,2024-03-01,2024-03-05,
            west,2,paint,2024-03-06,,

            """)
        #expect(issues.map(\.line) == [3, 5, 7, 9])
        #expect(issues[0].message.contains("its predecessor roof on east 1 is not listed as finished"))
        #expect(issues[1].message.contains("(it is under way)"))
        #expect(issues[2].message.contains("(it failed its inspection)"))
        #expect(issues[3].message.contains("(it waits for its inspection)"))
        #expect(issues.allSatisfy { $0.keyPath == "column 'start'" && $0.column == 4 })
    }

    @Test("the status date line: missing, not a date, before the start; unknown and missing headers")
    func statusDateAndHeader() throws {
        let missing = try problems(Self.header + "east,1,roof,2024-03-01,,\n")
        #expect(missing.first?.line == 1 && missing.first?.keyPath == "column 'status_date'")
        #expect(missing.first?.message.contains("the first line is not the status date") == true)
        let bad = try problems("status_date,2024-13-01\n" + Self.header)
        #expect(bad.first?.line == 1 && bad.first?.column == 2 && bad.first?.message.contains("'2024-13-01' is not a date") == true)
        let early = try problems("status_date,2024-02-01\n" + Self.header)
        #expect(early.first?.message.contains("before the programme's start") == true)
        let headers = try problems("status_date,2024-03-20\ncommunity,bulding,work_type,start,finish,inspection\n")
        #expect(headers.contains { $0.line == 2 && $0.column == 2 && $0.message.contains("did you mean 'building'?") })
        #expect(headers.contains { $0.keyPath == "column 'building'" && $0.message.contains("no column 'building'") })
        let empty = try problems("")
        #expect(empty.first?.message.contains("the progress file is empty") == true)
    }

    @Test("no failed inspections without supervisors; no more work under way than the plan's crews")
    func planRules() throws {
        let unsupervised = try Self.plan(supervisors: false)
        let failed = try problems("status_date,2024-03-20\n" + Self.header + "east,1,roof,2024-03-01,2024-03-05,fail\n",
                                  plan: unsupervised)
        #expect(failed.first?.line == 3 && failed.first?.column == 6 && failed.first?.message.contains("no supervisors") == true)
        // Without supervisors a finished row with no outcome is accepted.
        let accepted = try read("status_date,2024-03-20\n" + Self.header + "east,1,roof,2024-03-01,2024-03-05,\n",
                                plan: unsupervised)
        #expect(accepted.entries.first?.progress == .accepted)
        // Two roofing crews in the plan, three roofs under way.
        let crews = try problems("status_date,2024-03-20\n" + Self.header + """
            east,1,roof,2024-03-01,,
            east,2,roof,2024-03-01,,
            west,1,roof,2024-03-01,,

            """)
        #expect(crews.count == 1 && crews.first?.line == 1)
        #expect(crews.first?.message.contains("needs 3 roofing crews at once, but plan 'all-at-once' has 2") == true)
    }

    @Test("GB18030 bytes and a UTF-8 byte-order mark read as the inventory's do")
    func encodings() throws {
        let text = "status_date,2024-03-20\n" + Self.header + "east,1,roof,2024-03-01,2024-03-05,pass\n"
        let bom = try read(String(decoding: [0xEF, 0xBB, 0xBF] + Array(text.utf8), as: UTF8.self))
        #expect(bom.entries.count == 1)
        let gb = try #require(text.data(using: InventoryReader.gb18030))
        let status = try ProgressReader.parse([UInt8](gb), file: "progress.csv", plan: Self.plan())
        #expect(status.entries.count == 1)
    }
}
