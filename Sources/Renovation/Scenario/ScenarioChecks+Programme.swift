import Stochastic

/// Communities and buildings, given explicitly or generated.
extension ScenarioChecks {
    static let maximumUnitsPerBuilding = 100_000
    static let maximumFloors = 300
    static let maximumBuildingsPerCommunity = 10_000
    static let maximumGeneratedCommunities = 1_000_000
    static let maximumWorkOrders = 50_000_000
    static let maximumBuildingWorkTypes = 500

    mutating func checkProgramme() {
        let communities = scenario.communities ?? []
        let generators = scenario.generate ?? []
        if communities.isEmpty && generators.isEmpty {
            error(ScenarioKeyPath() + "communities", "an empty programme: no communities and nothing generated",
                  expected: "at least one community with at least one building (`communities:` or `generate:`)")
        }
        var explicitBuildings = 0
        for (i, community) in communities.enumerated() {
            explicitBuildings += checkCommunity(community, ScenarioKeyPath() + "communities" + i)
        }
        requireUnique(communities.map(\.name), { ScenarioKeyPath() + "communities" + $0 + "name" }, "community name")

        var generatedBuildings = 0.0
        for (j, generator) in generators.enumerated() {
            generatedBuildings += checkGenerator(generator, ScenarioKeyPath() + "generate" + j)
        }
        checkGeneratedNames()

        let total = Double(explicitBuildings) + generatedBuildings
        if total > Double(Self.maximumBuildings) {
            let gibText = Self.memoryEstimate(buildings: total, buildingWorkTypes: scenario.work.building.count)
            error(ScenarioKeyPath() + (generators.isEmpty ? "communities" : "generate"),
                  "the programme has about \(total.rounded().scenarioText) buildings (\(explicitBuildings) listed, about "
                      + "\(generatedBuildings.rounded().scenarioText) generated), which needs roughly \(gibText) GiB of memory per replication",
                  expected: "at most \(Self.maximumBuildings) buildings")
        } else {
            // Within the building limit, many work types can still make more orders than fit (or than Int32 counts).
            let communityCount = Double(communities.count)
                + generators.reduce(0.0) { $0 + Double(max(0, min($1.count, Self.maximumGeneratedCommunities))) }
            let orders = total * Double(scenario.work.building.count) + communityCount * Double(scenario.work.community.count)
            if orders > Double(Self.maximumWorkOrders) {
                let gibText = Self.memoryEstimate(buildings: orders, buildingWorkTypes: 0)
                error(ScenarioKeyPath() + "work",
                      "the programme has about \(orders.rounded().scenarioText) work orders (about \(total.rounded().scenarioText) "
                          + "buildings × \(scenario.work.building.count) building work types, "
                          + "\(communityCount.rounded().scenarioText) communities × \(scenario.work.community.count) "
                          + "community work types), which needs roughly \(gibText) GiB of memory per replication",
                      expected: "at most \(Self.maximumWorkOrders) work orders")
            }
        }
    }

    /// GiB per replication for `buildings`, as text: a rough cost of
    /// indices and sizes per building plus state per work order.
    static func memoryEstimate(buildings: Double, buildingWorkTypes: Int) -> String {
        let gib = buildings * (64.0 + 64.0 * Double(buildingWorkTypes)) / Double(1 << 30)
        return gib < 10 ? String(Double(Int(gib * 10)) / 10) : gib < 1e15 ? String(Int(gib)) : "\(gib)"
    }

    /// Checks one community and returns its number of buildings.
    private mutating func checkCommunity(_ community: CommunitySpec, _ path: ScenarioKeyPath) -> Int {
        requireName(community.name, path + "name", "community name")
        let label = "community '\(community.name)'"
        switch (community.buildings, community.buildingCount, community.building) {
        case let (buildings?, count, building) where count != nil || building != nil:
            error(path, "\(label) gives both `buildings` and `building_count`/`building`",
                  expected: "either a `buildings` list or `building_count` with `building`, not both")
            return buildings.count
        case let (buildings?, _, _):
            if buildings.isEmpty {
                error(path + "buildings", "\(label) has an empty `buildings` list", expected: "at least one building")
            }
            for (i, building) in buildings.enumerated() {
                checkBuilding(building, path + "buildings" + i)
            }
            return buildings.count
        case let (nil, count?, building?):
            require(count, path + "building_count", "a whole number of buildings", from: 1,
                    to: Self.maximumBuildingsPerCommunity)
            checkBuilding(building, path + "building")
            return max(0, min(count, Self.maximumBuildingsPerCommunity))
        case (nil, _?, nil):
            error(path, "\(label) has `building_count` but no `building`",
                  expected: "`building: {units: …, floors: …}` describing each of its buildings")
            return 0
        case (nil, nil, _?):
            error(path, "\(label) has `building` but no `building_count`", expected: "`building_count: N`")
            return 0
        case (nil, nil, nil):
            error(path, "\(label) has no buildings",
                  expected: "a `buildings` list or `building_count` with `building`")
            return 0
        }
    }

    private mutating func checkBuilding(_ building: BuildingSpec, _ path: ScenarioKeyPath) {
        require(building.units, path + "units", "a whole number of housing units", from: 1, to: Self.maximumUnitsPerBuilding)
        if let households = building.households {
            require(households, path + "households", "a whole number of households", from: 0, to: max(0, building.units))
        }
        require(building.floors, path + "floors", "a whole number of floors", from: 1, to: Self.maximumFloors)
    }

    /// Checks one generator and returns the number of buildings it is expected to make.
    private mutating func checkGenerator(_ generator: CommunityGenerator, _ path: ScenarioKeyPath) -> Double {
        require(generator.count, path + "count", "a whole number of communities", from: 1,
                to: Self.maximumGeneratedCommunities)
        let sizes: [(String, Distribution, String, Int)] = [
            ("buildings", generator.buildings, "buildings per community", Self.maximumBuildingsPerCommunity),
            ("units", generator.units, "housing units per building", Self.maximumUnitsPerBuilding),
            ("floors", generator.floors, "floors per building", Self.maximumFloors),
        ]
        for (key, distribution, what, limit) in sizes {
            requireNonNegative(distribution, path + key, what)
            if distribution.mean > Double(limit) {
                error(path + key, "the mean, \(distribution.mean.scenarioText), is implausibly large",
                      expected: "a mean of at most \(limit) \(what)")
            }
        }
        requireProbability(generator.occupancy, path + "occupancy", "a share of occupied units")
        for (i, district) in generator.districts.enumerated() {
            requireName(district, path + "districts" + i, "district name")
        }
        let mean = generator.buildings.mean
        let count = Double(max(0, min(generator.count, Self.maximumGeneratedCommunities)))
        // A mean beyond the limit is reported above; the estimate counts it at the limit.
        return mean.isFinite ? count * min(Double(Self.maximumBuildingsPerCommunity), max(1, mean)) : 0
    }

    /// Generated names must not collide with listed ones, nor with another generator's.
    private mutating func checkGeneratedNames() {
        let generators = scenario.generate ?? []
        for (i, community) in (scenario.communities ?? []).enumerated() {
            for (j, generator) in generators.enumerated() where generator.index(ofName: community.name) != nil {
                error(ScenarioKeyPath() + "communities" + i + "name",
                      "community name '\(community.name)' is also made by generate[\(j)] (name_prefix '\(generator.namePrefix)')",
                      expected: "unique community names")
            }
        }
        for (j, a) in generators.enumerated() {
            for (k, b) in generators.enumerated() where j < k {
                if let clash = Self.sharedName(a, b) {
                    error(ScenarioKeyPath() + "generate" + k + "name_prefix",
                          "generate[\(j)] and generate[\(k)] both make a community named '\(clash)'",
                          expected: "name prefixes that cannot produce the same name")
                }
            }
        }
    }

    /// A name both generators produce, if any: one prefix extends the
    /// other by digits that, followed by a number, give a number the shorter one reaches.
    static func sharedName(_ a: CommunityGenerator, _ b: CommunityGenerator) -> String? {
        let (short, long) = a.namePrefix.count <= b.namePrefix.count ? (a, b) : (b, a)
        guard short.count >= 1, long.count >= 1, long.namePrefix.hasPrefix(short.namePrefix) else { return nil }
        let candidate = long.communityName(0)
        return short.index(ofName: candidate) != nil ? candidate : nil
    }
}
