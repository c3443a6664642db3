import DiscreteEvent
import Stochastic

/// The state of one validation pass: the scenario, lookup tables built once,
/// and the issues found so far. The rules live in extensions, one per
/// section of the scenario.
struct ScenarioChecks {
    let scenario: Scenario
    private(set) var issues: [ScenarioIssue] = []
    let tradeNames: Set<String>

    /// Upper bounds that catch typos (an extra zero or three) long before
    /// they exhaust memory or time.
    static let maximumCrews = 100_000
    static let maximumBuildings = 5_000_000
    /// Hours, minutes or days of any duration distribution (a million hours is 114 years).
    static let maximumDuration = 1_000_000.0
    static let maximumYears = 100

    init(_ scenario: Scenario) {
        self.scenario = scenario
        tradeNames = Set(scenario.trades.keys)
    }

    // MARK: - Reporting

    mutating func error(_ path: ScenarioKeyPath, _ message: String, expected: String? = nil) {
        issues.append(ScenarioIssue(.error, keyPath: path.description, message: message, expected: expected))
    }

    mutating func warn(_ path: ScenarioKeyPath, _ message: String, expected: String? = nil) {
        issues.append(ScenarioIssue(.warning, keyPath: path.description, message: message, expected: expected))
    }

    // MARK: - Numbers

    enum Bound {
        case closed(Double)
        case open(Double)

        var value: Double {
            switch self {
            case .closed(let v), .open(let v): v
            }
        }
    }

    /// Reports `value` at `path` unless it is finite and within the bounds.
    /// `what` names the quantity for the message: "a whole number of crews"
    /// gives "expected a whole number of crews ≥ 0".
    mutating func require(_ value: Double, _ path: ScenarioKeyPath, _ what: String, from lower: Bound? = nil, to upper: Bound? = nil) {
        func text(_ bound: Bound, isLower: Bool) -> String {
            switch bound {
            case .closed(let v): (isLower ? "≥ " : "≤ ") + v.scenarioText
            case .open(let v): (isLower ? "> " : "< ") + v.scenarioText
            }
        }
        let shown = value.scenarioText
        guard value.isFinite else {
            let range = [lower.map { text($0, isLower: true) }, upper.map { text($0, isLower: false) }].compactMap { $0 }
            error(path, "\(shown) is not a finite number",
                  expected: range.isEmpty ? "a finite number" : "\(what) " + range.joined(separator: " and "))
            return
        }
        if let lower {
            let below = switch lower {
            case .closed(let v): value < v
            case .open(let v): value <= v
            }
            if below {
                let problem = value < 0 && lower.value >= 0 ? "is negative"
                    : value == lower.value ? "is not above \(lower.value.scenarioText)"
                    : "is below \(lower.value.scenarioText)"
                error(path, "\(shown) \(problem)", expected: "\(what) \(text(lower, isLower: true))")
                return
            }
        }
        if let upper {
            let above = switch upper {
            case .closed(let v): value > v
            case .open(let v): value >= v
            }
            if above {
                let problem = value == upper.value ? "is not below \(upper.value.scenarioText)"
                    : "is above \(upper.value.scenarioText)"
                error(path, "\(shown) \(problem)", expected: "\(what) \(text(upper, isLower: false))")
            }
        }
    }

    mutating func require(_ value: Int, _ path: ScenarioKeyPath, _ what: String, from lower: Int? = nil, to upper: Int? = nil) {
        require(Double(value), path, what, from: lower.map { .closed(Double($0)) }, to: upper.map { .closed(Double($0)) })
    }

    mutating func requireProbability(_ value: Double, _ path: ScenarioKeyPath, _ what: String = "a probability") {
        require(value, path, what, from: .closed(0), to: .closed(1))
    }

    /// A duration, size or count drawn from `distribution`: never negative,
    /// with a finite mean.
    mutating func requireNonNegative(_ distribution: Distribution, _ path: ScenarioKeyPath, _ what: String,
                                     maximum: Double = Self.maximumDuration) {
        // First, and without quantiles: GSL's inverse beta CDF (PERT) all but
        // hangs on a max of 1e308, and no duration here needs a million units.
        let spread = distribution.variance.squareRoot()
        if distribution.mean > maximum || spread > maximum {
            error(path, "\(distribution) is implausibly large (mean \(distribution.mean.scenarioText), "
                      + "standard deviation \(spread.scenarioText))",
                  expected: "\(what) with a mean and standard deviation of at most \(maximum.scenarioText)")
            return
        }
        let lowest = distribution.quantile(0)
        if lowest < 0 {
            error(path, "\(distribution) can draw negative values (as low as \(lowest.scenarioText))",
                  expected: "\(what) that are never negative")
        } else if !distribution.mean.isFinite {
            error(path, "\(distribution) has no finite mean", expected: "\(what) with a finite mean")
        }
    }

    // MARK: - Names

    /// Reports `name` at `path` unless it is a trade; suggests the closest one.
    mutating func requireTrade(_ name: String, _ path: ScenarioKeyPath) {
        guard !tradeNames.contains(name) else { return }
        error(path, Self.unknown(name, "a trade", among: scenario.trades.keys),
              expected: "one of the trades: " + scenario.trades.keys.joined(separator: ", "))
    }

    /// "'roofng' is not a trade — did you mean 'roofing'?": the one wording
    /// for a name that refers to nothing (`what` with its article).
    static func unknown(_ name: String, _ what: String, among names: [String]) -> String {
        var message = "'\(name)' is not \(what)"
        if let near = closest(to: name, in: names) { message += " — did you mean '\(near)'?" }
        return message
    }

    /// Reports each name after its first occurrence.
    mutating func requireUnique(_ names: [String], _ path: (Int) -> ScenarioKeyPath, _ what: String) {
        var first: [String: Int] = [:]
        for (i, name) in names.enumerated() {
            if let earlier = first[name] {
                error(path(i), "\(what) '\(name)' is used twice (also at \(path(earlier)))", expected: "unique \(what)s")
            } else {
                first[name] = i
            }
        }
    }

    /// "1 crew", "3 crews".
    static func count(_ n: Int, _ singular: String, _ plural: String? = nil) -> String {
        "\(n) " + (n == 1 ? singular : plural ?? singular + "s")
    }

    mutating func requireName(_ name: String, _ path: ScenarioKeyPath, _ what: String) {
        if name.trimmed.isEmpty { error(path, "the \(what) is empty", expected: "a non-empty \(what)") }
    }
}

extension Double {
    /// The number as a planner would write it: `30`, not `30.0`; `nan`, `inf`.
    var scenarioText: String {
        if isNaN { return "nan" }
        if isInfinite { return self < 0 ? "-inf" : "inf" }
        if self == rounded(), abs(self) < 1e15 { return String(Int64(self)) }
        return String(self)
    }
}
