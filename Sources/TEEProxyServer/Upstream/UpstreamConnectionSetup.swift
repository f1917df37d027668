/// A new upstream connection once set up for its protocol.
enum UpstreamConnectionSetup {
    case http1(UpstreamConnection)
    case http2(UpstreamHTTP2Connection)
}
