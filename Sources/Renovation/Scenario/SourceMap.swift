import Yams

/// Where each key and list item of a YAML document is written, so that a
/// key path (from a decoding error or from the validator) can be turned
/// into a line and column after the Yams node tree is gone.
///
/// Stored flat, breadth first, so that the children of an entry are
/// contiguous and a million buildings cost a few tens of bytes each.
/// Building it also checks what decoding would silently accept: a key
/// that is not a plain scalar (Yams drops it), the same key twice with
/// different tags (`2023` and `"2023"`; Yams keeps the first), and a
/// document that aliases expand beyond `limit` nodes (an alias bomb).
struct SourceMap: Sendable {
    struct Entry: Sendable {
        /// The key, for the entries of a mapping.
        var key: String?
        /// The key's position for a mapping entry, the item's for a list item.
        var line: Int32
        var column: Int32
        var firstChild: Int32 = 0
        var childCount: Int32 = 0
        var isSequence = false
    }

    private(set) var entries: [Entry]

    /// Roughly one node per two bytes of a 64 MiB file.
    static let defaultLimit = 32_000_000

    init(root: Node, limit: Int = SourceMap.defaultLimit) throws(ScenarioError) {
        try Self.checkAliases(root, limit: limit)
        entries = [Entry(key: nil, line: Self.line(root.mark), column: Self.column(root.mark))]
        var pending: [Node?] = [root]
        var next = 0
        while next < pending.count {
            guard let node = pending[next] else { break }
            // Drop the processed node so that the queue does not keep the whole tree alive twice.
            pending[next] = nil
            switch node {
            case .mapping(let mapping):
                entries[next].firstChild = Int32(clamping: entries.count)
                entries[next].childCount = Int32(clamping: mapping.count)
                let first = entries.count
                // Small mappings (a building's three keys) are checked by a scan; large ones by a table.
                var firstLines: [String: Int32] = [:]
                for (keyNode, value) in mapping {
                    guard case .scalar(let scalar) = keyNode else {
                        throw Self.error(keyNode.mark, "a mapping key here is a list or mapping",
                                         expected: "plain keys such as `name:`")
                    }
                    let key = scalar.string
                    let earlier = mapping.count <= 8
                        ? entries[first...].first { $0.key == key }?.line
                        : firstLines.updateValue(Self.line(keyNode.mark), forKey: key)
                    if let earlier {
                        throw Self.error(keyNode.mark, "key '\(key)' is given twice in the same mapping (first on line \(earlier))",
                                         expected: "each key once")
                    }
                    entries.append(Entry(key: key, line: Self.line(keyNode.mark), column: Self.column(keyNode.mark)))
                    pending.append(value)
                }
            case .sequence(let sequence):
                entries[next].firstChild = Int32(clamping: entries.count)
                entries[next].childCount = Int32(clamping: sequence.count)
                entries[next].isSequence = true
                for item in sequence {
                    entries.append(Entry(key: nil, line: Self.line(item.mark), column: Self.column(item.mark)))
                    pending.append(item)
                }
            case .scalar, .alias:
                break
            }
            if entries.count > limit {
                throw Self.error(nil, "the document has more than \(limit) values (aliases expand to copies)",
                                 expected: "a smaller scenario; use `generate:` for very large programmes")
            }
            next += 1
        }
    }

    /// Aliases whose expansion would multiply the document (an "alias
    /// bomb": ten lines that expand to billions of values) are refused
    /// before anything walks the expanded tree. An alias is a copy of the
    /// anchored node with the anchor's position (Yams's anchors themselves
    /// are weak and gone once composing ends), and two different nodes of
    /// one kind never start at the same position, so the expanded size is
    /// computed once per (kind, position): linear in what is written, not
    /// in what it expands to.
    static let aliasGrowthLimit = 1_000_000

    private struct Place: Hashable {
        var kind: UInt8
        var line: Int
        var column: Int
    }

    static func checkAliases(_ root: Node, limit: Int) throws(ScenarioError) {
        var memo: [Place: Int] = [:]
        var written = 0
        let cap = max(limit, aliasGrowthLimit) + 1
        func size(_ node: Node) -> Int {
            var key: Place?
            if let mark = node.mark {
                let kind: UInt8
                switch node {
                case .scalar: kind = 0
                case .mapping: kind = 1
                case .sequence: kind = 2
                case .alias: kind = 3
                }
                let place = Place(kind: kind, line: mark.line, column: mark.column)
                if let known = memo[place] { return known }
                key = place
            }
            written += 1
            var total = 1
            switch node {
            case .mapping(let mapping):
                for (k, v) in mapping where total < cap { total += size(k) + size(v) }
            case .sequence(let sequence):
                for item in sequence where total < cap { total += size(item) }
            case .scalar, .alias:
                break
            }
            total = min(total, cap)
            if let key { memo[key] = total }
            return total
        }
        let expanded = size(root)
        if expanded >= cap || (expanded > aliasGrowthLimit && expanded > 4 * written) {
            throw Self.error(root.mark, expanded >= cap
                                ? "aliases expand this document to more than \(cap - 1) values (an alias bomb?)"
                                : "aliases expand this document from \(written) written values to \(expanded) (an alias bomb?)",
                             expected: "anchors and aliases that reuse small parts, not ones that multiply the document")
        }
    }

    /// The position of exactly `path`, or nil when the file does not write it.
    func location(of path: ScenarioKeyPath) -> SourceLocation? {
        let (index, matched) = walk(path)
        guard matched == path.components.count else { return nil }
        return location(entries[index])
    }

    /// The position of the deepest part of `path` the file writes (for a
    /// missing key: the mapping it is missing from); nil when not even the
    /// first key is written.
    func nearestLocation(of path: ScenarioKeyPath) -> SourceLocation? {
        let (index, matched) = walk(path)
        guard matched > 0 || path.components.isEmpty else { return nil }
        return location(entries[index])
    }

    private func walk(_ path: ScenarioKeyPath) -> (index: Int, matched: Int) {
        var index = 0
        var matched = 0
        for component in path.components {
            let entry = entries[index]
            let children = Int(entry.firstChild)..<Int(entry.firstChild) + Int(entry.childCount)
            switch component {
            case .index(let i):
                guard entry.isSequence, i >= 0, i < children.count else { return (index, matched) }
                index = children.lowerBound + i
            case .key(let key):
                guard !entry.isSequence, let found = children.first(where: { entries[$0].key == key }) else {
                    return (index, matched)
                }
                index = found
            }
            matched += 1
        }
        return (index, matched)
    }

    private func location(_ entry: Entry) -> SourceLocation? {
        entry.line > 0 ? SourceLocation(line: Int(entry.line), column: Int(entry.column)) : nil
    }

    private static func line(_ mark: Mark?) -> Int32 { Int32(clamping: mark?.line ?? 0) }
    private static func column(_ mark: Mark?) -> Int32 { Int32(clamping: mark?.column ?? 0) }

    private static func error(_ mark: Mark?, _ message: String, expected: String) -> ScenarioError {
        ScenarioError(ScenarioIssue(
            kind: .syntax, location: mark.map { SourceLocation(line: $0.line, column: $0.column) },
            keyPath: "", message: message, expected: expected))
    }
}
