/// A sharded run that cannot go on, with what to do about it.
public struct ShardError: Error, CustomStringConvertible, Sendable {
    public enum Kind: Sendable {
        /// Files missing, duplicated, foreign or not matching the manifest: the user can fix it.
        case content
        /// The disk: cannot read or write.
        case file
    }

    public var kind: Kind
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }
}
