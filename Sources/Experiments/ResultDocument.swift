import DiscreteEvent
import Renovation

/// What a run leaves behind to be read again: which scenario (file and
/// content hash), plan, seed and replications, the summary, and the scalar
/// results of every replication. `renosim run --out` writes it as
/// `result.json`; a baseline is one of these; `docs/results-schema.md`
/// describes the file.
///
///     let document = ResultDocument(model: model, seed: 1, results: results,
///                                   scenario: .init(name: model.scenarioName, file: "s.yaml", sha256: hash),
///                                   toolVersion: "0.1.0")
///     document.perReplication[3][scalar: .finishDays]
public struct ResultDocument: Codable, Sendable {
    /// The layout version this code writes and the newest it reads. Raise it
    /// when a field changes meaning or a reader would need a new field.
    public static let supportedSchemaVersion = 2
    /// The oldest layout this code reads: schema 1 named some metrics
    /// otherwise (read under the registry's names) and carried per-community data.
    public static let oldestReadableSchemaVersion = 1

    public var schemaVersion: Int
    /// The renosim version that wrote the file.
    public var toolVersion: String
    public var scenario: ScenarioReference
    public var plan: String
    public var seed: UInt64
    public var replications: Int
    /// What the per-replication arrays are indexed by.
    public var names: Names
    /// Nil only when read from a file whose summary this version cannot
    /// decode: comparisons use the per-replication data, never the summary.
    public var summary: PlanSummary?
    public var perReplication: [ReplicationRecord]

    public struct ScenarioReference: Codable, Sendable, Equatable {
        /// The scenario's `name`.
        public var name: String
        /// The file, as a path relative to the folder the command ran in
        /// (absolute when the file lies outside it).
        public var file: String
        /// SHA-256 of the file's bytes, lowercase hex.
        public var sha256: String
        /// The progress file a forecast started from; absent for a run from the programme's start.
        public var status: StatusReference?

        public init(name: String, file: String, sha256: String, status: StatusReference? = nil) {
            self.name = name
            self.file = file
            self.sha256 = sha256
            self.status = status
        }
    }

    /// A forecast's progress file: where it is, the SHA-256 of its bytes, and its status date.
    public struct StatusReference: Codable, Sendable, Equatable {
        public var file: String
        public var sha256: String
        public var date: CivilDate

        public init(file: String, sha256: String, date: CivilDate) {
            self.file = file
            self.sha256 = sha256
            self.date = date
        }
    }

    public struct Names: Codable, Sendable, Equatable {
        /// Schema 1 only: per-community data now lives in the files made for volume.
        public var communities: [String]?
        public var trades: [String]
        public var waitCauses: [String]
        public var serviceLevels: [String]
        /// Calendar years of the per-year arrays, from the start year.
        public var years: [Int]
        /// The plan's milestones; absent without any (and in older files).
        public var milestones: [String]?
        /// The risk register's names; absent without a register (and in older files).
        public var risks: [String]?
    }

    public init(model: CompiledPlan, seed: UInt64, results: [ReplicationResult], scenario: ScenarioReference,
                toolVersion: String, summary: PlanSummary? = nil) {
        schemaVersion = Self.supportedSchemaVersion
        self.toolVersion = toolVersion
        self.scenario = scenario
        plan = model.planName
        self.seed = seed
        replications = results.count
        let yearCount = results.first?.completionsPerYear.count ?? model.budgetPerYear.count
        names = Self.names(model, years: yearCount)
        self.summary = summary ?? PlanSummary(model: model, seed: seed, results: results)
        perReplication = results.map { ReplicationRecord($0, plan: model) }
    }

    /// What the per-replication arrays of `model`'s results are indexed by.
    /// (`result.json` is a bounded summary: no per-community arrays.)
    public static func names(_ model: CompiledPlan, years: Int) -> Names {
        Names(communities: nil, trades: model.tradeNames,
              waitCauses: WaitsByCause.causes, serviceLevels: DefectOutcome.tiers,
              years: (0..<years).map { model.start.year + $0 },
              milestones: model.milestones.isEmpty ? nil : model.milestones.map(\.name),
              risks: model.risks.isEmpty ? nil : model.risks.names)
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        schemaVersion = try c.decode(Int.self, forKey: .schemaVersion)
        toolVersion = try c.decode(String.self, forKey: .toolVersion)
        scenario = try c.decode(ScenarioReference.self, forKey: .scenario)
        plan = try c.decode(String.self, forKey: .plan)
        seed = try c.decode(UInt64.self, forKey: .seed)
        replications = try c.decode(Int.self, forKey: .replications)
        names = try c.decode(Names.self, forKey: .names)
        // A summary written by another version may have other fields; it is
        // derived from the per-replication data, which is what counts.
        summary = try? c.decodeIfPresent(PlanSummary.self, forKey: .summary)
        perReplication = try c.decode([ReplicationRecord].self, forKey: .perReplication)
    }

    /// Checks what a reader relies on: a schema version it knows, one record
    /// per replication numbered 0, 1, 2, …, and arrays as long as their name
    /// lists. A file is user input; nothing downstream indexes past these.
    /// Beyond the longest horizon a scenario can have (100 years).
    static let maximumDays = 40_000.0

    public func validate() throws(ResultDocumentError) {
        guard schemaVersion >= Self.oldestReadableSchemaVersion else {
            throw .invalid("schema_version \(schemaVersion) is not a version; expected \(Self.oldestReadableSchemaVersion) or more")
        }
        guard schemaVersion <= Self.supportedSchemaVersion else {
            throw .newerSchema(found: schemaVersion, supported: Self.supportedSchemaVersion)
        }
        guard (1...10_000_000).contains(replications) else {
            throw .invalid("replications is \(replications); expected 1 to 10,000,000")
        }
        guard perReplication.count == replications else {
            throw .invalid("replications says \(replications) but per_replication holds \(perReplication.count) records")
        }
        try Self.validate(perReplication, first: 0, names: names, schemaVersion: schemaVersion)
    }

    /// The checks of each record alone, for records numbered from `first`:
    /// a result file's, or a checkpoint chunk's before it is trusted.
    public static func validate(_ records: [ReplicationRecord], first: Int, names: Names,
                                schemaVersion: Int = supportedSchemaVersion) throws(ResultDocumentError) {
        let lengths = Metric.all.compactMap { metric in metric.dimension.map { (metric, names.count($0)) } }
        for (offset, record) in records.enumerated() {
            let i = first + offset
            guard record.replication == i else {
                throw .invalid("per_replication[\(i)] is replication \(record.replication); expected \(i)")
            }
            // Days become dates and chart positions: a corrupt value is refused here, not met there.
            let finish = record[scalar: .finishDays]
            guard finish >= 0, finish <= Self.maximumDays else {
                throw .invalid("per_replication[\(i)].finish_days is \(finish); expected 0 to \(Int(Self.maximumDays)) days")
            }
            let communities = record[.communityFinishDays]
            if let bad = communities.firstIndex(where: { !($0.isNaN || (0...Self.maximumDays).contains($0)) }) {
                throw .invalid("per_replication[\(i)].community_finish_days[\(bad)] is \(communities[bad]); "
                               + "expected 0 to \(Int(Self.maximumDays)) days, or null")
            }
            for metric in Metric.scalars where record.values[metric.name] == nil && record.values.count > 0 && !metric.mayBeAbsent {
                // Schema 1 had no failure_rate; every other scalar must be there.
                guard metric.name == Metric.failureRate.name && schemaVersion == 1 else {
                    throw .invalid("per_replication[\(i)].\(metric.name) is missing")
                }
            }
            for (metric, expected) in lengths {
                guard let values = record.values[metric.name] else {
                    // Unbounded metrics (per community) are not in result files, and a file whose names
                    // list nothing for a dimension (older files: no milestones, no risks) has nothing to
                    // give; otherwise the values must be there, or a reader would index past an empty
                    // list. Schema 1's utilisation was another quantity and is left out when it is read.
                    let legacy = metric.name == Metric.utilisation.name && schemaVersion == 1
                    if metric.isBounded && !metric.mayBeAbsent && expected > 0 && record.values.count > 0 && !legacy {
                        throw .invalid("per_replication[\(i)].\(metric.name) is missing")
                    }
                    continue
                }
                guard values.count == expected else {
                    throw .invalid("per_replication[\(i)].\(metric.name) has \(values.count) values; expected \(expected), one per name")
                }
            }
        }
    }
}

extension ResultDocument.Names {
    /// How many names index `dimension`.
    public func count(_ dimension: Metric.Dimension) -> Int {
        switch dimension {
        case .community: communities?.count ?? 0
        case .trade: trades.count
        case .waitCause: waitCauses.count
        case .serviceLevel: serviceLevels.count
        case .year: years.count
        case .milestone: milestones?.count ?? 0
        case .risk: risks?.count ?? 0
        }
    }

    /// The names that index `dimension`, as labels write them.
    public func names(_ dimension: Metric.Dimension) -> [String] {
        switch dimension {
        case .community: communities ?? []
        case .trade: trades
        case .waitCause: waitCauses
        case .serviceLevel: serviceLevels
        case .year: years.map(String.init)
        case .milestone: milestones ?? []
        case .risk: risks ?? []
        }
    }
}

/// Why a result document cannot be used.
public enum ResultDocumentError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Written by a newer renosim whose layout this one does not know.
    case newerSchema(found: Int, supported: Int)
    /// Fields that contradict each other or are out of range.
    case invalid(String)

    public var description: String {
        switch self {
        case let .newerSchema(found, supported):
            "schema version \(found) is newer than this renosim reads (up to \(supported)); "
                + "upgrade renosim, or record the baseline again with this version"
        case let .invalid(reason):
            reason
        }
    }
}
