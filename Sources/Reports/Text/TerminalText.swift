extension String {
    /// Control characters shown as escapes (`\n`, `\u{1B}`), so that a name
    /// from a scenario cannot break a line, move the cursor or recolour the
    /// terminal it is printed to.
    ///
    ///     "a\u{1B}[31mb".terminalSafe   // a\u{1B}[31mb, printed literally
    public var terminalSafe: String { escapingControls(keepingLines: false) }

    /// The same, keeping line breaks and tabs: for whole messages.
    public var terminalSafeKeepingLines: String { escapingControls(keepingLines: true) }

    private func escapingControls(keepingLines: Bool) -> String {
        var out = ""
        for scalar in unicodeScalars {
            switch scalar {
            case "\n" where keepingLines, "\t" where keepingLines: out.unicodeScalars.append(scalar)
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            // C0, DEL, C1, and the bidirectional overrides that reorder what follows.
            case _ where scalar.properties.generalCategory == .control || (0x202A...0x202E).contains(scalar.value):
                out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
