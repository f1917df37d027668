/// The state of one router, service or middleware, as the API shows it.
public struct RuntimeObjectStatus: Sendable, Equatable {
    /// `enabled`, or `disabled` with errors.
    public var isEnabled: Bool { self.errors.isEmpty }
    /// Why the object is disabled.
    public var errors: [String]
    /// Routers that use this service or middleware.
    public var usedBy: [String]

    public init(errors: [String] = [], usedBy: [String] = []) {
        self.errors = errors
        self.usedBy = usedBy
    }
}
