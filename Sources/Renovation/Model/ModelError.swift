/// A scenario that cannot be turned into a runnable model. The validator
/// reports these with file and line first; this is the last line of defence
/// for a scenario built in code.
public struct ModelError: Error, CustomStringConvertible, Equatable {
    public let keyPath: String
    public let message: String

    public init(_ keyPath: String, _ message: String) {
        self.keyPath = keyPath
        self.message = message
    }

    public var description: String { "\(keyPath): \(message)" }
}
