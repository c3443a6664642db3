import Renovation
import Stochastic

/// Searches, from a plan, for the release phasing, release order and
/// dispatch (rule and priority list) that best serve one objective
/// (docs/optimise.md).
///
/// 1. **Search** — a genetic algorithm over candidates (Hartmann's
///    one-point crossover of priority and release lists, uniform crossover
///    of phases, swap and move mutations), seeded with the starting plan,
///    the plan under every other dispatch rule with lists from each rule's
///    keys, and biased random samples around them. Every candidate runs on
///    the same replications (common random numbers), so candidates differ
///    only by their plan; a candidate seen before is not simulated again.
/// 2. **Select** — sequential elimination among the best few and the
///    starting plan: rounds of further common replications; a finalist
///    whose paired difference from the current best has a 95 % interval
///    wholly worse is dropped.
/// 3. **Confirm** the winner and the starting plan on fresh replications
///    (numbered from `confirmOffset`), which neither step used.
/// 4. **Grow** (`cost`): a winner short of the target on the fresh
///    replications gets crews as `renosim size` adds them
///    (`CrewCost.growStep`, measured there) and is confirmed again on a
///    further fresh set, at most `growRounds` times.
///
/// Deterministic for a seed: the search draws from its own stream
/// (`StreamPurpose.optimiser`), candidates of a generation are simulated
/// in parallel and their results stored by index, and every comparison
/// breaks ties by the order candidates were made.
public struct PlanOptimiser: Sendable {
    public enum Objective: String, Codable, Sendable, CaseIterable {
        /// Maximise P(deadline met); the mean finish breaks ties.
        case deadline
        /// Minimise the 80th percentile of the finish.
        case p80
        /// Minimise the crew cost per hour subject to P(deadline met) ≥
        /// `target`, searching crews per trade with the rest of the plan.
        case cost
    }

    /// What a `cost` candidate below the target adds to its value, so that
    /// it ranks after every candidate that meets it (crew costs are far below
    /// this), then by its shortfall, then by its cost.
    public static let infeasible = 1e12

    public var objective: Objective
    /// Simulations (replications, every candidate's counted) the whole run may spend.
    public var budget: Int
    /// Replications per candidate during the search.
    public var replications: Int
    /// Fresh replications for each of the winner and the starting plan.
    public var confirmReplications: Int
    public var confirmOffset = 2_000_000
    public var population = 12
    public var finalists = 4
    /// Generations without a better best after which the search restarts around the best.
    public var staleGenerations = 10
    /// Whether the dispatch rule is searched (else only lists and phasing).
    public var searchRules = true
    /// Whether communities may move between release dates (else only their order).
    public var searchPhases = true
    /// P(deadline met) a `cost` candidate must reach.
    public var target = 0.9
    /// Share of the search budget a `cost` search keeps for pruning the best candidate's crews.
    public var pruneShare = 0.25
    /// `cost`: how many times a winner short of the target on fresh
    /// replications is grown and confirmed again on a further fresh set.
    public var growRounds = 2
    /// `cost`: growth steps per round (each simulates every trade's step on the fresh set).
    public var growSteps = 10
    /// Whether a deterministic single project is searched in project mode
    /// (serial scheme, forward-backward improvement, `not_before`), with
    /// `deadline` and `p80` (docs/optimise.md, "Project mode").
    public var projectMode = true

    public init(objective: Objective, budget: Int, replications: Int, confirmReplications: Int) {
        self.objective = objective
        self.budget = budget
        self.replications = replications
        self.confirmReplications = confirmReplications
    }

    /// What a candidate did on some replications.
    public struct Outcome: Codable, Sendable, Equatable {
        public var deadlineMet: [Bool]
        public var finishDays: [Double]

        /// The objective as one number per replication, lower better (for paired comparisons).
        func perReplication(_ objective: Objective) -> [Double] {
            switch objective {
            // A tiny weight on the finish breaks ties in P without outweighing one replication's miss.
            case .deadline: zip(deadlineMet, finishDays).map { ($0 ? 0 : 1) + $1 * 1e-9 }
            case .p80: finishDays
            // Not compared per replication (see `Select`); the deadline's figure.
            case .cost: perReplication(.deadline)
            }
        }

        /// The objective over these replications, lower better (`crewCost` and `target` for `cost`).
        func value(_ objective: Objective, crewCost: Double = 0, target: Double = 0) -> Double {
            switch objective {
            case .deadline:
                let y = perReplication(.deadline)
                return y.reduce(0, +) / Double(max(1, y.count))
            case .p80:
                return Self.quantile(finishDays, 0.8)
            case .cost:
                let p = Double(deadlineMet.filter { $0 }.count) / Double(max(1, deadlineMet.count))
                return p >= target ? crewCost : PlanOptimiser.infeasible * (1 + target - p) + crewCost
            }
        }

        var met: ProportionSummary {
            ProportionSummary(successes: deadlineMet.filter { $0 }.count, trials: deadlineMet.count)
        }

        /// Nearest rank, the same on any platform.
        static func quantile(_ values: [Double], _ p: Double) -> Double {
            guard !values.isEmpty else { return .nan }
            let sorted = values.sorted()
            let rank = Int((p * Double(sorted.count)).rounded(.up))
            return sorted[min(sorted.count - 1, max(0, rank - 1))]
        }

        mutating func append(_ other: Outcome) {
            deadlineMet += other.deadlineMet
            finishDays += other.finishDays
        }
    }

    /// A plan's confirmed figures on fresh replications.
    public struct Figures: Codable, Sendable, Equatable {
        public var deadlineMet: ProportionSummary
        public var meanFinishDays: Double
        public var p80FinishDays: Double
    }

    /// Best value after each generation, for the report.
    public struct Step: Codable, Sendable, Equatable {
        public var generation: Int
        public var simulations: Int
        public var bestValue: Double
        public var startValue: Double
    }

    public struct Result: Codable, Sendable {
        public var plan: String
        public var objective: Objective
        public var seed: UInt64
        public var start: PlanCandidate
        public var best: PlanCandidate
        /// The objective on the search's replications (lower better; for `deadline`, 1 − P).
        public var startSearchValue: Double
        public var bestSearchValue: Double
        public var startConfirmed: Figures?
        public var bestConfirmed: Figures?
        /// Winner less starting plan, P(deadline met), paired over the fresh replications, with its 95 % interval.
        public var deadlineMetGain: ConfidenceInterval?
        public var gainEstimate: Double?
        /// Finish of each fresh replication (days from the start), for the before/after S-curves.
        public var startFinishDays: [Double]
        public var bestFinishDays: [Double]
        public var candidatesSimulated: Int
        public var simulations: Int
        public var generations: Int
        public var finalistsKept: Int
        public var progress: [Step]
        /// `cost`: the trades (the order of a candidate's crews), the target,
        /// and both plans' crew cost per hour.
        public var trades: [String] = []
        public var target: Double?
        public var startCrewCost: Double?
        public var bestCrewCost: Double?
        /// `cost`: the selected winner's crews when it fell short on fresh
        /// replications and was grown (nil when it was not), the number of
        /// fresh sets it was confirmed on, and the simulations growing and
        /// confirming again took (counted in `simulations`, beyond `--budget`).
        public var selectedCrews: [Int]?
        public var selectedCrewCost: Double?
        public var confirmRounds = 0
        public var growthSimulations = 0
        /// Project mode: the serial-scheme passes made (each candidate's
        /// decoding and each forward or backward improvement pass); nil
        /// when the search was not in project mode.
        public var schedulePasses: Int?
    }

    public enum OptimiseError: Error, CustomStringConvertible {
        case scenario(ScenarioError)
        case budget(needed: Int, given: Int)

        public var description: String {
            switch self {
            case .scenario(let error): error.description
            case .budget(let needed, let given):
                "--budget \(given) is too small: the starting plan, one generation and the confirmation need at least \(needed) simulations"
            }
        }
    }
}
