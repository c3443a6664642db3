import Stochastic

/// The programme's communities and buildings, made once a scenario passes
/// every other rule: generated ones are drawn here, because whether a
/// generator stays within the building limit is known only from its draws.
extension ScenarioChecks {
    /// Listed communities, then generated ones.
    static func structure(_ scenario: Scenario) throws(ScenarioError) -> ([Community], Buildings) {
        var communities: [Community] = []
        var buildings = Buildings()
        // Validated: a work type scales by a quantity only when every building comes from the inventory.
        let quantityCount = scenario.inventory?.table?.quantityNames.count ?? 0
        buildings.quantities = Array(repeating: [], count: quantityCount)
        func add(name: String, district: String, specs: [(name: String?, units: Int, households: Int, floors: Int)],
                 quantities: [[Double]] = []) {
            let first = buildings.count
            var units = 0, households = 0, floors = 0
            var sums = [Double](repeating: 0, count: quantityCount)
            for (b, spec) in specs.enumerated() {
                buildings.append(community: communities.count, units: spec.units, households: spec.households,
                                 floors: spec.floors, name: spec.name)
                let values = b < quantities.count ? quantities[b] : []
                let padded = (0..<quantityCount).map { $0 < values.count ? values[$0] : 0 }
                buildings.append(quantities: padded)
                for q in 0..<quantityCount { sums[q] += padded[q] }
                units += spec.units
                households += spec.households
                floors += spec.floors
            }
            communities.append(Community(name: name, district: district, buildings: first..<buildings.count,
                                         units: units, households: households, floors: floors, quantities: sums))
        }
        for community in scenario.communities ?? [] {
            // Validated: a `buildings` list, or `building_count` (in range) with `building`.
            var specs: [(name: String?, units: Int, households: Int, floors: Int)] = []
            if let list = community.buildings {
                specs = list.map { ($0.name, $0.units, $0.households ?? $0.units, $0.floors) }
            } else if let count = community.buildingCount, let template = community.building {
                specs = (0..<max(0, count)).map { _ in
                    (nil, template.units, template.households ?? template.units, template.floors)
                }
            }
            add(name: community.name, district: community.district ?? "", specs: specs,
                quantities: community.buildings?.map(\.quantities) ?? [])
        }
        for (g, generator) in (scenario.generate ?? []).enumerated() {
            let stream = RandomStream(key: StreamKey(seed: generator.seed, replication: 0, entity: UInt64(g),
                                                     purpose: StreamPurpose.structure))
            // Clamped to the validator's limits, so that an extreme draw from a
            // long tail can neither trap the conversion nor make a giant building.
            func whole(_ d: Distribution, atMost limit: Int) -> Int {
                let x = d.sample(stream)
                return x.isFinite ? Int(min(Double(limit), max(1, x.rounded()))) : 1
            }
            for i in 0..<generator.count {
                let n = whole(generator.buildings, atMost: maximumBuildingsPerCommunity)
                // The validator bounds the mean; a long tail can still draw far more than it promised.
                guard buildings.count + n <= maximumBuildings else {
                    let gib = memoryEstimate(buildings: Double(buildings.count + n) * Double(generator.count) / Double(i + 1),
                                             buildingWorkTypes: scenario.work.building.count)
                    let path = ScenarioKeyPath() + "generate" + g + "buildings"
                    throw ScenarioError(ScenarioIssue(
                        keyPath: path.description,
                        message: "the draws make more than \(maximumBuildings) buildings by community \(i + 1) of "
                            + "\(generator.count) (at that pace about \(gib) GiB of memory per replication)",
                        expected: "a distribution whose draws stay near its mean"))
                }
                let specs = (0..<n).map { _ -> (name: String?, units: Int, households: Int, floors: Int) in
                    let units = whole(generator.units, atMost: maximumUnitsPerBuilding)
                    let households = min(units, max(0, Int((Double(units) * generator.occupancy).rounded())))
                    return (nil, units, households, whole(generator.floors, atMost: maximumFloors))
                }
                let district = generator.districts.isEmpty ? "" : generator.districts[i % generator.districts.count]
                add(name: "\(generator.namePrefix)\(i + 1)", district: district, specs: specs)
            }
        }
        return (communities, buildings)
    }
}
