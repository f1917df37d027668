/// What tee does with a key of Traefik's configuration reference.
public enum ConfigurationKeyStatus: Sendable, Equatable {
    /// tee implements the key as Traefik does.
    case supported
    /// tee accepts the key, does not act on it yet, and says so in one warning.
    case notYet
    /// tee accepts the key and warns that it has no effect, for the reason given.
    case noEffect(String)
    /// tee does not have this kind of object yet: one that uses it is disabled alone, with an error naming the key.
    case disablesObject

    /// The word the README's key table shows.
    public var label: String {
        switch self {
        case .supported: "supported"
        case .notYet: "warned: not yet"
        case .noEffect: "warned: no effect"
        case .disablesObject: "not yet: the object is disabled with an error"
        }
    }

    /// The warning a file using the key gets; nil when the key is supported.
    public var warning: String? {
        switch self {
        case .supported, .disablesObject: nil
        case .notYet: "not supported by tee yet; the key and everything under it are ignored"
        case .noEffect(let reason): "has no effect in tee (\(reason)); ignored"
        }
    }
}
