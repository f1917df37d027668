/// Copies of a request that a `mirroring` service asks for: sent once the request has been read,
/// their responses ignored.
public struct MirrorPlan: Sendable {
    /// The servers that get a copy.
    public var targets: [ServerSelection]
    /// `mirrorBody`: copies carry the request body (else they are sent without one).
    public var withBody: Bool
    /// `maxBodySize`: a request whose body is larger is not mirrored; nil for no limit.
    public var maxBodySize: Int?

    public init(targets: [ServerSelection], withBody: Bool, maxBodySize: Int?) {
        self.targets = targets
        self.withBody = withBody
        self.maxBodySize = maxBodySize
    }
}
