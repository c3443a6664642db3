import Foundation
import Hummingbird
import Logging
import Renovation

/// `renosim serve`: one page and a small JSON API over the scenarios given
/// at start. Prints nothing: what it has to say (the address it listens
/// on, server errors) goes to `log`, which the CLI wires to stderr.
///
///     GET  /                                      the page (self-contained: no asset from elsewhere)
///     GET  /api/scenarios                         the scenarios, their plans and what the form starts from
///     POST /api/edit                              {scenario, plan, edit} → the edited YAML, or located issues (422)
///     POST /api/runs                              {scenario, replications, seed?, variants: [{plan, edit}]} → {id} (202)
///     GET  /api/runs/ID                           progress, then the numbers
///     POST /api/runs/ID/cancel                    stop it (replications under way finish)
///     GET  /api/runs/ID/variants/N/report.html    the HTML report of `renosim run --report`
///     GET  /api/runs/ID/variants/N/files/NAME     a file of `renosim run --out`, or scenario.yaml
///     GET  /api/runs/ID/comparison.html|.json     the paired comparison of two variants
public struct WhatIfServer: Sendable {
    public let catalogue: WhatIfCatalogue
    public let limits: WhatIfLimits
    let store: RunStore

    /// `folder`: where run files go (the server's own; emptied by the caller after shutdown).
    /// `workingFolder`: what scenario paths in result files are relative to, as `renosim run` writes them.
    public init(catalogue: WhatIfCatalogue, limits: WhatIfLimits, folder: String, workingFolder: String) {
        self.catalogue = catalogue
        self.limits = limits
        store = RunStore(limits: limits, folder: folder, workingFolder: workingFolder)
    }

    /// Host names and addresses that reach only this machine.
    public static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host == "::1" || host == "[::1]" || host.hasPrefix("127.")
    }

    /// The application, listening on `host`:`port` (0: a free port; `running` gets the address).
    public func application(host: String, port: Int, log: @escaping @Sendable (String) -> Void,
                            running: @escaping @Sendable (String) -> Void) -> some ApplicationProtocol {
        let logger = Logger(label: "renosim.serve") { _ in CallbackLogHandler(log: log) }
        return Application(router: router(), configuration: .init(address: .hostname(host, port: port), serverName: "renosim"),
                           onServerRunning: { channel in
                               let address = channel.localAddress
                               running("http://\(address?.ipAddress.map { $0.contains(":") ? "[\($0)]" : $0 } ?? host):\(address?.port ?? port)/")
                           },
                           logger: logger)
    }

    /// Stops every run; for shutdown.
    public func cancelAll() { store.cancelAll() }

    // MARK: - Routes

    public func router() -> Router<BasicRequestContext> {
        let router = Router()
        let server = self
        router.get("/") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store",
                                            .contentSecurityPolicy: WhatIfPage.contentSecurityPolicy],
                     body: .init(byteBuffer: ByteBuffer(string: WhatIfPage.html)))
        }
        router.get("/api/scenarios") { _, _ in server.listing() }
        router.post("/api/edit") { request, _ in await server.decoding(EditRequest.self, request, server.edit) }
        router.post("/api/runs") { request, _ in await server.decoding(RunRequest.self, request, server.start) }
        router.get("/api/runs/:id") { _, context in
            guard let run = server.store.run(context.parameters.get("id") ?? "") else { return Self.unknownRun }
            return Self.json(run.status)
        }
        router.post("/api/runs/:id/cancel") { _, context in
            guard let run = server.store.run(context.parameters.get("id") ?? "") else { return Self.unknownRun }
            run.cancel()
            return Self.json(run.status)
        }
        router.get("/api/runs/:id/variants/:variant/report.html") { _, context in
            server.file(context, variant: context.parameters.get("variant", as: Int.self), name: "report.html")
        }
        router.get("/api/runs/:id/variants/:variant/files/:name") { _, context in
            server.file(context, variant: context.parameters.get("variant", as: Int.self), name: context.parameters.get("name") ?? "")
        }
        router.get("/api/runs/:id/comparison.html") { _, context in server.file(context, variant: nil, name: "comparison.html") }
        router.get("/api/runs/:id/comparison.json") { _, context in server.file(context, variant: nil, name: "comparison.json") }
        return router
    }

    func listing() -> Response {
        Self.json(catalogue.entries.enumerated().map { id, entry in
            let scenario = entry.loaded.scenario
            let plans = scenario.plans.compactMap { spec -> PlanDefaults? in
                (try? entry.loaded.compile(plan: spec.name)).map { PlanDefaults(model: $0, spec: spec, scenario: scenario) }
            }
            return ScenarioListing(id: id, name: scenario.name, file: entry.file, seed: scenario.seed ?? 1, plans: plans)
        })
    }

    func edit(_ body: EditRequest) -> Response {
        guard let entry = catalogue.entry(body.scenario) else { return Self.unknownScenario(body.scenario) }
        do {
            let edited = try ScenarioEditor.apply(body.edit ?? PlanEdit(), to: entry, plan: body.plan)
            return Self.json(EditAnswer(yaml: String(decoding: edited.bytes, as: UTF8.self), sha256: edited.loaded.sha256))
        } catch {
            return Self.rejected(error, variant: nil)
        }
    }

    func start(_ body: RunRequest) -> Response {
        guard let entry = catalogue.entry(body.scenario) else { return Self.unknownScenario(body.scenario) }
        guard (1...2).contains(body.variants.count) else {
            return Self.error(.badRequest, "a run has one variant, or two to compare; this request has \(body.variants.count)")
        }
        let least = body.variants.count == 2 ? 2 : 1
        guard body.replications >= least, body.replications <= limits.maxReplications else {
            return Self.error(.unprocessableContent, "replications must be between \(least) and \(limits.maxReplications) "
                              + "(this server's limit), not \(body.replications)"
                              + (body.variants.count == 2 ? " (a paired comparison needs two)" : ""))
        }
        var variants: [WhatIfRun.Variant] = []
        for (i, variant) in body.variants.enumerated() {
            do {
                let edited = try ScenarioEditor.apply(variant.edit ?? PlanEdit(), to: entry, plan: variant.plan)
                variants.append(.init(label: i == 0 ? "A" : "B", edited: edited, file: entry.file))
            } catch {
                return Self.rejected(error, variant: i)
            }
        }
        let seed = body.seed ?? entry.loaded.scenario.seed ?? 1
        do {
            let run = try store.start(variants: variants, seed: seed, replications: body.replications)
            return Self.json(run.status, status: .accepted)
        } catch {
            guard case .busy(let active) = error else { return Self.error(.internalServerError, "\(error)") }
            return Self.error(.tooManyRequests, "\(active) runs are under way (this server's limit is \(limits.maxActiveRuns)); "
                              + "wait for one to finish or cancel one")
        }
    }

    /// A file of a run, by a name from a fixed list: no path from the request reaches the file system.
    func file(_ context: BasicRequestContext, variant: Int?, name: String) -> Response {
        guard let run = store.run(context.parameters.get("id") ?? "") else { return Self.unknownRun }
        let types: [String: String] = [
            "result.json": "application/json", "replications.csv": "text/csv", "communities.csv": "text/csv",
            "buildings.csv": "text/csv", "schedule.csv": "text/csv", "results.sqlite": "application/vnd.sqlite3",
            "scenario.yaml": "application/yaml", "report.html": "text/html; charset=utf-8",
            "comparison.json": "application/json", "comparison.html": "text/html; charset=utf-8",
        ]
        guard let type = types[name] else {
            return Self.error(.notFound, "no file '\(name)'; a run has " + types.keys.sorted().joined(separator: ", "))
        }
        var folder = run.folder
        if let variant {
            guard run.variants.indices.contains(variant) else { return Self.error(.notFound, "the run has no variant \(variant)") }
            folder = WhatIfRun.variantFolder(run.folder, variant)
        }
        guard run.status.state == .done,
              let data = FileManager.default.contents(atPath: (folder as NSString).appendingPathComponent(name)) else {
            return Self.error(.notFound, "the run has no \(name) (it is not done, or did not write it)")
        }
        var headers: HTTPFields = [.contentType: type, .cacheControl: "no-store"]
        if !type.hasPrefix("text/html") {
            let prefix = variant.map { $0 == 0 ? "A-" : "B-" } ?? ""
            headers[.contentDisposition] = "attachment; filename=\"\(prefix)\(name)\""
        }
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    // MARK: - JSON in and out

    /// `answer` to the request's JSON body, or the reason there is none: 413 past the size limit, 400 for what is not the JSON expected.
    func decoding<T: Decodable>(_ type: T.Type, _ request: Request, _ answer: (T) -> Response) async -> Response {
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: limits.maxBodyBytes)
        } catch let error as HTTPResponseError where error.status == .contentTooLarge {
            return Self.error(.contentTooLarge, "the request body is larger than \(limits.maxBodyBytes) bytes")
        } catch {
            return Self.error(.badRequest, "the request body could not be read: \(error)")
        }
        do {
            return answer(try JSONDecoder().decode(T.self, from: Data(buffer.readableBytesView)))
        } catch {
            return Self.error(.badRequest, "the request is not the JSON expected: \(Self.describe(error))")
        }
    }

    static func describe(_ error: any Error) -> String {
        guard let error = error as? DecodingError else { return "\(error)" }
        switch error {
        case .keyNotFound(let key, let context):
            return "missing key '\((context.codingPath + [key]).map(\.stringValue).joined(separator: "."))'"
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            return (path.isEmpty ? "" : "key '\(path)': ") + context.debugDescription
        @unknown default:
            return "\(error)"
        }
    }

    static func json<T: Encodable>(_ value: T, status: HTTPResponse.Status = .ok) -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        let data = (try? encoder.encode(value)) ?? Data(#"{"error":"the answer could not be encoded"}"#.utf8)
        return Response(status: status, headers: [.contentType: "application/json", .cacheControl: "no-store"],
                        body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    static func error(_ status: HTTPResponse.Status, _ message: String) -> Response {
        json(ErrorAnswer(error: message), status: status)
    }

    static func rejected(_ rejection: ScenarioEditor.Rejection, variant: Int?) -> Response {
        let count = rejection.issues.count
        return json(ErrorAnswer(error: count == 1 ? "the edit is not valid" : "the edit has \(count) problems",
                                variant: variant, issues: rejection.issues), status: .unprocessableContent)
    }

    static var unknownRun: Response { error(.notFound, "no such run (runs are kept while the server runs, the newest first)") }

    static func unknownScenario(_ id: Int) -> Response {
        error(.notFound, "no scenario \(id); the server was given its scenarios on the command line")
    }
}

/// Forwards Hummingbird's log lines to a callback: library targets print nothing themselves.
struct CallbackLogHandler: LogHandler {
    let log: @Sendable (String) -> Void
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .notice

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        log("\(event.level): \(event.message)")
    }
}
