@testable import TEEStore
import Testing

@Suite("etcd values: endpoints and key ranges")
struct EtcdValueTests {
    @Test("client URLs", arguments: [
        ("http://127.0.0.1:2479", "127.0.0.1", 2479, false),
        ("https://10.0.0.1:2479/", "10.0.0.1", 2479, true),
        ("https://[::1]:2479", "::1", 2479, true),
        ("http://etcd.example:2379", "etcd.example", 2379, false),
    ])
    func endpoint(url: String, host: String, port: Int, tls: Bool) throws {
        let endpoint = try #require(EtcdEndpoint(url: url))
        #expect(endpoint.host == host && endpoint.port == port && endpoint.usesTLS == tls)
    }

    @Test("what is not a client URL", arguments: ["127.0.0.1:2479", "unix:///run/etcd", "http://:2479", "http://host", "http://host:0", "http://host:x"])
    func badEndpoint(url: String) {
        #expect(EtcdEndpoint(url: url) == nil)
    }

    @Test("the end of a prefix range is the prefix with its last byte raised, as etcd defines it", arguments: [
        ([0x61], [0x62]),
        ([0x61, 0xff], [0x62]),
        ([0xff, 0xff], [0]),
        ([], [0]),
    ] as [([UInt8], [UInt8])])
    func prefixEnd(prefix: [UInt8], end: [UInt8]) {
        #expect(KeyRange.prefixEnd(prefix) == end)
    }
}
