/// `POST /api/edit`: an edit to check (and to download as YAML).
struct EditRequest: Codable, Sendable {
    var scenario: Int
    var plan: String
    var edit: PlanEdit?
}

/// `POST /api/runs`: one variant, or two compared on common random numbers.
struct RunRequest: Codable, Sendable {
    struct Variant: Codable, Sendable {
        var plan: String
        var edit: PlanEdit?
    }

    var scenario: Int
    var replications: Int
    /// Default: the scenario's seed, else 1 (as `renosim run`).
    var seed: UInt64?
    var variants: [Variant]
}

/// The catalogue as the page lists it.
struct ScenarioListing: Codable, Sendable {
    var id: Int
    var name: String
    var file: String
    var seed: UInt64
    var plans: [PlanDefaults]
}

/// An answer that is not a result: what was wrong, and for an edit its located issues.
struct ErrorAnswer: Codable, Sendable {
    var error: String
    /// Which variant (0: A, 1: B) the issues belong to.
    var variant: Int?
    var issues: [ScenarioEditor.FieldIssue]?
}

struct EditAnswer: Codable, Sendable {
    var yaml: String
    var sha256: String
}
