public import TEEModel

/// Traefik's `ipStrategy`: which address is the client's. Without settings it is the connection's
/// peer; with `depth` the address that many places from the right of `X-Forwarded-For`; with
/// `excludedIPs` the rightmost one outside those ranges. Only `X-Forwarded-For` from trusted peers
/// reaches middlewares (`forwardedHeaders.trustedIPs`), so a client cannot pick its own address.
public struct IPStrategy: Sendable {
    public let configuration: IPStrategyConfiguration

    public init(_ configuration: IPStrategyConfiguration) {
        self.configuration = configuration
    }

    /// The client's address as text; empty when the header has too few addresses.
    public func clientAddress(of request: ProxyRequest) -> String {
        if self.configuration.depth == 0 && self.configuration.excludedIPs.isEmpty {
            return request.clientAddress?.description ?? ""
        }
        let forwarded = request.headerValues("x-forwarded-for")
            .flatMap { $0.split(separator: ",") }
            .map { String($0.trimmingSpaces()) }
        if self.configuration.depth > 0 {
            return forwarded.count >= self.configuration.depth ? forwarded[forwarded.count - self.configuration.depth] : ""
        }
        for candidate in forwarded.reversed() {
            guard let address = IPAddress(candidate) else { return candidate }
            if !self.configuration.excludedIPs.contains(where: { $0.contains(address) }) { return candidate }
        }
        return ""
    }
}
