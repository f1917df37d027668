/// How the agents carry a service's traffic: HTTP (routed by Host, with HTTP policy) or TCP
/// (routed by virtual IP and port).
public enum MeshServiceProtocol: String, Sendable, CaseIterable {
    case http
    case tcp
}
