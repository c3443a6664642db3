import Foundation
import Testing
@testable import Renovation

/// Inventories from a CSV table: header mapping (Chinese headers), quantity
/// scaling of hours and material cost, encodings, and located errors.
@Suite("Inventory tables")
struct InventoryTests {
    typealias F = ScenarioFixtures

    /// A scratch folder with the scenario and its table; removed by the caller's `defer`.
    struct Folder {
        let url: URL
        init() throws {
            url = FileManager.default.temporaryDirectory.appendingPathComponent("inventory-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        }
        func write(_ name: String, _ bytes: [UInt8]) throws -> String {
            let path = url.appendingPathComponent(name).path
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            return path
        }
        func remove() { try? FileManager.default.removeItem(at: url) }
    }

    /// The minimal scenario with its communities replaced by `inventory`,
    /// roof work by square metre of roof and roads by square metre of road.
    static func scenario(inventory: String) throws -> String {
        let base = try F.text("Tests/Fixtures/minimal.yaml")
        let start = try #require(base.range(of: "communities:\n"))
        let end = try #require(base.range(of: "work:\n"))
        var yaml = base.replacingCharacters(in: start.lowerBound..<end.lowerBound, with: inventory)
        yaml = yaml.replacingOccurrences(of: "      hours: {type: triangular, min: 24, mode: 32, max: 48}\n",
                                         with: "      hours: {type: constant, value: 0.05}\n      per: roof_m2\n      material_cost: 120\n")
        yaml = yaml.replacingOccurrences(of: "      hours: {type: pert, min: 8, mode: 12, max: 20}\n      per: building\n",
                                         with: "      hours: {type: constant, value: 0.1}\n      per: road_m2\n")
        return yaml
    }

    static let chinese = """
        inventory:
          file: table.csv
          columns: {community: 小区, district: 区, building: 楼栋, units: 户数, floors: 层数, roof_m2: 屋面面积, road_m2: 道路面积}

        """

    static let table = """
        区,小区,楼栋,户数,层数,屋面面积,道路面积,备注
        东区,east,1号楼,24,6,400,120,assumption
        东区,east,2号楼,30,5,500,,"roof, walls"
        西区,west,1号楼,36,6,650.5,80,
        东区,east,3号楼,12,3,,40,

        """

    func load(_ yaml: String, _ csv: [UInt8], name: String = "table.csv") throws -> LoadedScenario {
        let folder = try Folder()
        defer { folder.remove() }
        _ = try folder.write(name, csv)
        let path = try folder.write("s.yaml", Array(yaml.utf8))
        return try ScenarioLoader.load(path: path)
    }

    /// The error from loading, with the folder's path cut off so that messages compare exactly.
    func error(_ yaml: String, _ csv: [UInt8]) throws -> String {
        let folder = try Folder()
        defer { folder.remove() }
        _ = try folder.write("table.csv", csv)
        let path = try folder.write("s.yaml", Array(yaml.utf8))
        do {
            _ = try ScenarioLoader.load(path: path)
            Issue.record("expected the scenario to be rejected")
            return ""
        } catch {
            return error.description.replacingOccurrences(of: folder.url.path + "/", with: "")
        }
    }

    @Test("Chinese headers map to fields and quantities; rows group into communities in order of first appearance")
    func mapping() throws {
        let loaded = try load(Self.scenario(inventory: Self.chinese), Array(Self.table.utf8))
        let plan = try loaded.compile(plan: nil)
        #expect(plan.communities.map(\.name) == ["east", "west"])
        #expect(plan.communities.map(\.district) == ["东区", "西区"])
        #expect(plan.communities.map(\.units) == [66, 36])
        #expect(plan.buildings.floors == [6, 5, 3, 6])
        #expect(plan.buildings.households == plan.buildings.units)   // no households column: every unit occupied
        #expect(plan.buildings.names == ["1号楼", "2号楼", "3号楼", "1号楼"])
        // Quantities in the order the work types name them; an empty cell is none.
        #expect(plan.buildings.quantities == [[400, 500, 0, 650.5], [120, 0, 40, 80]])
        #expect(plan.communities.map(\.quantities) == [[900, 160], [650.5, 80]])
    }

    @Test("per: a quantity column scales hours and material cost by the building's (or community's) quantity")
    func scaling() throws {
        let loaded = try load(Self.scenario(inventory: Self.chinese), Array(Self.table.utf8))
        let plan = try loaded.compile(plan: nil)
        let roof = try #require(plan.types.firstIndex { $0.name == "roof" })
        let roads = try #require(plan.types.firstIndex { $0.name == "roads" })
        #expect(plan.types[roof].per == .quantity && plan.types[roof].materialCost == 120)
        // Building orders are building × type; community orders follow.
        for b in 0..<plan.buildings.count {
            let order = b * plan.buildingTypeCount + plan.types[roof].localIndex
            #expect(plan.scale(of: order) == plan.buildings.quantities[0][b])
        }
        let westRoads = plan.firstCommunityOrder + 1 * plan.communityTypeCount + plan.types[roads].localIndex
        #expect(plan.scale(of: westRoads) == 80)
        // A run's material cost is the quantity × the price: 120 RMB per m² of 1,550.5 m² of roof
        // (the same draws without the price, common random numbers, cost exactly that much less).
        let free = try load(Self.scenario(inventory: Self.chinese).replacingOccurrences(of: "material_cost: 120", with: "material_cost: 0"),
                            Array(Self.table.utf8)).compile(plan: nil)
        let priced = Replication.run(plan: plan, seed: 1, replication: 0)
        let unpriced = Replication.run(plan: free, seed: 1, replication: 0)
        #expect(priced.unfinishedOrders == 0)
        #expect(abs(priced.totalCost - unpriced.totalCost - 120 * 1550.5) < 1e-6)
    }

    @Test("UTF-8 with and without a byte-order mark, and GB18030 with and without one, read the same")
    func encodings() throws {
        let yaml = try Self.scenario(inventory: Self.chinese)
        let utf8 = Array(Self.table.utf8)
        let gb = try #require(Self.table.data(using: InventoryReader.gb18030).map { [UInt8]($0) })
        #expect(gb != utf8)
        let variants = [utf8, [0xEF, 0xBB, 0xBF] + utf8, gb, [0x84, 0x31, 0x95, 0x33] + gb]
        let reference = try load(yaml, utf8).compile(plan: nil)
        for bytes in variants {
            let plan = try load(yaml, bytes).compile(plan: nil)
            #expect(plan.communities.map(\.name) == reference.communities.map(\.name))
            #expect(plan.communities.map(\.district) == ["东区", "西区"])
            #expect(plan.buildings.quantities == reference.buildings.quantities)
        }
        // Said outright, UTF-8 refuses GB18030 bytes at the first one that is not UTF-8.
        let forced = yaml.replacingOccurrences(of: "  file: table.csv\n", with: "  file: table.csv\n  encoding: utf-8\n")
        #expect(try error(forced, gb).hasPrefix("table.csv:1:1: error: invalid UTF-8 near byte offset 0"))
    }

    @Test("English headers need no mapping; a header named like a field is that field")
    func defaults() throws {
        let csv = "community,district,building,units,households,floors,roof_m2,road_m2\neast,d,b1,10,8,4,100,50\nwest,d,b1,5,5,2,10,5\n"
        let plan = try load(Self.scenario(inventory: "inventory: {file: table.csv}\n"), Array(csv.utf8)).compile(plan: nil)
        #expect(plan.communities.map(\.name) == ["east", "west"])
        #expect(plan.buildings.households == [8, 5])
        #expect(plan.buildings.quantities == [[100, 10], [50, 5]])
    }

    @Test("every bad cell is reported at once, at its line and column, naming the column")
    func errors() throws {
        let csv = """
            区,小区,楼栋,户数,层数,屋面面积,道路面积
            东区,east,1号楼,abc,6,400,120
            东区,east,1号楼,30,0,-3,1x
            西区,east,2号楼,30,5,1,1,extra
            东区,"multi
            line",1,20,6,1,1
            东区,,1,20,6,1,1

            """
        let text = try error(Self.scenario(inventory: Self.chinese), Array(csv.utf8))
        #expect(text == """
            table.csv:2:4: error: column 'units' (户数): 'abc' is not a whole number (cell D2); expected a whole number of housing units from 1 to 100000, in digits
            table.csv:3:5: error: column 'floors' (层数): 0 is below 1 (cell E3); expected a whole number of floors from 1 to 300
            table.csv:3:6: error: column 'roof_m2' (屋面面积): -3 is negative (cell F3); expected a quantity ≥ 0 in digits (no units or thousands separators), or an empty cell for none
            table.csv:3:7: error: column 'road_m2' (道路面积): '1x' is not a number (cell G3); expected a quantity ≥ 0 in digits (no units or thousands separators), or an empty cell for none
            table.csv:3:3: error: column 'building' (楼栋): building '1号楼' of community 'east' is listed twice (cell C3); expected each building once
            table.csv:4:8: error: the row has 8 fields but the header has 7 (cell H4); expected one field per header (a comma inside a value needs the value in double quotes)
            table.csv:7:2: error: column 'community' (小区): the community is empty (cell B6); expected the name of the building's community
            """)
    }

    @Test("a district that changes within a community, and a community the YAML also lists, are errors")
    func consistency() throws {
        let csv = "community,district,units,roof_m2,road_m2\nA,d1,10,1,1\nA,d2,10,1,1\n"
        let text = try error(Self.scenario(inventory: "inventory: {file: table.csv}\n"), Array(csv.utf8))
        #expect(text == "table.csv:3:2: error: column 'district': community 'A' is in district 'd1' on line 2 but 'd2' here (cell B3); expected one district per community")
        let listed = try Self.scenario(inventory: "inventory: {file: table.csv}\ncommunities:\n  - {name: A, building_count: 1, building: {units: 5}}\n")
        let clash = try error(listed, Array("community,units,roof_m2,road_m2\nA,10,1,1\n".utf8))
        #expect(clash == "table.csv:2:1: error: column 'community': community 'A' is also listed under `communities:` in the scenario (cell A2); expected each community either in the scenario or in the inventory")
    }

    @Test("a mapped header the table lacks, or no column for a required field, is reported at the header row")
    func headerErrors() throws {
        let yaml = try Self.scenario(inventory: Self.chinese.replacingOccurrences(of: "units: 户数", with: "units: 户 数"))
        let text = try error(yaml, Array(Self.table.utf8))
        #expect(text.hasPrefix("table.csv:1:1: error: column 'units' (户 数): the table has no header '户 数' (inventory.columns.units) — did you mean '户数'?; expected one of its headers: 区, 小区, 楼栋, 户数, 层数, 屋面面积, 道路面积, 备注"))
        let noUnits = try error(Self.scenario(inventory: "inventory: {file: table.csv}\n"), Array("community,roof_m2,road_m2\nA,1,1\n".utf8))
        #expect(noUnits.hasPrefix("table.csv:1:1: error: column 'units': the table has no column for units; expected a header 'units', or `units: <header>` under inventory.columns"))
    }

    @Test("per: a name that is no quantity column is a located YAML error with the closest name")
    func unknownQuantity() throws {
        let yaml = try Self.scenario(inventory: Self.chinese).replacingOccurrences(of: "per: roof_m2", with: "per: roof_m")
        let text = try error(yaml, Array(Self.table.utf8))
        let line = try #require(F.line(of: "per: roof_m", in: yaml))
        #expect(text.contains("s.yaml:\(line):7: error: work.building[0].per: 'roof_m' is not a scale unit or a quantity column of table.csv — did you mean 'roof_m2'?"))
        // Without an inventory, a typo of a scale unit still suggests the unit.
        let typo = try F.minimal(replacing: "per: unit", with: "per: flor")
        #expect(F.error(typo)?.description == "x.yaml:31:7: error: work.building[1].per: 'flor' is not a scale unit — did you mean 'floor'?; "
            + "expected one of fixed, building, unit, household, floor, or a quantity column of an `inventory:` table")
    }

    @Test("scaling by a quantity while the YAML also lists communities (which have none) is an error")
    func mixing() throws {
        let yaml = try Self.scenario(inventory: Self.chinese + "communities:\n  - {name: north, building_count: 1, building: {units: 5}}\n")
        let text = try error(yaml, Array(Self.table.utf8))
        #expect(text.contains("error: work.building[0].per: work type 'roof' scales by 'roof_m2', which only the inventory's buildings have, but the scenario also lists 1 community itself"))
    }

    @Test("the scenario's hash covers the table: a changed table is a changed scenario")
    func hash() throws {
        let yaml = try Self.scenario(inventory: Self.chinese)
        let a = try load(yaml, Array(Self.table.utf8))
        let b = try load(yaml, Array(Self.table.replacingOccurrences(of: "650.5", with: "651").utf8))
        #expect(a.sha256 != b.sha256)
        #expect(a.sha256 == (try load(yaml, Array(Self.table.utf8))).sha256)
    }

    @Test("a missing table is a file error naming the path and the scenario")
    func missing() throws {
        let folder = try Folder()
        defer { folder.remove() }
        let path = try folder.write("s.yaml", Array(Self.scenario(inventory: Self.chinese).utf8))
        #expect(throws: ScenarioError.self) { try ScenarioLoader.load(path: path) }
        do {
            _ = try ScenarioLoader.load(path: path)
        } catch {
            #expect(error.kind == .file)
            #expect(error.description.contains("table.csv: error: the inventory (inventory.file in \(path)) no such file"))
        }
    }

    @Test("hostile tables are refused with a located error, never a crash or a silent default", arguments: [
        "",                                                        // no header
        "\u{FEFF}",                                                // only a byte-order mark
        "community,units,roof_m2,road_m2\n",                       // no building
        "community,units,roof_m2,road_m2\neast,\"10,1,1\n",        // a quote never closed
        "community,units,roof_m2,road_m2\reast,nan,1,1\rwest,inf,1,1\r",   // CR line ends, nan and inf
        "community,units,roof_m2,road_m2\neast,1e400,1e400,-0\n",  // overflow
        "community,units,roof_m2,road_m2\neast,0x10,1,1\n",        // hexadecimal
        "community,community,units\neast,east,1\n",                // a header twice
    ])
    func hostile(_ csv: String) throws {
        let text = try error(Self.scenario(inventory: "inventory: {file: table.csv}\n"), Array(csv.utf8))
        #expect(text.hasPrefix("table.csv:"), "\(text)")
        #expect(text.contains("error:"))
    }

    @Test("Benxi's shipped inventory: 1,323 buildings, 63,000 units, areas by building")
    func benxi() throws {
        let plan = try ScenarioLoader.load(path: F.path("scenarios/benxi-2018.yaml")).compile(plan: nil)
        #expect(plan.buildings.count == 1323)
        #expect(plan.communities.reduce(0) { $0 + $1.units } == 63_000)
        #expect(plan.types.filter { $0.per == .quantity }.map(\.name) == ["roof-waterproofing", "exterior-wall-coating", "unit-entrance-doors"])
        #expect(plan.buildings.quantities.count == 3)
        #expect(plan.buildings.quantities.allSatisfy { column in column.allSatisfy { $0 > 0 } })
    }
}
