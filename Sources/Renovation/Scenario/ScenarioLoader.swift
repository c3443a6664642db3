import Foundation
import Yams

/// Reads a scenario file: checks the bytes, parses the YAML (keeping each
/// node's line and column), decodes strictly into ``Scenario``, validates,
/// and reports every problem with file, line, column and key path.
///
///     do {
///         let loaded = try ScenarioLoader.load(path: "scenarios/yonghong-2022.yaml")
///         print(loaded.scenario.plans.map(\.name))   // ["five-year", "three-year"]
///     } catch {
///         print(error)   // scenarios/yonghong-2022.yaml:14:7: error: trades.roofing.crews: …
///     }
///
/// Decoding stops at the first problem (one issue); validation reports
/// all of its problems at once.
public enum ScenarioLoader {
    /// Larger files are refused before reading: 64 MiB of YAML is already
    /// millions of buildings; bigger programmes belong in `generate:`.
    public static let maximumFileSize = 64 << 20

    public static func load(path: String) throws(ScenarioError) -> LoadedScenario {
        try load(bytes: try read(path), file: path)
    }

    /// `file` names the text in messages; nothing is read from it.
    public static func load(yaml: String, file: String) throws(ScenarioError) -> LoadedScenario {
        try load(bytes: Array(yaml.utf8), file: file)
    }

    /// The bytes of a scenario file, e.g. read from standard input.
    public static func load(bytes: [UInt8], file: String) throws(ScenarioError) -> LoadedScenario {
        func fail(_ kind: ScenarioIssue.Kind, _ message: String, at location: SourceLocation? = nil,
                  expected: String? = nil) -> ScenarioError {
            ScenarioError(ScenarioIssue(kind: kind, file: file, location: location, keyPath: "",
                                        message: message, expected: expected))
        }
        guard bytes.count <= maximumFileSize else {
            throw fail(.file, "the file has \(bytes.count) bytes",
                       expected: "at most \(maximumFileSize) bytes (64 MiB); use `generate:` for very large programmes")
        }
        guard !bytes.isEmpty else {
            throw fail(.syntax, "the file is empty", expected: "a scenario: a mapping with name, start, deadline, trades, work, plans, …")
        }
        let text = try utf8Text(bytes, file: file)

        let parsed: Node?
        do {
            // Pass the encoding: Yams's default reads an environment variable and may print.
            parsed = try Yams.compose(yaml: text, .default, .default, .utf8)
        } catch let error as YamlError {
            throw ScenarioError(syntaxIssue(error, text: text, file: file))
        } catch {
            throw fail(.syntax, "YAML error: \(error)")
        }
        guard let root = parsed else {
            throw fail(.syntax, "the file has no content, only blanks or comments",
                       expected: "a scenario: a mapping with name, start, deadline, trades, work, plans, …")
        }
        guard case .mapping = root else {
            let location = root.mark.map { SourceLocation(line: $0.line, column: $0.column) }
            throw fail(.syntax, "the document is \(describe(found: root)), not a mapping", at: location,
                       expected: "a mapping of scenario keys (name: …, start: …, trades: …)")
        }

        let sourceMap: SourceMap
        do {
            sourceMap = try SourceMap(root: root)
        } catch {
            throw ScenarioError(error.issues.map { issue in
                var issue = issue
                issue.file = file
                return issue
            })
        }

        var scenario: Scenario
        do {
            scenario = try YAMLDecoder().decode(Scenario.self, from: root)
        } catch let error as DecodingError {
            var issue = schemaIssue(error, root: root)
            issue.file = file
            issue.location = ScenarioKeyPath(parsing: issue.keyPath).flatMap(sourceMap.nearestLocation(of:))
            throw ScenarioError(issue)
        } catch {
            throw fail(.schema, "cannot decode the scenario: \(error)")
        }

        var sha256 = SHA256.hex(bytes)
        if let spec = scenario.inventory {
            let table = try readInventory(spec, of: scenario, file: file)
            scenario.inventory?.table = table
            scenario.communities = (scenario.communities ?? []) + table.communities.map(CommunitySpec.init)
            // The programme is the YAML and its table: a changed table is a changed scenario.
            sha256 = SHA256.hex(Array((sha256 + table.sha256).utf8))
        }

        let valid: ValidScenario
        do {
            valid = try ScenarioValidator.validated(scenario)
        } catch {
            throw ScenarioError(error.issues.map { LoadedScenario.place($0, file: file, sourceMap: sourceMap) })
        }
        var loaded = LoadedScenario(valid: valid, file: file, sha256: sha256, sourceMap: sourceMap)
        loaded.warnings = ScenarioValidator.warnings(scenario).map(loaded.place)
        loaded.inventoryPath = scenario.inventory.map { InventoryReader.resolve($0.file, besides: file) }
        return loaded
    }

    // MARK: - Inventory

    /// The table `spec` names, read beside `file` for the quantities the work types scale by.
    private static func readInventory(_ spec: InventorySpec, of scenario: Scenario,
                                      file: String) throws(ScenarioError) -> InventoryTable {
        let work = scenario.work.building + scenario.work.community
        var quantities: [String] = []
        for name in work.compactMap(\.quantity) where !quantities.contains(name) { quantities.append(name) }
        return try InventoryReader.read(spec, scenarioFile: file, quantities: quantities,
                                        listed: (scenario.communities ?? []).map(\.name))
    }

    // MARK: - Bytes

    /// The bytes of a scenario file, read as ``load(path:)`` reads them: at
    /// most ``maximumFileSize``, with a located file error otherwise. For
    /// callers that need the bytes too (copies, hashes, edited variants).
    public static func read(_ path: String) throws(ScenarioError) -> [UInt8] {
        func fail(_ message: String, expected: String? = nil) -> ScenarioError {
            ScenarioError(ScenarioIssue(kind: .file, file: path, keyPath: "", message: message, expected: expected))
        }
        do {
            return try FileBytes.read(path, limit: maximumFileSize)
        } catch {
            switch error {
            case .folder:
                throw fail("is a folder", expected: "a scenario file (.yaml)")
            case .tooLarge:
                throw fail(error.description,
                           expected: "at most \(maximumFileSize) bytes (64 MiB); use `generate:` for very large programmes")
            case .missing, .unreadable:
                throw fail(error.description)
            }
        }
    }

    /// The bytes as a String, or an issue at the first byte that is not
    /// UTF-8 (or is NUL: UTF-16 text is mostly valid UTF-8 with zeros).
    private static func utf8Text(_ bytes: [UInt8], file: String) throws(ScenarioError) -> String {
        var offset = 0
        var line = 1
        var column = 1
        var iterator = bytes.makeIterator()
        var decoder = Unicode.UTF8()
        func fail(_ message: String, expected: String) -> ScenarioError {
            ScenarioError(ScenarioIssue(kind: .encoding, file: file, location: SourceLocation(line: line, column: column),
                                        keyPath: "", message: message, expected: expected))
        }
        decoding: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                if scalar.value == 0 {
                    throw fail("NUL byte at offset \(offset)", expected: "UTF-8 text (is the file UTF-16 or binary?)")
                }
                offset += UTF8.width(scalar)
                if scalar == "\n" { line += 1; column = 1 } else { column += 1 }
            case .emptyInput:
                break decoding
            case .error:
                throw fail("invalid UTF-8 near byte offset \(offset)", expected: "UTF-8 text (save the file as UTF-8)")
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    // MARK: - YAML syntax

    private static func syntaxIssue(_ error: YamlError, text: String, file: String) -> ScenarioIssue {
        func issue(_ mark: Mark?, _ message: String) -> ScenarioIssue {
            ScenarioIssue(kind: .syntax, file: file, location: mark.map { SourceLocation(line: $0.line, column: $0.column) },
                          keyPath: "", message: message)
        }
        func withContext(_ problem: String, _ context: YamlError.Context?) -> String {
            guard let context else { return "YAML syntax: \(problem)" }
            return "YAML syntax: \(problem) (\(context.text) at line \(context.mark.line), column \(context.mark.column))"
        }
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _),
             let .composer(context, problem, mark, _):
            return issue(mark, withContext(problem, context))
        case let .reader(problem, offset, _, _):
            var located = issue(nil, "YAML syntax: \(problem)")
            located.location = offset.flatMap { characterLocation(offset: $0, in: text) }
            return located
        case let .duplicatedKeysInMapping(duplicates, context):
            let keys = duplicates.map { "'\($0)'" }.joined(separator: ", ")
            var located = issue(context.mark, "key \(keys) is given twice in the same mapping")
            located.expected = "each key once"
            return located
        default:
            return issue(nil, "YAML error: \(error)")
        }
    }

    /// Line and column of the `offset`-th character.
    private static func characterLocation(offset: Int, in text: String) -> SourceLocation? {
        var line = 1
        var column = 1
        for (i, character) in text.enumerated() {
            if i == offset { return SourceLocation(line: line, column: column) }
            if character == "\n" { line += 1; column = 1 } else { column += 1 }
        }
        return nil
    }
}
