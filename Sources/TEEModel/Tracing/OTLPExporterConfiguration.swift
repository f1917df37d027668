/// `otlp`: an OTLP collector's address, over HTTP (protobuf) or gRPC, with headers and client TLS.
public struct OTLPExporterConfiguration: Sendable, Equatable {
    public enum Transport: String, Sendable, Equatable {
        case http
        case grpc
    }

    public var transport: Transport
    /// HTTP: the full URL (`http://localhost:4318/v1/traces`); gRPC: `host:port` (`localhost:4317`).
    public var endpoint: String
    /// gRPC's `insecure`: plain HTTP/2 instead of TLS.
    public var insecure: Bool
    /// `headers`: sent with every export (an API key, a tenant).
    public var headers: [String: String]
    /// `tls`: the CA that signs the collector, and a client certificate.
    public var tls: ProviderTLSConfiguration?

    /// Traefik's default: OTLP over HTTP to a collector on this host.
    public static let defaultHTTP = OTLPExporterConfiguration(transport: .http, endpoint: "http://localhost:4318/v1/traces")

    public init(transport: Transport, endpoint: String, insecure: Bool = false, headers: [String: String] = [:],
                tls: ProviderTLSConfiguration? = nil) {
        self.transport = transport
        self.endpoint = endpoint
        self.insecure = insecure
        self.headers = headers
        self.tls = tls
    }

    /// The URL the exporter connects to: gRPC's `host:port` gets `http://` when insecure, `https://` otherwise.
    public var url: String {
        switch self.transport {
        case .http: self.endpoint
        case .grpc: self.endpoint.contains("://") ? self.endpoint : (self.insecure ? "http://" : "https://") + self.endpoint
        }
    }

    /// Reads the `http` or `grpc` section under `otlp` (HTTP's endpoint defaulting to `defaultHTTPEndpoint`).
    static func parse(_ otlp: ConfigNode, defaultHTTPEndpoint: String = Self.defaultHTTP.endpoint) throws(ConfigurationError)
        -> OTLPExporterConfiguration {
        let http = try otlp.child("http")
        let grpc = try otlp.child("grpc")
        if http != nil, grpc != nil { throw otlp.error("give otlp.http or otlp.grpc, not both") }
        var exporter: OTLPExporterConfiguration
        let node: ConfigNode
        if let grpc {
            node = grpc
            try grpc.requireKnownKeys(["endpoint", "insecure", "headers", "tls"])
            exporter = OTLPExporterConfiguration(transport: .grpc, endpoint: try grpc.child("endpoint")?.string() ?? "localhost:4317",
                                                 insecure: try grpc.child("insecure")?.bool() ?? false)
        } else if let http {
            node = http
            try http.requireKnownKeys(["endpoint", "headers", "tls"])
            exporter = OTLPExporterConfiguration(transport: .http, endpoint: try http.child("endpoint")?.string() ?? defaultHTTPEndpoint)
            if let endpoint = try http.child("endpoint"),
               !(exporter.endpoint.hasPrefix("http://") || exporter.endpoint.hasPrefix("https://")) {
                throw endpoint.error("'\(exporter.endpoint)' is not a URL; use one such as http://localhost:4318/v1/traces")
            }
        } else {
            return OTLPExporterConfiguration(transport: .http, endpoint: defaultHTTPEndpoint)
        }
        for (name, value) in try node.child("headers")?.entries() ?? [] {
            exporter.headers[name] = try value.string()
        }
        if let tls = try node.child("tls") {
            let parsed = try ProviderTLSConfiguration.parse(tls)
            if parsed.insecureSkipVerify {
                throw try tls.child("insecureSkipVerify")!.error(
                    "not supported for OTLP: the collector's certificate is always checked; give its CA in tls.ca")
            }
            exporter.tls = parsed
        }
        return exporter
    }
}
