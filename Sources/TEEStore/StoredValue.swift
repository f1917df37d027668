/// A key as etcd holds it: its value and the revisions that fence writes.
public struct StoredValue: Sendable, Hashable {
    public var key: String
    public var value: [UInt8]
    /// The store revision that created the key (leader election compares it).
    public var createRevision: Int64
    /// The store revision of the last change (If-Match compares it).
    public var modRevision: Int64
    /// Changes since creation.
    public var version: Int64
    /// The lease that keeps the key alive; 0 for none.
    public var lease: Int64

    public init(key: String, value: [UInt8], createRevision: Int64 = 0, modRevision: Int64 = 0, version: Int64 = 0, lease: Int64 = 0) {
        self.key = key
        self.value = value
        self.createRevision = createRevision
        self.modRevision = modRevision
        self.version = version
        self.lease = lease
    }

    /// The value as UTF-8 text.
    public var text: String { String(decoding: self.value, as: UTF8.self) }
}
