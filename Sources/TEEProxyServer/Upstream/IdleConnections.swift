/// The idle connections to one server, most recently returned last.
final class IdleConnections {
    var connections: [UpstreamConnection]

    init(_ connection: UpstreamConnection) {
        self.connections = [connection]
    }
}
