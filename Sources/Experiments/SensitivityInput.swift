import Renovation
import Stochastic

/// One uncertain input of a scenario, with the "low" and "high" settings
/// the tornado runs it at.
///
/// - A work type's `hours` distribution is scaled by quantile(0.1)/mean and
///   quantile(0.9)/mean (``Distribution/scaled(by:)``): every draw shrinks
///   or grows by the same factor, so the low setting's mean is the written
///   distribution's P10 and the high setting's mean its P90.
/// - Probabilities and rates are multiplied by 0.5 and 1.5 and capped to
///   their valid range: failure probabilities and rain probabilities at 1,
///   the rework share at 10, defect rates at 365.
///
///     for input in SensitivityInput.all(in: scenario) {
///         let low = input.setting(.low, of: scenario)
///     }
public struct SensitivityInput: Sendable, Equatable {
    public enum Target: Sendable, Equatable {
        case buildingWorkHours(Int)
        case communityWorkHours(Int)
        /// An entry of `supervisors.failure_probability`.
        case failureProbability(Int)
        case reworkShare
        /// All twelve months at once.
        case rainProbability
        case duringWorksRate
        case afterWorksRate
    }

    public enum Side: Sendable { case low, high }

    /// Where the input is in the scenario file, e.g. `work.building[0].hours`.
    public let keyPath: String
    /// What it is, for a planner: `pipes hours`.
    public let label: String
    public let target: Target
    /// The factors the input is multiplied by (before capping).
    public let lowFactor: Double
    public let highFactor: Double

    public static let probabilityFactors = (low: 0.5, high: 1.5)

    /// Every uncertain input `scenario` has, in file order: work types'
    /// hours (building, then community), inspection failure probabilities,
    /// the rework share, rain probabilities, defect rates.
    public static func all(in scenario: Scenario) -> [SensitivityInput] {
        var inputs: [SensitivityInput] = []
        let (low, high) = probabilityFactors
        for (levelName, specs) in [("building", scenario.work.building), ("community", scenario.work.community)] {
            for (i, spec) in specs.enumerated() {
                let (lowFactor, highFactor) = spreadFactors(spec.hours)
                inputs.append(SensitivityInput(
                    keyPath: "work.\(levelName)[\(i)].hours", label: "\(spec.name) hours",
                    target: levelName == "building" ? .buildingWorkHours(i) : .communityWorkHours(i),
                    lowFactor: lowFactor, highFactor: highFactor))
            }
        }
        if let supervisors = scenario.supervisors {
            for (i, entry) in supervisors.failureProbability.entries.enumerated() {
                inputs.append(SensitivityInput(
                    keyPath: "supervisors.failure_probability.\(entry.key)",
                    label: entry.key == "default" ? "failure probability (default)" : "\(entry.key) failure probability",
                    target: .failureProbability(i), lowFactor: low, highFactor: high))
            }
            inputs.append(SensitivityInput(keyPath: "supervisors.rework_share", label: "rework share",
                                           target: .reworkShare, lowFactor: low, highFactor: high))
        }
        if scenario.weather != nil {
            inputs.append(SensitivityInput(keyPath: "weather.rain_probability", label: "rain probability",
                                           target: .rainProbability, lowFactor: low, highFactor: high))
        }
        if scenario.defects != nil {
            inputs.append(SensitivityInput(keyPath: "defects.during_works_rate", label: "defect rate during works",
                                           target: .duringWorksRate, lowFactor: low, highFactor: high))
            inputs.append(SensitivityInput(keyPath: "defects.after_works_rate", label: "defect rate after works",
                                           target: .afterWorksRate, lowFactor: low, highFactor: high))
        }
        return inputs
    }

    /// quantile(0.1)/mean and quantile(0.9)/mean; (1, 1) when they are not
    /// finite and positive (a distribution with mean 0 has nothing to scale).
    static func spreadFactors(_ d: Distribution) -> (Double, Double) {
        let mean = d.mean
        let low = d.quantile(0.1) / mean, high = d.quantile(0.9) / mean
        guard mean > 0, low.isFinite, high.isFinite, low >= 0, high >= 0 else { return (1, 1) }
        return (low, high)
    }

    /// A value rounded to 6 decimals for reading (0.075, not 0.07500000000000001).
    static func text(_ value: Double) -> String {
        "\((value * 1e6).rounded() / 1e6)"
    }

    /// `scenario` with this input at its low or high setting, and what the
    /// setting is in words (the scaled distribution, or the new value).
    public func setting(_ side: Side, of scenario: Scenario) -> (scenario: Scenario, value: String) {
        let factor = side == .low ? lowFactor : highFactor
        var s = scenario
        func scaled(_ value: Double, cap: Double) -> Double { min(cap, value * factor) }
        switch target {
        case .buildingWorkHours(let i) where s.work.building.indices.contains(i):
            s.work.building[i].hours = s.work.building[i].hours.scaled(by: factor)
            return (s, s.work.building[i].hours.description)
        case .communityWorkHours(let i) where s.work.community.indices.contains(i):
            s.work.community[i].hours = s.work.community[i].hours.scaled(by: factor)
            return (s, s.work.community[i].hours.description)
        case .failureProbability(let i) where s.supervisors?.failureProbability.entries.indices.contains(i) == true:
            let value = scaled(s.supervisors?.failureProbability.entries[i].value ?? 0, cap: 1)
            s.supervisors?.failureProbability.entries[i].value = value
            return (s, Self.text(value))
        case .reworkShare where s.supervisors != nil:
            let value = scaled(s.supervisors?.reworkShare ?? 0, cap: 10)
            s.supervisors?.reworkShare = value
            return (s, Self.text(value))
        case .rainProbability where s.weather != nil:
            let months = (s.weather?.rainProbability ?? []).map { scaled($0, cap: 1) }
            s.weather?.rainProbability = months
            return (s, "×" + Self.text(factor) + " each month, capped at 1")
        case .duringWorksRate where s.defects != nil:
            let value = scaled(s.defects?.duringWorksRate ?? 0, cap: 365)
            s.defects?.duringWorksRate = value
            return (s, Self.text(value))
        case .afterWorksRate where s.defects != nil:
            let value = scaled(s.defects?.afterWorksRate ?? 0, cap: 365)
            s.defects?.afterWorksRate = value
            return (s, Self.text(value))
        default:
            // An input of another scenario: nothing to change here.
            return (s, "unchanged")
        }
    }
}
