import TEEModel
import Testing

@Suite struct ValueParsingTests {
    @Test("addresses", arguments: [
        (":80", ListenAddress(host: nil, port: 80)),
        ("0.0.0.0:8080", ListenAddress(host: "0.0.0.0", port: 8080)),
        ("[::1]:8443", ListenAddress(host: "::1", port: 8443)),
        ("127.0.0.1:53/tcp", ListenAddress(host: "127.0.0.1", port: 53)),
    ])
    func address(text: String, expected: ListenAddress) {
        #expect(ListenAddress(parsing: text) == expected)
    }

    @Test("malformed addresses", arguments: ["80", "host", ":http", ":70000", ":-1", ""])
    func badAddress(text: String) {
        #expect(ListenAddress(parsing: text) == nil)
    }

    @Test func addressDescriptionAndBindHost() {
        #expect(ListenAddress(host: "::1", port: 1).description == "[::1]:1")
        #expect(ListenAddress(host: nil, port: 80).description == ":80")
        #expect(ListenAddress(host: nil, port: 80).bindHost == "::")
    }

    @Test("durations", arguments: [
        ("10s", Duration.seconds(10)), ("1m30s", .seconds(90)), ("500ms", .milliseconds(500)),
        ("1.5h", .seconds(5400)), ("42", .seconds(42)), ("0", .zero), ("250us", .microseconds(250)),
    ])
    func duration(text: String, expected: Duration) {
        #expect(GoDuration.parse(text) == expected)
    }

    @Test("malformed durations", arguments: ["", "s", "10x", "-5", "ten seconds", "1m-3s"])
    func badDuration(text: String) {
        #expect(GoDuration.parse(text) == nil)
    }
}
