/// A scenario that passed ``ScenarioValidator``, with its programme's
/// communities and buildings (generated ones drawn): the only input a
/// ``CompiledPlan`` is made from. Only the validator makes one, so
/// compiling resolves names to indexes and never meets a broken rule.
///
///     let valid = try ScenarioValidator.validated(scenario)
///     let plan = try CompiledPlan(scenario: valid, plan: "three-year")
///
/// A changed copy (a sensitivity setting, a crew mix) is a new
/// ``Scenario`` and is validated again before it is compiled.
public struct ValidScenario: Sendable {
    public let scenario: Scenario
    /// Listed communities, then generated ones; buildings in community order.
    let communities: [Community]
    let buildings: Buildings

    init(checked scenario: Scenario, communities: [Community], buildings: Buildings) {
        self.scenario = scenario
        self.communities = communities
        self.buildings = buildings
    }

    /// The plan named `name`, or the first plan when nil. A name the
    /// scenario does not have is an issue at `plans`, with the closest name.
    public func plan(named name: String?) throws(ScenarioError) -> PlanSpec {
        let plans = scenario.plans
        // The validator guarantees at least one plan.
        guard let plan = name.map({ name in plans.first { $0.name == name } }) ?? plans.first else {
            let names = plans.map(\.name)
            throw ScenarioError(ScenarioIssue(keyPath: "plans", message: ScenarioChecks.unknown(name ?? "", "a plan", among: names),
                                              expected: "one of the plans: " + names.joined(separator: ", ")))
        }
        return plan
    }
}
