import Renovation
import Yams

/// Sets values at key paths of a scenario's YAML text and keeps every other
/// byte — comments, layout, anchors — as it was: a sweep's grid point is
/// its scenario file with a few numbers changed, and can be read, diffed
/// and rerun as such.
///
/// A key path names mapping keys with dots and list items with brackets,
/// by position or by their `name`:
///
///     trades.painting.crews
///     work.building[exterior-wall-coating].hours.mode
///     plans[0].release.years
///
/// The value it names must already be written in the file as a one-line
/// scalar (a number, a word, a quoted string); the override replaces that
/// scalar's text. Anything else — a missing key, a mapping, a block of
/// text, a value written through an alias — is refused with the reason.
public enum ScenarioOverride {
    /// One replacement: the value's text goes where the key path's scalar was.
    public struct Assignment: Codable, Sendable, Equatable {
        public var key: String
        public var value: String

        public init(key: String, value: String) {
            self.key = key
            self.value = value
        }

        public var description: String { "\(key)=\(value)" }
    }

    public struct Failure: Error, CustomStringConvertible, Sendable {
        public let key: String
        public let reason: String
        public var description: String { "\(key): \(reason)" }
    }

    /// The text of `bytes` with every assignment made; the bytes unchanged when there are none.
    public static func apply(_ assignments: [Assignment], to file: [UInt8]) throws(Failure) -> [UInt8] {
        guard !assignments.isEmpty else { return file }
        // A byte-order mark stays in front; the YAML (and every position) is what follows it.
        let mark: [UInt8] = file.starts(with: [0xEF, 0xBB, 0xBF]) ? [0xEF, 0xBB, 0xBF] : []
        let bytes = Array(file.dropFirst(mark.count))
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw Failure(key: assignments[0].key, reason: "the scenario is not UTF-8 text")
        }
        let root: Node
        do {
            guard let parsed = try Yams.compose(yaml: text, .default, .default, .utf8) else {
                throw Failure(key: assignments[0].key, reason: "the scenario is empty")
            }
            root = parsed
        } catch let failure as Failure {
            throw failure
        } catch {
            throw Failure(key: assignments[0].key, reason: "the scenario is not valid YAML: \(error)")
        }
        let lines = lineStarts(bytes)
        var edits: [(range: Range<Int>, text: [UInt8])] = []
        for assignment in assignments {
            let node = try resolve(assignment.key, in: root)
            let range = try scalarRange(node, key: assignment.key, bytes: bytes, lines: lines)
            if edits.contains(where: { $0.range.overlaps(range) }) {
                throw Failure(key: assignment.key, reason: "is set twice in one grid point")
            }
            edits.append((range, Array(yamlScalar(assignment.value).utf8)))
        }
        var out = bytes
        for edit in edits.sorted(by: { $0.range.lowerBound > $1.range.lowerBound }) {
            out.replaceSubrange(edit.range, with: edit.text)
        }
        return mark + out
    }

    /// `value` as YAML: plain when it reads back as itself, double-quoted otherwise.
    public static func yamlScalar(_ value: String) -> String {
        let reserved: Set<String> = ["null", "Null", "NULL", "~", "true", "True", "TRUE", "false", "False", "FALSE",
                                     "yes", "Yes", "YES", "no", "No", "NO", "on", "On", "ON", "off", "Off", "OFF"]
        let word = !value.isEmpty && !value.hasPrefix("-") && !reserved.contains(value)
            && value.unicodeScalars.allSatisfy { scalar in
                scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || "._+-/".unicodeScalars.contains(scalar)
            }
        let plain = word || Double(value) != nil
        if plain { return value }
        var quoted = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": quoted += "\\\""
            case "\\": quoted += "\\\\"
            case "\n": quoted += "\\n"
            case "\t": quoted += "\\t"
            default:
                if scalar.value < 0x20 {
                    quoted += "\\x" + String(scalar.value, radix: 16, uppercase: true).leftPadded(to: 2)
                } else {
                    quoted.unicodeScalars.append(scalar)
                }
            }
        }
        return quoted + "\""
    }

    // MARK: - Key paths

    enum Step: Equatable {
        case key(String)
        case index(Int)
        case named(String)
    }

    static func steps(_ path: String) throws(Failure) -> [Step] {
        var steps: [Step] = []
        var current = ""
        var chars = path.makeIterator()
        func flushKey() throws(Failure) {
            guard !current.isEmpty else { throw Failure(key: path, reason: "has an empty part; expected keys separated by dots, e.g. trades.painting.crews") }
            steps.append(.key(current))
            current = ""
        }
        var afterBracket = false
        while let c = chars.next() {
            switch c {
            case ".":
                if afterBracket { afterBracket = false; if current.isEmpty { continue } }
                try flushKey()
            case "[":
                if !current.isEmpty { try flushKey() }
                guard !steps.isEmpty else {
                    throw Failure(key: path, reason: "starts with a list item; expected a top-level key first")
                }
                var inside = ""
                var closed = false
                while let d = chars.next() {
                    if d == "]" { closed = true; break }
                    inside.append(d)
                }
                guard closed, !inside.isEmpty else { throw Failure(key: path, reason: "has an unclosed or empty [ ]") }
                if let index = Int(inside) {
                    guard index >= 0 else { throw Failure(key: path, reason: "has a negative list position \(index)") }
                    steps.append(.index(index))
                } else {
                    steps.append(.named(inside))
                }
                afterBracket = true
            default:
                if afterBracket { throw Failure(key: path, reason: "needs a dot after ]") }
                current.append(c)
            }
        }
        if !current.isEmpty { try flushKey() }
        guard !steps.isEmpty else { throw Failure(key: path, reason: "is empty; expected a key path such as trades.painting.crews") }
        return steps
    }

    static func resolve(_ path: String, in root: Node) throws(Failure) -> Node {
        var node = root
        var walked = ""
        for step in try steps(path) {
            let here = walked.isEmpty ? "the top level" : "'\(walked)'"
            switch (step, node) {
            case let (.key(key), .mapping(mapping)):
                guard let next = mapping[key] else {
                    let keys = Array(mapping.keys.compactMap(\.string))
                    var reason = "the scenario has no key '\(key)' under \(here)"
                    if let near = closest(to: key, in: keys) { reason += " — did you mean '\(near)'?" }
                    reason += "; it has: " + keys.joined(separator: ", ")
                    throw Failure(key: path, reason: reason)
                }
                node = next
                walked += walked.isEmpty ? key : "." + key
            case let (.index(index), .sequence(sequence)):
                guard index < sequence.count else {
                    throw Failure(key: path, reason: "\(here) has \(sequence.count) items; position \(index) is past the end")
                }
                node = sequence[index]
                walked += "[\(index)]"
            case let (.named(name), .sequence(sequence)):
                let names = sequence.compactMap { $0.mapping?["name"]?.string }
                guard let item = sequence.first(where: { $0.mapping?["name"]?.string == name }) else {
                    var reason = "\(here) has no item named '\(name)'"
                    if let near = closest(to: name, in: names) { reason += " — did you mean '\(near)'?" }
                    throw Failure(key: path, reason: reason)
                }
                node = item
                walked += "[\(name)]"
            case (_, .alias):
                throw Failure(key: path, reason: "\(here) is written through an alias; write the value out to sweep it")
            case (.key, _):
                throw Failure(key: path, reason: "\(here) is not a mapping, so it has no keys")
            case (.index, _), (.named, _):
                throw Failure(key: path, reason: "\(here) is not a list")
            }
        }
        return node
    }

    // MARK: - Where a scalar is written

    public static func lineStarts(_ bytes: [UInt8]) -> [Int] {
        var starts = [0]
        for (i, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") { starts.append(i + 1) }
        return starts
    }

    /// The byte offset of a node's 1-based `line` and `column` (libyaml counts columns in Unicode scalars).
    public static func byteOffset(line: Int, column: Int, bytes: [UInt8], lines: [Int]) -> Int {
        let lineEnd = line < lines.count ? lines[line] : bytes.count
        var offset = lines[line - 1]
        var walked = 1
        while walked < column, offset < lineEnd {
            offset += 1
            while offset < lineEnd, bytes[offset] & 0xC0 == 0x80 { offset += 1 }
            walked += 1
        }
        return offset
    }

    /// The bytes of a one-line scalar value as written (quotes included), found from its node's position.
    public static func scalarRange(_ node: Node, key: String, bytes: [UInt8], lines: [Int]) throws(Failure) -> Range<Int> {
        guard case let .scalar(scalar) = node else {
            let what = node.mapping != nil ? "a mapping" : node.sequence != nil ? "a list" : "an alias"
            throw Failure(key: key, reason: "is \(what), not a single value; sweep one of its values instead")
        }
        guard let mark = scalar.mark, mark.line >= 1, mark.line <= lines.count else {
            throw Failure(key: key, reason: "has no position in the file")
        }
        let lineEnd = mark.line < lines.count ? lines[mark.line] : bytes.count
        let offset = byteOffset(line: mark.line, column: mark.column, bytes: bytes, lines: lines)
        func end(closing quote: UInt8, escape: UInt8?) throws(Failure) -> Int {
            guard offset < lineEnd, bytes[offset] == quote else {
                throw Failure(key: key, reason: "could not be found in the file's text at line \(mark.line)")
            }
            var i = offset + 1
            while i < lineEnd {
                if let escape, bytes[i] == escape, escape != quote { i += 2; continue }
                if bytes[i] == quote {
                    if escape == quote, i + 1 < lineEnd, bytes[i + 1] == quote { i += 2; continue }
                    return i + 1
                }
                i += 1
            }
            throw Failure(key: key, reason: "is a quoted value that runs over several lines; write it on one line to sweep it")
        }
        switch scalar.style {
        case .plain, .any:
            let text = Array(scalar.string.utf8)
            guard !text.isEmpty, offset + text.count <= lineEnd,
                  Array(bytes[offset..<offset + text.count]) == text else {
                throw Failure(key: key, reason: "is a value written over several lines or empty, or could not be found "
                              + "in the file's text at line \(mark.line); write it on one line to sweep it")
            }
            return offset..<offset + text.count
        case .doubleQuoted:
            return offset..<(try end(closing: UInt8(ascii: "\""), escape: UInt8(ascii: "\\")))
        case .singleQuoted:
            return offset..<(try end(closing: UInt8(ascii: "'"), escape: UInt8(ascii: "'")))
        case .literal, .folded:
            throw Failure(key: key, reason: "is a block of text (| or >); sweep a one-line value instead")
        }
    }
}

extension String {
    func leftPadded(to width: Int, with pad: Character = "0") -> String {
        count >= width ? self : String(repeating: pad, count: width - count) + self
    }
}
