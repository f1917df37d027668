import Hummingbird

/// Refuses API calls from TLS clients without a certificate from the cluster CA, except the two
/// a joining node makes before it has one (its join token authenticates it instead).
struct TrustedClientMiddleware: RouterMiddleware {
    typealias Context = ControllerRequestContext

    static let openPaths: Set<String> = ["/api/v1/cluster-info", "/api/v1/join"]

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if Self.openPaths.contains(request.uri.path) { return try await next(request, context) }
        guard await context.isTrusted else {
            return ControllerAPI.error(.unauthorized, "this API needs a client certificate from the cluster CA: use teeadm on a node "
                + "of the cluster (it uses /etc/tee/pki/node.pem), or join this node first")
        }
        return try await next(request, context)
    }
}
