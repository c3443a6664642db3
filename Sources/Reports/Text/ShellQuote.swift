import Foundation

/// Arguments quoted for a POSIX shell, so that a command printed for the
/// user to paste runs exactly those arguments: a plan named
/// `p; touch PWNED #` stays one argument and runs nothing.
///
///     ShellQuote.command(["renosim", "run", "my plan's.yaml"])
///     // renosim run 'my plan'\''s.yaml'
public enum ShellQuote {
    /// Characters that need no quoting in any POSIX shell.
    private static let plain = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-+=%@:,./".unicodeScalars)

    /// One argument: as is when every character is plain, otherwise in
    /// single quotes (inside which only `'` is special: `'\''`).
    public static func argument(_ text: String) -> String {
        if !text.isEmpty, text.unicodeScalars.allSatisfy(plain.contains) { return text }
        return "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// Every argument quoted, separated by spaces.
    public static func command(_ arguments: [String]) -> String {
        arguments.map(argument).joined(separator: " ")
    }
}
