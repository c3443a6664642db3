import Sharding
import Yams

/// Sets one key of one plan in a scenario's YAML text and keeps every
/// other byte as it was, so comments and layout the edit did not touch
/// survive a round trip through the page.
///
/// The value is one line of YAML (a scalar or a flow collection). Where
/// the plan already writes the key, its value's text is replaced: a scalar
/// or flow collection in place (a comment after it stays), a block
/// collection from after the colon to its last line. Where it does not,
/// `key: value` is added after the plan's `name` (on a line of its own in
/// a block mapping, after a comma in a flow one).
///
///     plans:
///       - name: three-year      # kept
///         dispatch: community   # kept: only `community` becomes `shortest`
enum PlanTextEdit {
    struct Failure: Error, CustomStringConvertible {
        let message: String
        var description: String { message }
    }

    /// `bytes` with `plans[planIndex].key` set to `value` (one line of YAML).
    static func set(_ key: String, to value: String, plan planIndex: Int, in bytes: [UInt8]) throws(Failure) -> [UInt8] {
        guard let text = String(validating: bytes, as: UTF8.self) else { throw Failure(message: "the scenario is not UTF-8 text") }
        let root: Node
        do {
            guard let parsed = try Yams.compose(yaml: text, .default, .default, .utf8) else {
                throw Failure(message: "the scenario is empty")
            }
            root = parsed
        } catch let failure as Failure {
            throw failure
        } catch {
            throw Failure(message: "the scenario is not valid YAML: \(error)")
        }
        guard let plans = root.mapping?["plans"]?.sequence, planIndex >= 0, planIndex < plans.count,
              let plan = plans[planIndex].mapping else {
            throw Failure(message: "the scenario has no plan \(planIndex) written as a mapping")
        }
        let lines = ScenarioOverride.lineStarts(bytes)
        var out = bytes
        if let entry = plan.first(where: { $0.key.string == key }) {
            let range = try valueRange(entry.value, keyNode: entry.key, bytes: bytes, lines: lines)
            // A block collection's range starts right after the colon.
            let space = range.lowerBound > 0 && bytes[range.lowerBound - 1] == UInt8(ascii: ":") ? " " : ""
            out.replaceSubrange(range, with: Array((space + value).utf8))
            return out
        }
        guard let name = plan.first(where: { $0.key.string == "name" }), let keyMark = name.key.mark else {
            throw Failure(message: "plan \(planIndex) has no name written in the file")
        }
        let nameRange = try valueRange(name.value, keyNode: name.key, bytes: bytes, lines: lines)
        if isFlow(plans[planIndex], bytes: bytes, lines: lines) {
            out.insert(contentsOf: Array(", \(key): \(value)".utf8), at: nameRange.upperBound)
        } else {
            // The new key lines up with `name` on a line after name's line (and after its comment).
            let nextLine = keyMark.line < lines.count ? lines[keyMark.line] : bytes.count
            var line = String(repeating: " ", count: keyMark.column - 1) + "\(key): \(value)\n"
            if nextLine == bytes.count, bytes.last != UInt8(ascii: "\n") { line = "\n" + line }
            out.insert(contentsOf: Array(line.utf8), at: nextLine)
        }
        return out
    }

    /// Where a value's text is: a scalar's characters, a flow collection's brackets, or a block
    /// collection's lines (from right after the key's colon).
    static func valueRange(_ node: Node, keyNode: Node, bytes: [UInt8], lines: [Int]) throws(Failure) -> Range<Int> {
        let key = keyNode.string ?? "?"
        switch node {
        case .scalar:
            do {
                return try ScenarioOverride.scalarRange(node, key: key, bytes: bytes, lines: lines)
            } catch {
                throw Failure(message: "\(key): \(error.reason)")
            }
        case .mapping, .sequence:
            return isFlow(node, bytes: bytes, lines: lines)
                ? try flowRange(node, key: key, bytes: bytes, lines: lines)
                : try blockRange(keyNode: keyNode, bytes: bytes, lines: lines)
        case .alias:
            throw Failure(message: "\(key) is written through an alias; write it out to edit it here")
        }
    }

    /// Whether a collection is written in flow style, from `{` or `[` (Yams's node style does not say so reliably).
    static func isFlow(_ node: Node, bytes: [UInt8], lines: [Int]) -> Bool {
        guard let mark = node.mark, mark.line >= 1, mark.line <= lines.count else { return false }
        let start = ScenarioOverride.byteOffset(line: mark.line, column: mark.column, bytes: bytes, lines: lines)
        return start < bytes.count && (bytes[start] == UInt8(ascii: "{") || bytes[start] == UInt8(ascii: "["))
    }

    /// From the opening bracket to the one that closes it, skipping quoted text.
    private static func flowRange(_ node: Node, key: String, bytes: [UInt8], lines: [Int]) throws(Failure) -> Range<Int> {
        guard let mark = node.mark else { throw Failure(message: "\(key) has no position in the file") }
        let start = ScenarioOverride.byteOffset(line: mark.line, column: mark.column, bytes: bytes, lines: lines)
        var depth = 0
        var quote: UInt8?
        var i = start
        while i < bytes.count {
            let byte = bytes[i]
            if let q = quote {
                if q == UInt8(ascii: "\""), byte == UInt8(ascii: "\\") { i += 2; continue }
                if byte == q { quote = nil }
            } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                quote = byte
            } else if byte == UInt8(ascii: "{") || byte == UInt8(ascii: "[") {
                depth += 1
            } else if byte == UInt8(ascii: "}") || byte == UInt8(ascii: "]") {
                depth -= 1
                if depth == 0 { return start..<i + 1 }
            }
            i += 1
        }
        throw Failure(message: "\(key): the end of its { } or [ ] could not be found")
    }

    /// A block collection: from right after `key:` to the end of its last
    /// line indented deeper than the key (or a `- ` item at the key's
    /// indentation); comment and blank lines after it are kept.
    private static func blockRange(keyNode: Node, bytes: [UInt8], lines: [Int]) throws(Failure) -> Range<Int> {
        guard let mark = keyNode.mark, let key = keyNode.string else { throw Failure(message: "a key has no position in the file") }
        let keyStart = ScenarioOverride.byteOffset(line: mark.line, column: mark.column, bytes: bytes, lines: lines)
        let indent = mark.column - 1
        // The colon after the key (a plain key: the key's text, then optional blanks, then ':').
        var colon = keyStart + key.utf8.count
        while colon < bytes.count, bytes[colon] == UInt8(ascii: " ") { colon += 1 }
        guard colon < bytes.count, bytes[colon] == UInt8(ascii: ":") else {
            throw Failure(message: "\(key): its colon could not be found; write the key plainly to edit it here")
        }
        var end = lineEnd(mark.line - 1, bytes: bytes, lines: lines)
        for line in mark.line..<lines.count {
            let start = lines[line]
            let stop = lineEnd(line, bytes: bytes, lines: lines)
            var first = start
            while first < stop, bytes[first] == UInt8(ascii: " ") { first += 1 }
            if first == stop || bytes[first] == UInt8(ascii: "#") { continue }
            let depth = first - start
            let item = bytes[first] == UInt8(ascii: "-") && (first + 1 == stop || bytes[first + 1] == UInt8(ascii: " "))
            guard depth > indent || (depth == indent && item) else { break }
            end = stop
        }
        return colon + 1..<end
    }

    /// The offset of line `index`'s newline (or of the end of the text).
    private static func lineEnd(_ index: Int, bytes: [UInt8], lines: [Int]) -> Int {
        var end = index + 1 < lines.count ? lines[index + 1] - 1 : bytes.count
        if end > lines[index], bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        return end
    }
}
