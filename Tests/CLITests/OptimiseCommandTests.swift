import Foundation
import Testing

@Suite("renosim optimise, end to end")
struct OptimiseCommandTests {
    static let minimal = "Tests/Fixtures/minimal.yaml"

    func optimise(_ folder: URL, threads: Int, extra: [String] = []) throws -> CLIRunner.Output {
        try CLIRunner.run(["optimise", Self.minimal, "--plan", "staged", "--budget", "160", "--replications", "4",
                           "--confirm", "20", "--population", "6", "--seed", "3", "--threads", String(threads),
                           "--out", folder.path, "--quiet"] + extra)
    }

    @Test("prints both figures and a plan block, writes a compare-ready copy, the same on one thread and two")
    func endToEnd() throws {
        let one = try CLIRunner.temporaryDirectory(), two = try CLIRunner.temporaryDirectory()
        let html = one.appendingPathComponent("optimise.html")
        let a = try optimise(one, threads: 1, extra: ["--report", html.path])
        #expect(a.status == 0, "\(a.stderr)")
        #expect(a.stdout.contains("starting plan  P(deadline met)") && a.stdout.contains("optimised      P(deadline met)"))
        #expect(a.stdout.contains("simulations in"))
        #expect(a.stdout.contains("  - name: staged-optimised\n") && a.stdout.contains("      type: phases\n"))
        let b = try optimise(two, threads: 2)
        #expect(b.status == 0, "\(b.stderr)")
        let jsonA = try Data(contentsOf: one.appendingPathComponent("optimise.json"))
        let jsonB = try Data(contentsOf: two.appendingPathComponent("optimise.json"))
        #expect(jsonA == jsonB, "the result depends on the thread count")
        // Within the budget.
        let result = try JSONSerialization.jsonObject(with: jsonA) as? [String: Any]
        #expect((result?["simulations"] as? Int).map { $0 <= 160 } == true)

        // The copy is the scenario with one plan more, and compares.
        let copy = one.appendingPathComponent("minimal-optimised.yaml")
        let original = try String(contentsOf: CLIRunner.root.appendingPathComponent(Self.minimal), encoding: .utf8)
        let copied = try String(contentsOf: copy, encoding: .utf8)
        #expect(copied.hasPrefix(original.trimmingCharacters(in: .newlines)))
        let compare = try CLIRunner.run(["compare", copy.path, "--plans", "staged,staged-optimised", "--replications", "5"])
        #expect(compare.status == 0, "\(compare.stderr)")
        let page = try String(contentsOf: html, encoding: .utf8)
        #expect(page.contains("Search progress") && page.contains("Completion S-curves"))
    }

    @Test("project mode: a one-house project gets start times as not_before, and the copy runs the schedule found")
    func projectMode() throws {
        let folder = try CLIRunner.temporaryDirectory()
        let output = try CLIRunner.run(["optimise", "Tests/Fixtures/one-house.yaml", "--plan", "base", "--objective", "p80",
                                        "--budget", "600", "--confirm", "5", "--seed", "2", "--quiet", "--out", folder.path,
                                        "--format", "json"])
        #expect(output.status == 0, "\(output.stderr)")
        let result = try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
        #expect((result["schedule_passes"] as? Int ?? 0) > 0, "not in project mode")
        let best = try #require(result["best_search_value"] as? Double), start = try #require(result["start_search_value"] as? Double)
        // shortest's own schedule ends on day 29.7; the search finds a shorter one.
        #expect(best < start)
        let block = try String(contentsOf: folder.appendingPathComponent("optimised-plan.yaml"), encoding: .utf8)
        #expect(block.contains("    not_before: {"), "\(block)")
        // The copy's optimised plan finishes when the search said: the simulation runs the schedule.
        let run = try CLIRunner.run(["run", folder.appendingPathComponent("one-house-optimised.yaml").path, "--plan", "base-optimised",
                                     "--replications", "2", "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let replications = try #require(document["per_replication"] as? [[String: Any]])
        #expect(replications.map { $0["finish_days"] as? Double } == [best, best])
    }

    @Test("a budget too small to confirm is refused with what it needs, exit 1")
    func smallBudget() throws {
        let output = try CLIRunner.run(["optimise", Self.minimal, "--plan", "staged", "--budget", "10", "--confirm", "20"])
        #expect(output.status == 1)
        #expect(output.stderr.contains("--budget 10 is too small"), "\(output.stderr)")
        #expect(output.stdout.isEmpty)
    }

    @Test("--objective cost searches crews with the plan: the cheapest mix, its cost, size alone beside it, crews in the block")
    func crewCost() throws {
        let folder = try CLIRunner.temporaryDirectory()
        let output = try CLIRunner.run(["optimise", "Tests/Fixtures/crews.yaml", "--plan", "held-back", "--objective", "cost", "--target", "0.9",
                                        "--budget", "400", "--replications", "1", "--confirm", "2", "--seed", "5",
                                        "--population", "8", "--quiet", "--out", folder.path,
                                        "--report", folder.appendingPathComponent("cost.html").path])
        #expect(output.status == 0, "\(output.stderr)")
        // The cheapest mix (brute force in PlanOptimiserTests): one prep crew and two main crews, both released in January.
        #expect(output.stdout.contains("  starting plan:   prep 3, main 3; crew cost 450 per hour\n"), "\(output.stdout)")
        #expect(output.stdout.contains("  optimised:       prep 1, main 2; crew cost 200 per hour\n"), "\(output.stdout)")
        #expect(output.stdout.contains("  size alone (plan held-back): "), "\(output.stdout)")
        #expect(output.stdout.contains("    crews: {prep: 1, main: 2}\n"), "\(output.stdout)")
        let copy = try String(contentsOf: folder.appendingPathComponent("crews-optimised.yaml"), encoding: .utf8)
        #expect(copy.contains("crews: {prep: 1, main: 2}"))
        // The progress chart draws only candidates that meet the target (the others' value is a penalty, not a cost).
        let page = try String(contentsOf: folder.appendingPathComponent("cost.html"), encoding: .utf8)
        #expect(page.contains("crew cost per hour, meeting the target") && !page.contains("1000000000000"))
    }

    @Test("size and optimise share their options: --target out of range is refused by both, exit 64")
    func sharedOptions() throws {
        for command in ["size", "optimise"] {
            let output = try CLIRunner.run([command, Self.minimal, "--plan", "staged", "--target", "1"])
            #expect(output.status == 64, "\(command): \(output.stderr)")
            #expect(output.stderr.contains("--target must be above 0 and below 1"), "\(command): \(output.stderr)")
        }
    }
}
