import Foundation
import Renovation
import Yams

/// A sweep file: scenarios × plans × a grid of parameter values, each grid
/// point run for the same replications (common random numbers across points).
///
///     # sweeps/benxi-crews.yaml
///     name: benxi-crews
///     scenario: ../scenarios/benxi-2018.yaml   # or scenarios: [a.yaml, b.yaml]; relative to this file
///     plans: [as-built]                        # default: every plan of each scenario
///     replications: 200
///     seed: 2018                               # default: each scenario's own seed
///     grid:                                    # key path → values; the last key varies fastest
///       trades.painting.crews: [120, 165, 210]
///       trades.roofing.crews: [45, 60]
///
/// Key paths are those of ``ScenarioOverride``. Errors name the file, line,
/// column and key.
public struct SweepSpec: Sendable, Equatable {
    public struct Parameter: Sendable, Equatable {
        public var key: String
        public var values: [String]
    }

    public var name: String
    /// Scenario paths as given in the file, and resolved against the sweep file's folder.
    public var scenarios: [String]
    public var plans: [String]?
    public var replications: Int
    public var seed: UInt64?
    public var grid: [Parameter]

    /// Points in the grid (the product of the value counts; 1 without a grid).
    public var gridSize: Int { grid.reduce(1) { $0 * $1.values.count } }

    /// The grid's points in order, the last parameter varying fastest.
    public var gridPoints: [[ScenarioOverride.Assignment]] {
        var points: [[ScenarioOverride.Assignment]] = [[]]
        for parameter in grid {
            points = points.flatMap { point in
                parameter.values.map { point + [ScenarioOverride.Assignment(key: parameter.key, value: $0)] }
            }
        }
        return points
    }

    public static let maximumPoints = 100_000
    static let keys = ["name", "scenario", "scenarios", "plans", "replications", "seed", "grid"]

    /// Larger sweep files are refused before they are read whole.
    public static let maximumFileSize = 1 << 20

    public static func load(path: String) throws(SweepError) -> SweepSpec {
        do {
            return try parse(try FileBytes.read(path, limit: maximumFileSize), file: path)
        } catch let failure as FileBytes.Failure {
            if case let .tooLarge(size, _) = failure {
                let has = size.map { "\($0) bytes" } ?? "more than \(maximumFileSize) bytes"
                throw SweepError(file: path, message: "the sweep file has \(has); expected at most 1 MiB")
            }
            throw SweepError(file: path, message: "cannot read the sweep file: \(failure.description)")
        } catch let error as SweepError {
            throw error
        } catch {
            throw SweepError(file: path, message: "cannot read the sweep file: \(error)")
        }
    }

    public static func parse(_ bytes: [UInt8], file: String) throws(SweepError) -> SweepSpec {
        func fail(_ node: Node?, _ message: String) -> SweepError {
            SweepError(file: file, line: node?.mark?.line, column: node?.mark?.column, message: message)
        }
        guard bytes.count <= maximumFileSize else {
            throw fail(nil, "the sweep file has \(bytes.count) bytes; expected at most 1 MiB")
        }
        guard let text = String(validating: bytes, as: UTF8.self) else { throw fail(nil, "the sweep file is not UTF-8 text") }
        let root: Node
        do {
            guard let parsed = try Yams.compose(yaml: text, .default, .default, .utf8) else {
                throw fail(nil, "the sweep file is empty; expected name, scenario, replications and grid")
            }
            root = parsed
        } catch let error as SweepError {
            throw error
        } catch let error as YamlError {
            throw fail(nil, "YAML error: \(error)")
        } catch {
            throw fail(nil, "YAML error: \(error)")
        }
        guard let mapping = root.mapping else { throw fail(root, "expected a mapping with name, scenario, replications and grid") }
        for key in mapping.keys {
            guard let word = key.string, keys.contains(word) else {
                var message = "unknown key '\(key.string ?? "?")'"
                if let word = key.string, let near = closest(to: word, in: keys) { message += " — did you mean '\(near)'?" }
                throw fail(key, message + "; expected one of: " + keys.joined(separator: ", "))
            }
        }
        func string(_ node: Node, _ what: String) throws(SweepError) -> String {
            guard case let .scalar(scalar) = node, !scalar.string.isEmpty else { throw fail(node, "\(what): expected a text value") }
            return scalar.string
        }
        func whole(_ node: Node, _ what: String, _ range: ClosedRange<Int>) throws(SweepError) -> Int {
            guard case let .scalar(scalar) = node, let value = Int(scalar.string), range.contains(value) else {
                throw fail(node, "\(what): expected a whole number in \(range.lowerBound)…\(range.upperBound)")
            }
            return value
        }
        func list(_ node: Node, _ what: String) throws(SweepError) -> [String] {
            if case .scalar = node { return [try string(node, what)] }
            guard let sequence = node.sequence, !sequence.isEmpty else { throw fail(node, "\(what): expected a list of values") }
            var values: [String] = []
            for item in sequence { values.append(try string(item, what)) }
            return values
        }

        let folder = (file as NSString).deletingLastPathComponent
        func resolved(_ path: String) -> String {
            path.hasPrefix("/") || folder.isEmpty ? path : (folder as NSString).appendingPathComponent(path)
        }
        let name = try mapping["name"].map { node throws(SweepError) in try string(node, "name") }
            ?? ((file as NSString).lastPathComponent as NSString).deletingPathExtension
        let scenarioNode = mapping["scenario"], scenariosNode = mapping["scenarios"]
        if scenarioNode != nil && scenariosNode != nil {
            throw fail(scenariosNode, "give either scenario or scenarios, not both")
        }
        guard let scenarioList = scenarioNode ?? scenariosNode else {
            throw fail(root, "missing key 'scenario': the scenario file to sweep (or 'scenarios': a list)")
        }
        let scenarios = try list(scenarioList, "scenario").map(resolved)
        let plans = try mapping["plans"].map { node throws(SweepError) in try list(node, "plans") }
        guard let replicationsNode = mapping["replications"] else {
            throw fail(root, "missing key 'replications': the replications of every grid point")
        }
        let replications = try whole(replicationsNode, "replications", 1...10_000_000)
        var seed: UInt64?
        if let node = mapping["seed"] {
            guard case let .scalar(scalar) = node, let value = UInt64(scalar.string) else {
                throw fail(node, "seed: expected a whole number ≥ 0")
            }
            seed = value
        }
        var grid: [Parameter] = []
        if let node = mapping["grid"] {
            guard let entries = node.mapping else { throw fail(node, "grid: expected a mapping of key path → list of values") }
            for (key, values) in entries {
                let path = try string(key, "grid key")
                do {
                    _ = try ScenarioOverride.steps(path)
                } catch {
                    throw fail(key, "grid key \(error)")
                }
                if grid.contains(where: { $0.key == path }) { throw fail(key, "grid key '\(path)' is given twice") }
                let list = try list(values, "grid.\(path)")
                if Set(list).count != list.count { throw fail(values, "grid.\(path): a value is given twice") }
                grid.append(Parameter(key: path, values: list))
            }
        }
        let spec = SweepSpec(name: name, scenarios: scenarios, plans: plans, replications: replications, seed: seed, grid: grid)
        let points = spec.scenarios.count * (spec.plans?.count ?? 1) * spec.gridSize
        guard points <= maximumPoints else {
            throw fail(mapping["grid"], "the sweep has \(points) grid points; expected at most \(maximumPoints)")
        }
        return spec
    }
}

/// A problem with a sweep file or one of its grid points.
public struct SweepError: Error, CustomStringConvertible, Sendable {
    public var file: String
    public var line: Int?
    public var column: Int?
    public var message: String

    public init(file: String, line: Int? = nil, column: Int? = nil, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String {
        var place = file
        if let line { place += ":\(line)" }
        if let column { place += ":\(column)" }
        return "\(place): error: \(message)"
    }
}
