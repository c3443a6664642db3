/// renosim's version: what `renosim --version` prints and result files record.
public enum ToolVersion {
    public static let current = "0.1.0"
}
