import Experiments
import Foundation
import Hummingbird
import HummingbirdTesting
import Renovation
import Reports
import Testing
@testable import WhatIf

/// A server over the given files, with run files in a fresh folder.
func server(_ files: [String], configure: (inout WhatIfLimits) -> Void = { _ in }) throws -> WhatIfServer {
    var limits = WhatIfLimits(threads: 2)
    configure(&limits)
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("renosim-serve-test-\(UUID().uuidString)").path
    return WhatIfServer(catalogue: try WhatIfCatalogue(files: files.map(path)), limits: limits, folder: folder,
                        workingFolder: repositoryRoot.path)
}

func testing<T: Sendable>(_ server: WhatIfServer, _ body: @Sendable (any TestClientProtocol) async throws -> T) async throws -> T {
    try await Application(router: server.router()).test(.router) { client in try await body(client) }
}

func json(_ value: some Encodable) throws -> ByteBuffer { ByteBuffer(bytes: try JSONEncoder().encode(value)) }

func decoded<T: Decodable>(_ type: T.Type, _ response: TestResponse) throws -> T {
    let decoder = JSONDecoder()
    decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    return try decoder.decode(T.self, from: Data(response.body.readableBytesView))
}

func text(_ response: TestResponse) -> String { String(buffer: response.body) }

/// Starts a run and polls it to its end (bounded: a test never hangs on a run).
func runToEnd(_ client: any TestClientProtocol, _ request: RunRequest, cancel: Bool = false) async throws -> RunStatus {
    let started = try await client.execute(uri: "/api/runs", method: .post, body: try json(request))
    #expect(started.status == .accepted, "\(text(started))")
    var status = try decoded(RunStatus.self, started)
    if cancel {
        status = try decoded(RunStatus.self, try await client.execute(uri: "/api/runs/\(status.id)/cancel", method: .post))
    }
    for _ in 0..<6_000 where status.state == .running {
        try await Task.sleep(for: .milliseconds(20))
        status = try decoded(RunStatus.self, try await client.execute(uri: "/api/runs/\(status.id)", method: .get))
    }
    return status
}

@Suite("renosim serve")
struct WhatIfServerTests {
    @Test("the page is self-contained: nothing is fetched from another host")
    func page() async throws {
        try await testing(try server(["Tests/Fixtures/minimal.yaml"])) { client in
            let response = try await client.execute(uri: "/", method: .get)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "text/html; charset=utf-8")
            #expect(response.headers[.contentSecurityPolicy]?.contains("default-src 'none'") == true)
            let html = text(response)
            #expect(html.contains("<script>") && html.contains("id=\"run\""))
            for external in ["src=\"http", "href=\"http", "src=\"//", "href=\"//", "@import", "url(http"] {
                #expect(!html.contains(external), "\(external)")
            }
        }
    }

    @Test("the scenario list gives each plan's values as the form starts from them")
    func listing() async throws {
        try await testing(try server(["Tests/Fixtures/minimal.yaml", "scenarios/yonghong-2022.yaml"])) { client in
            let response = try await client.execute(uri: "/api/scenarios", method: .get)
            let list = try decoded([ScenarioListing].self, response)
            #expect(list.map(\.name) == ["minimal", "yonghong-2022"])
            #expect(list[0].file == path("Tests/Fixtures/minimal.yaml"))
            let staged = try #require(list[0].plans.first { $0.plan == "staged" })
            #expect(staged.trades.map(\.name) == ["roofing", "painting", "civil"] && staged.trades.map(\.crews) == [2, 2, 1])
            #expect(staged.release.type == "phases" && staged.phases.map(\.communities) == [["east"], ["west"]])
            #expect(list[1].plans.map(\.plan) == ["five-year", "three-year", "three-year-2021-preparation"])
            #expect(list[1].plans[1].supervisors == 6 && list[1].plans[1].defectTeam == 4)
        }
    }

    @Test("a run gives the numbers and files renosim run gives for the same scenario, plan, seed and replications")
    func sameAsLibraryRun() async throws {
        let server = try server(["Tests/Fixtures/minimal.yaml"])
        let status = try await testing(server) { client in
            try await runToEnd(client, RunRequest(scenario: 0, replications: 30, seed: 7, variants: [.init(plan: "staged")]))
        }
        #expect(status.state == .done)
        let run = try #require(server.store.run(status.id))
        let served = try ResultFile.read(WhatIfRun.variantFolder(run.folder, 0) + "/result.json")
        // What RunCommand does for `renosim run Tests/Fixtures/minimal.yaml --plan staged --seed 7 --replications 30`.
        let loaded = try ScenarioLoader.load(path: path("Tests/Fixtures/minimal.yaml"))
        let model = try loaded.compile(plan: "staged")
        let results = ReplicationRunner(threads: 1).run(model: model, seed: 7, replications: 0..<30)
        let summary = PlanSummary(model: model, seed: 7, results: results)
        let cli = ResultDocument(model: model, seed: 7, results: results,
                                 scenario: .init(name: "minimal", file: "Tests/Fixtures/minimal.yaml", sha256: loaded.sha256),
                                 toolVersion: ToolVersion.current, summary: summary)
        #expect(try ResultJSON.encode(served) == ResultJSON.encode(cli))
        let variant = try #require(status.result?.variants.first)
        #expect(variant.deadlineMet.estimate == summary.deadlineMet.estimate)
        #expect(variant.finishP80 == summary.date(days: summary.finishDays.p80).description)
        #expect(variant.files.contains("results.sqlite") && variant.files.contains("scenario.yaml"))
    }

    @Test("two variants are compared on the same replications, and their files are served by fixed names only")
    func comparison() async throws {
        let server = try server(["Tests/Fixtures/minimal.yaml"])
        try await testing(server) { client in
            let request = RunRequest(scenario: 0, replications: 20, seed: 3,
                                     variants: [.init(plan: "staged"), .init(plan: "staged", edit: PlanEdit(crews: ["painting": "4"]))])
            let status = try await runToEnd(client, request)
            #expect(status.state == .done)
            let result = try #require(status.result)
            let comparison = try #require(result.comparison)
            // The paired comparison is PlanComparison's over the two edited plans.
            let loaded = try ScenarioLoader.load(path: path("Tests/Fixtures/minimal.yaml"))
            let a = try loaded.compile(plan: "staged")
            let b = try ScenarioEditor.apply(PlanEdit(crews: ["painting": "4"]), to: entry("Tests/Fixtures/minimal.yaml"), plan: "staged").model
            let expected = PlanComparison.run(models: [a, b], seed: 3, replications: 20, threads: 1)
            #expect(try RunOutputJSON(comparison.differences) == RunOutputJSON(expected.pairs[0].differences))

            let yaml = try await client.execute(uri: "/api/runs/\(status.id)/variants/1/files/scenario.yaml", method: .get)
            #expect(yaml.status == .ok && text(yaml).contains("crews: {painting: 4}"))
            #expect(try await client.execute(uri: "/api/runs/\(status.id)/comparison.json", method: .get).status == .ok)
            let report = try await client.execute(uri: "/api/runs/\(status.id)/variants/0/report.html", method: .get)
            #expect(text(report).contains("Completion S-curve") && text(report).contains("Line of balance"))
            for name in ["..%2F..%2Fetc%2Fpasswd", "..", "result.json%00", "passwd"] {
                let response = try await client.execute(uri: "/api/runs/\(status.id)/variants/0/files/\(name)", method: .get)
                #expect(response.status == .notFound, "\(name)")
            }
            #expect(try await client.execute(uri: "/api/runs/\(status.id)/variants/2/files/result.json", method: .get).status == .notFound)
            #expect(try await client.execute(uri: "/api/runs/not-a-run/variants/0/files/result.json", method: .get).status == .notFound)
        }
    }

    @Test("a request names a scenario by its number only: a path is refused and nothing is read")
    func noPaths() async throws {
        try await testing(try server(["Tests/Fixtures/minimal.yaml"])) { client in
            let asPath = #"{"scenario": "/etc/passwd", "replications": 2, "variants": [{"plan": "staged"}]}"#
            let refused = try await client.execute(uri: "/api/runs", method: .post, body: ByteBuffer(string: asPath))
            #expect(refused.status == .badRequest)
            #expect(try decoded(ErrorAnswer.self, refused).error.contains("scenario"))
            let unknown = try await client.execute(uri: "/api/runs", method: .post,
                                                   body: try json(RunRequest(scenario: 1, replications: 2, variants: [.init(plan: "staged")])))
            #expect(unknown.status == .notFound)
            // An unknown key (say, a `file`) is not read either: only the fields of the request exist.
            let edit = #"{"scenario": 0, "plan": "staged", "file": "/etc/passwd"}"#
            let answer = try await client.execute(uri: "/api/edit", method: .post, body: ByteBuffer(string: edit))
            #expect(answer.status == .ok)
            #expect(try decoded(EditAnswer.self, answer).yaml.hasPrefix("# The smallest useful scenario"))
        }
    }

    @Test("an invalid edit gets the validator's located issues (422) with the field to show them beside")
    func invalidEdit() async throws {
        try await testing(try server(["Tests/Fixtures/minimal.yaml"])) { client in
            let request = RunRequest(scenario: 0, replications: 5,
                                     variants: [.init(plan: "staged"), .init(plan: "staged", edit: PlanEdit(crews: ["civil": "-1"]))])
            let response = try await client.execute(uri: "/api/runs", method: .post, body: try json(request))
            #expect(response.status == .unprocessableContent)
            let answer = try decoded(ErrorAnswer.self, response)
            #expect(answer.variant == 1)
            let issue = try #require(answer.issues?.first)
            #expect(issue.field == "crews.civil" && issue.line != nil)
            #expect(issue.description.contains("minimal.yaml:\(issue.line!):") && issue.description.contains("error: plans[1].crews.civil"))
        }
    }

    @Test("a request body over the limit is refused with 413")
    func bodyLimit() async throws {
        try await testing(try server(["Tests/Fixtures/minimal.yaml"]) { $0.maxBodyBytes = 1_000 }) { client in
            let big = #"{"scenario": 0, "plan": "staged", "edit": {"deadline": ""# + String(repeating: "9", count: 2_000) + "\"}}"
            let response = try await client.execute(uri: "/api/edit", method: .post, body: ByteBuffer(string: big))
            #expect(response.status == .contentTooLarge)
            #expect(try decoded(ErrorAnswer.self, response).error.contains("1000 bytes"))
        }
    }

    @Test("replications beyond the server's limit are refused with a clear error")
    func replicationLimit() async throws {
        try await testing(try server(["Tests/Fixtures/minimal.yaml"]) { $0.maxReplications = 50 }) { client in
            for count in [51, 0] {
                let request = RunRequest(scenario: 0, replications: count, variants: [.init(plan: "staged")])
                let response = try await client.execute(uri: "/api/runs", method: .post, body: try json(request))
                #expect(response.status == .unprocessableContent)
                #expect(try decoded(ErrorAnswer.self, response).error.contains("between 1 and 50"))
            }
        }
    }

    @Test("a run past the time limit stops and says so")
    func timeLimit() async throws {
        try await testing(try server(["scenarios/yonghong-2022.yaml"]) { $0.timeLimitSeconds = 0.05 }) { client in
            let status = try await runToEnd(client, RunRequest(scenario: 0, replications: 5_000, variants: [.init(plan: "three-year")]))
            #expect(status.state == .stopped)
            #expect(status.done < status.total)
            #expect(status.message?.contains("time limit") == true)
            #expect(status.result == nil)
        }
    }

    @Test("cancel stops a run; other clients' runs go on with their own ids")
    func cancelAndConcurrency() async throws {
        let server = try server(["Tests/Fixtures/minimal.yaml", "scenarios/yonghong-2022.yaml"])
        try await testing(server) { client in
            async let long = runToEnd(client, RunRequest(scenario: 1, replications: 5_000, variants: [.init(plan: "three-year")]),
                                      cancel: true)
            async let first = runToEnd(client, RunRequest(scenario: 0, replications: 10, seed: 1, variants: [.init(plan: "staged")]))
            async let second = runToEnd(client, RunRequest(scenario: 0, replications: 10, seed: 1,
                                                           variants: [.init(plan: "staged", edit: PlanEdit(crews: ["painting": "5"]))]))
            let (cancelled, a, b) = try await (long, first, second)
            #expect(cancelled.state == .cancelled && cancelled.done < cancelled.total)
            #expect(cancelled.message?.contains("cancelled") == true)
            #expect(Set([cancelled.id, a.id, b.id]).count == 3)
            #expect(a.state == .done && b.state == .done)
            // Each run kept its own edit.
            let shaA = try #require(a.result?.variants.first?.sha256), shaB = try #require(b.result?.variants.first?.sha256)
            #expect(shaA == server.catalogue.entries[0].loaded.sha256 && shaB != shaA)
        }
    }

    @Test("past the limit of runs under way a new one is refused (429) until one ends")
    func busy() async throws {
        try await testing(try server(["scenarios/yonghong-2022.yaml"]) { $0.maxActiveRuns = 1 }) { client in
            let request = RunRequest(scenario: 0, replications: 5_000, variants: [.init(plan: "three-year")])
            let first = try decoded(RunStatus.self, try await client.execute(uri: "/api/runs", method: .post, body: try json(request)))
            let second = try await client.execute(uri: "/api/runs", method: .post, body: try json(request))
            #expect(second.status == .tooManyRequests)
            _ = try await client.execute(uri: "/api/runs/\(first.id)/cancel", method: .post)
            var state = WhatIfRun.State.running
            for _ in 0..<3_000 where state == .running {
                try await Task.sleep(for: .milliseconds(20))
                state = try decoded(RunStatus.self, try await client.execute(uri: "/api/runs/\(first.id)", method: .get)).state
            }
            #expect(state == .cancelled)
        }
    }

    @Test("the server listens on loopback unless told otherwise")
    func loopback() {
        #expect(WhatIfServer.isLoopback("127.0.0.1") && WhatIfServer.isLoopback("localhost") && WhatIfServer.isLoopback("::1"))
        #expect(!WhatIfServer.isLoopback("0.0.0.0") && !WhatIfServer.isLoopback("192.0.2.1") && !WhatIfServer.isLoopback("::"))
    }
}

/// Paired differences as text (NaN-safe comparison).
func RunOutputJSON(_ differences: [PairedDifference]) throws -> String { try RunOutput.json(differences) }
