/// The kinds of named objects in the dynamic configuration.
public enum ConfigurationObjectKind: String, Sendable, Hashable, CaseIterable {
    case router
    case service
    case middleware
    case serversTransport
    case tlsOptions
    case tcpRouter
    case tcpService
    case tcpMiddleware
    case udpRouter
    case udpService
}
