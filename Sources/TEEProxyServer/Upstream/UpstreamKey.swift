import TEEProxy

/// Which connections can be shared: same host, port and transport settings.
struct UpstreamKey: Hashable {
    let host: String
    let port: Int
    let transport: UpstreamTransport
}
