/// Random but valid scenarios of varied shape, for invariant tests: a
/// small seeded generator (SplitMix64) so every run builds the same files.
struct RandomScenario {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func int(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.count))
    }

    mutating func chance(_ p: Double) -> Bool { Double(next() >> 11) / Double(1 << 53) < p }

    /// A scenario as YAML. `weather: false` keeps rain out, so calendars are deterministic.
    mutating func yaml(weather: Bool = true, budget: Bool = true) -> String {
        let tradeCount = int(1...4)
        let trades = (0..<tradeCount).map { "t\($0)" }
        let crews = trades.map { _ in int(1...4) }
        var out = """
        name: random
        start: 2023-0\(int(1...9))-1\(int(0...9))
        deadline: 2026-12-31
        horizon_years: 12
        calendar:
          workdays: [monday, tuesday, wednesday, thursday, friday\(chance(0.5) ? ", saturday" : "")]
          shift_start: \(int(6...9))
          hours_per_day: \(int(6...10))
          holidays: ["2024-10-01..2024-10-07", 2025-01-01]

        """
        if chance(0.7) {
            let affected = trades.filter { _ in chance(0.6) }
            out += "  shutdowns:\n    - {name: winter, from: \"11-\(int(10...28))\", to: \"03-\(int(1...20))\""
            out += affected.isEmpty ? "}\n" : ", trades: [\(affected.joined(separator: ", "))]}\n"
        }
        if weather && chance(0.6) {
            let months = (0..<12).map { _ in String(Double(int(0...40)) / 100) }
            out += "weather:\n  rain_probability: [\(months.joined(separator: ", "))]\n  stops: [\(trades[0])]\n"
        }
        out += "trades:\n"
        for (t, name) in trades.enumerated() { out += "  \(name): {crews: \(crews[t]), cost_per_hour: \(int(50...200))}\n" }
        if chance(0.7) {
            out += """
            supervisors:
              count: \(int(1...3))
              inspection_hours: {type: triangular, min: 1, mode: 2, max: 4}
              failure_probability: {default: 0.\(int(0...3))}
              rework_share: 0.3

            """
        }
        if chance(0.5) {
            out += "defects:\n  during_works_rate: 0.5\n  after_works_rate: 0.1\n  after_works_days: 60\n  team: \(int(1...3))\n"
        }
        if budget && chance(0.3) {
            out += "budget:\n  per_year: {2023: 2.0e6, 2024: 3.0e6}\n  other_years: 5.0e6\n"
        }
        if budget && chance(0.3) {
            out += "funding:\n  advance_cap: \(int(0...3)).0e5\n  tranches:\n"
                + "    - {name: a, amount: 1.0e6, date: 2024-0\(int(1...9))-01, delay_days: {type: uniform, min: 0, max: 90}}\n"
                + "    - {name: b, amount: {type: uniform, min: 5.0e6, max: 2.0e7}, date: 2025-06-01}\n"
        }
        let communityCount = int(1...4)
        out += "communities:\n"
        for c in 0..<communityCount {
            out += "  - name: c\(c)\n    buildings:\n"
            for _ in 0..<int(1...5) { out += "      - {units: \(int(6...40)), floors: \(int(2...8))}\n" }
        }
        let buildingTypes = int(1...4)
        let communityTypes = int(0...2)
        var names: [String] = []
        out += "work:\n  building:\n"
        for k in 0..<buildingTypes {
            out += "    - " + workType("b\(k)", trades: trades, crews: crews, earlier: names, per: "unit")
            names.append("b\(k)")
        }
        if communityTypes > 0 {
            out += "  community:\n"
            for k in 0..<communityTypes {
                out += "    - " + workType("c\(k)", trades: trades, crews: crews, earlier: names, per: "building")
                names.append("c\(k)")
            }
        }
        let rule = ["fifo", "community", "shortest", "latest_finish"][int(0...3)]
        let release = chance(0.5) ? "all" : "{type: evenly, years: \(int(1...3))}"
        out += "plans:\n  - {name: p, release: \(release), dispatch: \(rule)}\n"
        return out
    }

    mutating func workType(_ name: String, trades: [String], crews: [Int], earlier: [String], per: String) -> String {
        var needs: [String] = []
        for (t, trade) in trades.enumerated() where needs.isEmpty || chance(0.25) {
            if chance(0.6) || (needs.isEmpty && t == trades.count - 1) {
                needs.append("\(trade): \(int(1...crews[t]))")
            }
        }
        let after = earlier.filter { _ in chance(0.4) }
        let rule = chance(0.5) ? "hold" : "pause"
        return "{name: \(name), trades: {\(needs.joined(separator: ", "))}, "
            + "hours: {type: triangular, min: 1, mode: 3, max: 8}, per: \(per), shutdown: \(rule)"
            + (after.isEmpty ? "}\n" : ", after: [\(after.joined(separator: ", "))]}\n")
    }
}
