import PropertyBased

/// A small scenario described by a few numbers, for property-based tests:
/// the generator draws the numbers, the shrinker makes them smaller
/// (fewer trades, work types, communities; no sections), and the seed
/// picks a preparation section, and a failing
/// case prints as the scenario file it stands for.
struct ScenarioShape: CustomStringConvertible, Sendable {
    struct Work: Sendable {
        /// Bits pick trades (at least one); `crews` is clamped to what the trade has.
        var trades: Int
        var crews: Int
        /// Bits pick earlier work types to wait for, so precedence is a DAG.
        var after: Int
        var hours: Int
        var pause: Bool
        var community: Bool
    }

    struct Options: Sendable {
        /// 0 none; 1 a winter for every trade; 2 a longer one for t0 only.
        var shutdown: Int
        /// Percent chance of a rain day stopping t0; 0: no weather section.
        var rainPercent: Int
        /// 0 none; 1 only the first year's money (work may be stranded); 2 ample; 3 tight every year.
        var budget: Int
        /// 0: no supervisors section.
        var supervisors: Int
        var failurePercent: Int
        var defects: Bool
        /// 0 all at once; 1 evenly over two years; 2 a phase per community, three months apart.
        var release: Int
        var dispatch: Int
    }

    var crews: [Int]
    var work: [Work]
    /// Units per building, per community.
    var communities: [[Int]]
    var options: Options
    var seed: Int

    static let dispatchRules = ["fifo", "community", "shortest", "latest_finish"]

    static var generator: Generator<ScenarioShape, some SendableSequenceType> {
        let work = zip(Gen.int(in: 1...15), Gen.int(in: 1...4), Gen.int(in: 0...31), Gen.int(in: 1...8),
                       Gen.bool, Gen.bool(0.3))
            .map { Work(trades: $0, crews: $1, after: $2, hours: $3, pause: $4, community: $5) }
        let options = zip(Gen.int(in: 0...2), Gen.int(in: 0...40), Gen.int(in: 0...3), Gen.int(in: 0...3),
                          Gen.int(in: 0...50), Gen.bool, Gen.int(in: 0...2), Gen.int(in: 0...3))
            .map { Options(shutdown: $0, rainPercent: $1, budget: $2, supervisors: $3, failurePercent: $4,
                           defects: $5, release: $6, dispatch: $7) }
        return zip(Gen.int(in: 1...4).array(of: 1...4), work.array(of: 1...5),
                   Gen.int(in: 6...40).array(of: 1...4).array(of: 1...3), options, Gen.int(in: 0...1000))
            .map { ScenarioShape(crews: $0, work: $1, communities: $2, options: $3, seed: $4) }
    }

    var description: String { "seed \(seed)\n" + yaml }

    var yaml: String {
        let trades = crews.indices.map { "t\($0)" }
        var out = """
        name: shape
        start: 2023-03-01
        deadline: 2026-12-31
        horizon_years: 8
        calendar:
          workdays: [monday, tuesday, wednesday, thursday, friday]
          shift_start: 8
          hours_per_day: 8

        """
        switch options.shutdown {
        case 1: out += "  shutdowns: [{name: winter, from: 12-01, to: 02-28}]\n"
        case 2: out += "  shutdowns: [{name: winter, from: 11-15, to: 03-15, trades: [t0]}]\n"
        default: break
        }
        if options.rainPercent > 0 {
            let p = String(Double(options.rainPercent) / 100)
            out += "weather: {rain_probability: [\(Array(repeating: p, count: 12).joined(separator: ", "))], stops: [t0]}\n"
        }
        out += "trades:\n"
        for (t, name) in trades.enumerated() { out += "  \(name): {crews: \(crews[t]), cost_per_hour: 100}\n" }
        if options.supervisors > 0 {
            out += "supervisors: {count: \(options.supervisors), inspection_hours: {type: triangular, min: 1, mode: 2, max: 4}, "
                + "failure_probability: {default: \(Double(options.failurePercent) / 100)}, rework_share: 0.3}\n"
        }
        if options.defects {
            out += "defects: {during_works_rate: 0.5, after_works_rate: 0.1, after_works_days: 60, team: 1}\n"
        }
        switch options.budget {
        case 1: out += "budget: {per_year: {2023: 200000}}\n"
        case 2: out += "budget: {other_years: 1.0e9}\n"
        case 3: out += "budget: {other_years: 150000}\n"
        default: break
        }
        out += "communities:\n"
        for (c, units) in communities.enumerated() {
            out += "  - {name: c\(c), buildings: [\(units.map { "{units: \($0), floors: 4}" }.joined(separator: ", "))]}\n"
        }
        // Building work first, then community work; each waits only for types listed before it.
        let ordered = work.filter { !$0.community } + work.filter(\.community)
        let names = ordered.indices.map { ordered[$0].community ? "cw\($0)" : "bw\($0)" }
        var sections = (building: "", community: "")
        for (i, w) in ordered.enumerated() {
            var needs = trades.indices.filter { w.trades >> $0 & 1 == 1 }
            if needs.isEmpty { needs = [0] }
            let tradeList = needs.map { "t\($0): \(min(w.crews, crews[$0]))" }.joined(separator: ", ")
            let after = (0..<i).filter { w.after >> $0 & 1 == 1 }.map { names[$0] }
            let line = "    - {name: \(names[i]), trades: {\(tradeList)}, hours: {type: triangular, min: 1, mode: \(w.hours), "
                + "max: \(w.hours * 2)}, per: \(w.community ? "building" : "unit"), shutdown: \(w.pause ? "pause" : "hold")"
                + (after.isEmpty ? "" : ", after: [\(after.joined(separator: ", "))]") + "}\n"
            if w.community { sections.community += line } else { sections.building += line }
        }
        out += "work:\n"
        if !sections.building.isEmpty { out += "  building:\n" + sections.building }
        if !sections.community.isEmpty { out += "  community:\n" + sections.community }
        let release: String
        switch options.release {
        case 1:
            release = "{type: evenly, years: 2}"
        case 2:
            let phases = communities.indices.map { c in
                "{start: 2023-\(c * 3 + 3 < 10 ? "0" : "")\(c * 3 + 3)-01, communities: [c\(c)]}"
            }
            release = "{type: phases, phases: [\(phases.joined(separator: ", "))]}"
        default:
            release = "all"
        }
        // Preparation, picked by the seed: none, rounds that cut the scope, or rounds that defer and optional work.
        if seed % 3 > 0 {
            out += "preparation: {survey: {teams: 1, team_size: 2, minutes_per_household: 20, hours_per_building: 1}, "
                + "consultation: {round_days: {type: triangular, min: 5, mode: 10, max: 20}, consent_probability: 0.5, "
                + "redesign_days: 7, max_rounds: 3, on_limit: \(seed % 3 == 1 ? "cut_scope" : "defer")}, design_days: 20, "
                + "approval_days: 5" + (seed % 3 == 2 ? ", optional_work: {\(names[names.count - 1]): 0.5}" : "") + "}\n"
        }
        out += "plans:\n  - {name: p, release: \(release), dispatch: \(Self.dispatchRules[options.dispatch])}\n"
        return out
    }
}
