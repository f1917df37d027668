/// A change to a watched key.
public struct WatchEvent: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        case put
        case delete
    }

    public var kind: Kind
    /// The key after the change (for a delete: the key, with an empty value).
    public var value: StoredValue

    public init(kind: Kind, value: StoredValue) {
        self.kind = kind
        self.value = value
    }
}
