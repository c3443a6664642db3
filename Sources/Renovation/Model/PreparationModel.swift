import DiscreteEvent
import Stochastic

/// A plan's preparation, compiled once: per community its start, survey
/// hours and consent probability; the day durations already scaled by the
/// plan's `duration_factor`. Nil in a scenario without `preparation`.
public struct PreparationModel: Sendable {
    public let surveyTeams: Int
    /// When each community's preparation starts, hours from the programme start.
    public let startHours: [Double]
    /// Working hours of each community's survey for one team.
    public let surveyHours: [Double]
    /// Probability that one consultation round of each community reaches consent.
    public let consentProbability: [Double]
    public let roundDays: Distribution
    public let redesignDays: Distribution
    public let designDays: Distribution
    public let approvalDays: Distribution
    /// Multiplies every duration in days.
    public let durationFactor: Double
    public let maxRounds: Int
    public let onLimit: ConsentLimitChoice
    /// Per work type: the probability that residents add it (1 for a type that is not optional).
    public let addProbability: [Double]
    /// Indexes of the optional work types, in type order.
    public let optionalTypes: [Int]

    init?(_ scenario: Scenario, plan: PlanSpec, communities: [Community], types: [WorkType], start: CivilDate) {
        guard let spec = scenario.preparation else { return nil }
        let settings = plan.preparation
        surveyTeams = settings?.surveyTeams ?? spec.survey.teams
        let planStart = settings?.start ?? start
        var phaseStart: [String: CivilDate] = [:]
        if case .phases(let phases) = plan.release {
            for phase in phases {
                for name in phase.communities { phaseStart[name] = phase.preparationStart ?? planStart }
            }
        }
        startHours = communities.map { Double(max(0, (phaseStart[$0.name] ?? planStart).dayNumber - start.dayNumber)) * hoursPerCalendarDay }
        let survey = spec.survey
        surveyHours = communities.map {
            (Double($0.households) * survey.minutesPerHousehold / 60 + Double($0.buildings.count) * survey.hoursPerBuilding)
                / Double(max(1, survey.teamSize))
        }
        let consultation = spec.consultation
        consentProbability = communities.map {
            min(1, max(0, consultation.consentProbability + consultation.consentPer100Households * Double($0.households) / 100))
        }
        roundDays = consultation.roundDays
        redesignDays = consultation.redesignDays
        designDays = spec.designDays
        approvalDays = spec.approvalDays
        durationFactor = settings?.durationFactor ?? 1
        maxRounds = consultation.maxRounds
        onLimit = settings?.onLimit ?? consultation.onLimit
        addProbability = types.map { spec.optionalWork[$0.name] ?? 1 }
        optionalTypes = types.indices.filter { spec.optionalWork[types[$0].name] != nil }
    }
}

/// A milestone resolved for one plan: the communities that must be finished by the end of its day.
public struct Milestone: Sendable, Equatable {
    public let name: String
    public let date: CivilDate
    public let communities: [Int]
    /// End of the milestone's day, hours from the programme start.
    public let deadlineHours: Double

    static func compile(_ scenario: Scenario, plan: PlanSpec, communities: [Community], start: CivilDate) -> [Milestone] {
        let index = CompiledPlan.indexes(communities.map(\.name))
        return (scenario.milestones ?? []).map { spec in
            var names = spec.community.map { [$0] } ?? spec.communities ?? []
            if let phase = spec.phase, case .phases(let phases) = plan.release, phases.indices.contains(phase - 1) {
                names = phases[phase - 1].communities
            }
            return Milestone(name: spec.name, date: spec.date, communities: names.compactMap { index[$0] },
                             deadlineHours: Double(spec.date.dayNumber - start.dayNumber + 1) * hoursPerCalendarDay)
        }
    }

    /// Whether every community finished by the milestone's end (`finishDays` from a replication's result; NaN is never).
    public func met(communityFinishDays finishDays: [Double]) -> Bool {
        communities.allSatisfy { finishDays[$0] * hoursPerCalendarDay <= deadlineHours }
    }
}
