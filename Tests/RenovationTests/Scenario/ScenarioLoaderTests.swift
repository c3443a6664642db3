import Foundation
import Testing
import Yams
@testable import Renovation

/// Reading, parsing and decoding: each class of problem names the file,
/// the line and column, and the key path.
@Suite("Scenario loader errors")
struct ScenarioLoaderTests {
    typealias F = ScenarioFixtures

    @Test("an unknown key names the key, suggests the closest and gives its line")
    func unknownKey() throws {
        let yaml = try F.minimal(replacing: "roofing: {crews: 2", with: "roofing: {crewz: 2")
        let error = try #require(F.error(yaml))
        let line = try #require(F.line(of: "crewz", in: yaml))
        #expect(error.description == "x.yaml:\(line):13: error: trades.roofing.crewz: unknown key 'crewz' — did you mean 'crews'?; "
            + "expected one of: crews, cost_per_hour")
        #expect(error.kind == .schema)
        #expect(error.issues.count == 1)
    }

    @Test("an unknown top-level key suggests the closest one")
    func unknownTopLevelKey() throws {
        let yaml = try F.minimal(replacing: "seed: 42", with: "seed: 42\ndeadlin: 2024-12-31")
        let error = try #require(F.error(yaml))
        #expect(error.description.hasPrefix("x.yaml:7:1: error: deadlin: unknown key 'deadlin' — did you mean 'deadline'?"))
    }

    @Test("a value of the wrong type says what was found and what was expected")
    func wrongType() throws {
        let yaml = try F.minimal(replacing: "roofing: {crews: 2", with: "roofing: {crews: many")
        let error = try #require(F.error(yaml))
        #expect(error.description == "x.yaml:12:13: error: trades.roofing.crews: wrong type: found 'many'; expected a whole number")
        let fraction = try #require(F.error(F.minimal(replacing: "roofing: {crews: 2", with: "roofing: {crews: 2.5")))
        #expect(fraction.description.contains("found '2.5'; expected a whole number"))
    }

    @Test("a list where a mapping belongs")
    func wrongContainer() throws {
        let yaml = try F.minimal(replacing: "calendar:\n  workdays: [monday, tuesday, wednesday, thursday, friday, saturday]\n"
                                     + "  shift_start: 8\n  hours_per_day: 8", with: "calendar: [1, 2]")
        let error = try #require(F.error(yaml))
        #expect(error.description.hasPrefix("x.yaml:7:1: error: calendar: wrong type: found a list; expected a mapping"))
    }

    @Test("a date that does not exist")
    func badDate() throws {
        let yaml = try F.minimal(replacing: "start: 2024-03-01", with: "start: 2024-02-30")
        let error = try #require(F.error(yaml))
        #expect(error.description == "x.yaml:4:1: error: start: '2024-02-30' is not a date; expected YYYY-MM-DD, e.g. 2022-03-01")
        let holiday = try #require(F.error(F.minimal(replacing: "  hours_per_day: 8", with: "  hours_per_day: 8\n  holidays: [2024-13-01]")))
        #expect(holiday.description.contains("x.yaml:11:14: error: calendar.holidays[0]: '2024-13-01' is not a date or date range"))
    }

    @Test("a word outside an enumeration suggests the closest choice")
    func badChoice() throws {
        let yaml = try F.minimal(replacing: "per: unit", with: "per: flor")
        let error = try #require(F.error(yaml))
        #expect(error.description == "x.yaml:31:7: error: work.building[1].per: 'flor' is not a scale unit — did you mean "
            + "'floor'?; expected one of fixed, building, unit, household, floor, or a quantity column of an `inventory:` table")
    }

    @Test("a missing required key points at the mapping it is missing from")
    func missingKey() throws {
        let yaml = try F.minimal(replacing: "      hours: {type: triangular, min: 24, mode: 32, max: 48}\n", with: "")
        let error = try #require(F.error(yaml))
        #expect(error.description == "x.yaml:25:7: error: work.building[0].hours: required key 'hours' is missing")
        let top = try #require(F.error(F.minimal(replacing: "deadline: 2024-12-31\n", with: "")))
        #expect(top.description == "x.yaml: error: deadline: required key 'deadline' is missing")
    }

    @Test("a key of another release type is not ignored")
    func releaseKeys() throws {
        let yaml = try F.minimal(replacing: "type: phases", with: "type: evenly\n      years: 2")
        let error = try #require(F.error(yaml))
        #expect(error.description.hasPrefix(
            "x.yaml:45:7: error: plans[1].release.phases: 'phases' does not apply to release type 'evenly'; expected only type, years"))
    }

    @Test("an invalid distribution names its parameters")
    func badDistribution() throws {
        let yaml = try F.minimal(replacing: "mode: 12, max: 20", with: "mode: 30, max: 20")
        let error = try #require(F.error(yaml))
        #expect(error.description == "x.yaml:36:7: error: work.community[0].hours: pert: mode 30 is above max 20; expected min ≤ mode ≤ max")
        let typo = try #require(F.error(F.minimal(replacing: "mode: 12, max: 20", with: "mdoe: 12, max: 20")))
        #expect(typo.description.hasPrefix("x.yaml:36:35: error: work.community[0].hours.mdoe: unknown key 'mdoe' in a pert distribution"))
    }

    @Test("a YAML syntax error keeps libyaml's line and column")
    func syntaxError() throws {
        let yaml = try F.minimal(replacing: "  shift_start: 8", with: "  shift_start: [8")
        let error = try #require(F.error(yaml))
        #expect(error.kind == .syntax)
        #expect(error.description.hasPrefix("x.yaml:10:16: error: YAML syntax: did not find expected ',' or ']'"))
        #expect(error.description.contains("while parsing a flow sequence at line 9, column 16"))
        let tab = try #require(F.error("name: x\nstart:\n\t- 1\n"))
        #expect(tab.description.hasPrefix("x.yaml:3:1: error: YAML syntax: found character that cannot start any token"))
    }

    @Test("the same key twice in a mapping", arguments: [
        ("trades:\n  roofing: {crews: 9}\n  roofing: {crews: 2", "x.yaml:12:3: error: key 'roofing' is given twice in the same mapping"),
        // Yams tells `2024` (an integer) from `"2024"` (a string); the scenario cannot.
        ("budget: {per_year: {2024: 1, \"2024\": 2}}\ntrades:\n  roofing: {crews: 2",
         "x.yaml:11:30: error: key '2024' is given twice in the same mapping (first on line 11)"),
    ])
    func duplicateKey(_ new: String, _ expected: String) throws {
        let error = try #require(F.error(F.minimal(replacing: "trades:\n  roofing: {crews: 2", with: new)))
        #expect(error.description.hasPrefix(expected))
    }

    @Test("bytes that are not UTF-8 are refused with their line")
    func notUTF8() throws {
        let bytes = Array("name: x\nstart: ".utf8) + [0xC3, 0x28] + Array("\n".utf8)
        #expect(throws: ScenarioError.self) { try ScenarioLoader.load(bytes: bytes, file: "latin.yaml") }
        do {
            _ = try ScenarioLoader.load(bytes: bytes, file: "latin.yaml")
        } catch {
            #expect(error.kind == .encoding)
            #expect(error.description == "latin.yaml:2:8: error: invalid UTF-8 near byte offset 15; expected UTF-8 text (save the file as UTF-8)")
        }
        // A file on disk takes the same path.
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("renosim-latin-\(UUID()).yaml")
        try Data([0x6E, 0x61, 0x6D, 0x65, 0x3A, 0x20, 0xE9, 0x0A]).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        do {
            _ = try ScenarioLoader.load(path: url.path)
            Issue.record("a Latin-1 file was accepted")
        } catch {
            #expect(error.description.hasPrefix("\(url.path):1:7: error: invalid UTF-8"))
        }
    }

    @Test("UTF-16 text (NUL bytes) is refused")
    func nulBytes() throws {
        let bytes: [UInt8] = [0x6E, 0x00, 0x61, 0x00, 0x3A, 0x00]
        do {
            _ = try ScenarioLoader.load(bytes: bytes, file: "wide.yaml")
            Issue.record("UTF-16 accepted")
        } catch {
            #expect(error.description.hasPrefix("wide.yaml:1:2: error: NUL byte at offset 1"))
        }
    }

    @Test("an empty file, or one with only comments")
    func emptyFile() throws {
        let empty = try #require(F.error("", file: "empty.yaml"))
        #expect(empty.description.hasPrefix("empty.yaml: error: the file is empty; expected a scenario"))
        let comments = try #require(F.error("# nothing yet\n\n", file: "c.yaml"))
        #expect(comments.description.hasPrefix("c.yaml: error: the file has no content, only blanks or comments"))
    }

    @Test("a document that is not a mapping", arguments: [
        ("- roofing\n- facade\n", "a list"), ("just words\n", "'just words'"), ("---\n", "nothing (an empty value)"),
    ])
    func notAMapping(_ yaml: String, _ found: String) throws {
        let error = try #require(F.error(yaml))
        #expect(error.description.hasSuffix(
            "error: the document is \(found), not a mapping; expected a mapping of scenario keys (name: …, start: …, trades: …)"))
        #expect(error.description.hasPrefix("x.yaml:1:1:") || yaml == "---\n")
    }

    @Test("a second document is refused")
    func twoDocuments() throws {
        let error = try #require(F.error("name: a\n---\nname: b\n"))
        #expect(error.description.hasPrefix("x.yaml:2:1: error: YAML syntax: but found another document"))
    }

    @Test("a file that is missing, a folder, or too large")
    func fileProblems() throws {
        let missing = "/nonexistent/renosim/scenario.yaml"
        #expect(throws: ScenarioError.self) { try ScenarioLoader.load(path: missing) }
        do { _ = try ScenarioLoader.load(path: missing) } catch {
            #expect(error.kind == .file)
            #expect(error.description == "\(missing): error: no such file")
        }
        do { _ = try ScenarioLoader.load(path: F.path("scenarios")) } catch {
            #expect(error.description.hasSuffix("error: is a folder; expected a scenario file (.yaml)"))
        }
        let huge = [UInt8](repeating: 0x20, count: ScenarioLoader.maximumFileSize + 1)
        do { _ = try ScenarioLoader.load(bytes: huge, file: "huge.yaml") } catch {
            #expect(error.kind == .file)
            #expect(error.description.hasPrefix("huge.yaml: error: the file has 67108865 bytes; expected at most 67108864 bytes"))
        }
    }

    @Test("deep nesting is refused or reported, never a crash")
    func deepNesting() throws {
        let deep = "x: " + String(repeating: "[", count: 990) + String(repeating: "]", count: 990) + "\n"
        let error = try #require(F.error(deep))
        #expect(error.description.hasPrefix("x.yaml:1:1: error: x: unknown key 'x'"))
        let tooDeep = "x: " + String(repeating: "[", count: 1100) + String(repeating: "]", count: 1100) + "\n"
        let refused = try #require(F.error(tooDeep))
        #expect(refused.kind == .syntax)
        #expect(refused.description.contains("Maximum nesting level reached"))
    }

    @Test("aliases that expand beyond the limit, and keys that are not plain")
    func nodeTree() throws {
        let bomb = "a: &a [1, 2, 3, 4]\nb: &b [*a, *a, *a, *a]\nc: [*b, *b, *b, *b]\n"
        let root = try #require(try Yams.compose(yaml: bomb, .default, .default, .utf8))
        #expect(throws: ScenarioError.self) { try SourceMap(root: root, limit: 50) }
        #expect((try? SourceMap(root: root, limit: 200)) != nil)
        // Ten lines that expand to 9¹⁰ ≈ 3.5·10⁹ values: refused from what is written,
        // without walking the expansion (which took minutes and gigabytes before).
        var billion = "a: &a [x, x, x, x, x, x, x, x, x]\n"
        for (name, previous) in zip("bcdefghij", "abcdefghi") {
            billion += "\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ", ") + "]\n"
        }
        let refused = try #require(F.error(billion))
        #expect(refused.description.contains("alias bomb"))
        #expect(refused.description.contains("more than 32000000 values"))
        // Reusing a small anchored template stays fine.
        let reuse = "a: &t {units: 24, floors: 6}\nb: [*t, *t, *t]\n"
        let reused = try #require(try Yams.compose(yaml: reuse, .default, .default, .utf8))
        #expect((try? SourceMap(root: reused)) != nil)
        let complexKey = try #require(F.error("? [a, b]\n: 1\n"))
        #expect(complexKey.description.hasPrefix("x.yaml:1:3: error: a mapping key here is a list or mapping"))
    }
}
