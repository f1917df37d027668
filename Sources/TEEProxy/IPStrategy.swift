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

    /// The key that groups a client's requests (`rateLimit`, `inFlightReq`): its address, or with
    /// `ipv6Subnet` an IPv6 address's subnet (`2001:db8:1::/48`).
    public func sourceKey(of request: ProxyRequest) -> String {
        let address = self.clientAddress(of: request)
        guard self.configuration.ipv6Subnet > 0, let ip = IPAddress(address), !ip.isIPv4 else { return address }
        var bytes = ip.bytes
        for index in 0..<16 {
            let keep = max(0, min(8, self.configuration.ipv6Subnet - index * 8))
            bytes[index] &= keep == 8 ? 0xff : ~(0xff >> UInt8(keep))
        }
        return IPAddress(bytes: bytes).map { "\($0)/\(self.configuration.ipv6Subnet)" } ?? address
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
