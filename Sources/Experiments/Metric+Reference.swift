/// The registry as the Markdown table `docs/results-schema.md` carries
/// (a test keeps the two equal).
extension Metric {
    public static var referenceTable: String {
        var out = "| name | unit | indexed by | aggregates as | in `result.json` | meaning |\n|---|---|---|---|---|---|\n"
        for m in all {
            let label = m.dimension.map { "`\(m.name)[\($0.rawValue.uppercased())]`" } ?? "`\(m.name)`"
            let representation = switch m.representation {
            case .number: ""
            case .integer: " (whole)"
            case .boolean: " (true/false)"
            }
            out += "| \(label) | \(m.unit.rawValue)\(representation) | \(m.dimension?.rawValue ?? "—") | "
                + "\(m.aggregate.rawValue) | \(m.isBounded ? "yes" : "no (volume files)") | \(m.description) |\n"
        }
        return out
    }
}
