/// The object lists of Traefik's API: `/api/PROTOCOL/COLLECTION`.
public enum APIObjectKind: Sendable, Hashable {
    case httpRouter, httpService, httpMiddleware
    case tcpRouter, tcpService, tcpMiddleware
    case udpRouter, udpService

    init?(protocol: String, collection: String) {
        switch (`protocol`, collection) {
        case ("http", "routers"): self = .httpRouter
        case ("http", "services"): self = .httpService
        case ("http", "middlewares"): self = .httpMiddleware
        case ("tcp", "routers"): self = .tcpRouter
        case ("tcp", "services"): self = .tcpService
        case ("tcp", "middlewares"): self = .tcpMiddleware
        case ("udp", "routers"): self = .udpRouter
        case ("udp", "services"): self = .udpService
        default: return nil
        }
    }

    /// The word Traefik's "not found" errors use.
    var singular: String {
        switch self {
        case .httpRouter, .tcpRouter, .udpRouter: "router"
        case .httpService, .tcpService, .udpService: "service"
        case .httpMiddleware, .tcpMiddleware: "middleware"
        }
    }

    /// The key prefix of TCP and UDP objects in the runtime's network status (`tcpRouter/NAME`).
    var statusPrefix: String {
        switch self {
        case .tcpRouter: "tcpRouter"
        case .tcpService: "tcpService"
        case .tcpMiddleware: "tcpMiddleware"
        case .udpRouter: "udpRouter"
        case .udpService: "udpService"
        default: ""
        }
    }
}
