/// Checks the meaning of a decoded ``Scenario``: dates in order, numbers in
/// range and finite, names that refer to something, precedence without
/// cycles, enough crews for every work order in every plan. It collects
/// every problem rather than stopping at the first.
///
///     let issues = ScenarioValidator.validate(scenario)
///     // [error: work.building[1].after: precedence cycle: roofing → facade → roofing, …]
///
/// Issues carry key paths only; ``ScenarioLoader`` adds file, line and
/// column. The rules are listed in `docs/scenario-reference.md`.
public enum ScenarioValidator {
    /// Every rule the scenario breaks (empty when it can be simulated).
    public static func validate(_ scenario: Scenario) -> [ScenarioIssue] {
        var checks = ScenarioChecks(scenario)
        checks.checkDates()
        checks.checkCalendar()
        checks.checkWeather()
        checks.checkTrades()
        checks.checkSupervision()
        checks.checkDefects()
        checks.checkBudget()
        checks.checkFunding()
        checks.checkProgramme()
        checks.checkWork()
        checks.checkPlans()
        checks.checkPreparation()
        checks.checkMilestones()
        checks.checkDefectLoad()
        checks.checkRisks()
        return checks.issues
    }

    /// `scenario` as a ``ValidScenario``, its communities and buildings
    /// drawn; or every rule it breaks, by key path (``LoadedScenario/place(_:)``
    /// adds file and line). `change` says what made this scenario from one
    /// that was valid (a sensitivity setting, a crew mix): it leads each
    /// issue's message, so that a planner sees which change broke the rule.
    public static func validated(_ scenario: Scenario, change: String? = nil) throws(ScenarioError) -> ValidScenario {
        do throws(ScenarioError) {
            let issues = validate(scenario)
            guard issues.isEmpty else { throw ScenarioError(issues) }
            let (communities, buildings) = try ScenarioChecks.structure(scenario)
            return ValidScenario(checked: scenario, communities: communities, buildings: buildings)
        } catch {
            guard let change else { throw error }
            throw ScenarioError(error.issues.map { issue in
                var issue = issue
                issue.message = change + ": " + issue.message
                return issue
            })
        }
    }

    /// Settings that are legal but probably not what the planner meant: a
    /// trade no work type uses, a shutdown that stops no trade, a budget
    /// year outside the programme, a release after the deadline.
    public static func warnings(_ scenario: Scenario) -> [ScenarioIssue] {
        var checks = ScenarioChecks(scenario)
        checks.warnAboutTiming()
        checks.warnAboutResources()
        checks.warnAboutWorkAndPlans()
        checks.warnAboutRisks()
        return checks.issues
    }
}
