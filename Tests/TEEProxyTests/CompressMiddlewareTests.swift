import NIOHTTP1
import TEEModel
import TEEProxy
import Testing

@Suite struct CompressMiddlewareTests {
    @Test("the encoding is the preferred one the client accepts", arguments: [
        ("gzip, deflate, br", "br" as String?),
        ("gzip", "gzip"),
        ("br;q=0, gzip;q=0.5", "gzip"),
        ("*", "br"),
        ("*, br;q=0", "gzip"),
        ("deflate", nil),
        ("identity", nil),
    ])
    func negotiation(acceptEncoding: String, expected: String?) throws {
        let compress = try middleware("compress: {}")
        var proxied = request("a.test", headers: [("Accept-Encoding", acceptEncoding)])
        _ = compress.handle(&proxied)
        var head = HTTPResponseHead(version: .http1_1, status: .ok, headers: ["Content-Type": "text/html", "Content-Length": "5000"])
        let transformer = proxied.responseTransforms.first?.make(&head, proxied)
        #expect((transformer != nil ? head.headers.first(name: "Content-Encoding") : nil) == expected)
    }

    @Test("which responses are compressed", arguments: [
        (200, "text/html; charset=utf-8", "5000", nil as String?, true),
        (200, "text/html", "10", nil, false),              // smaller than minResponseBodyBytes
        (200, "text/html", nil, nil, true),                // length unknown: compressed
        (200, "image/png", "5000", nil, false),            // excluded
        (200, "text/event-stream", nil, nil, false),
        (200, "text/html", "5000", "gzip", false),         // already encoded
        (204, "text/html", nil, nil, false),
        (206, "text/html", "5000", nil, false),
    ])
    func selection(status: Int, contentType: String, length: String?, encoding: String?, compressed: Bool) throws {
        let compress = try middleware("compress:\n  excludedContentTypes: [image/png]")
        var proxied = request("a.test", headers: [("Accept-Encoding", "gzip")])
        _ = compress.handle(&proxied)
        var headers = HTTPHeaders([("Content-Type", contentType)])
        if let length { headers.add(name: "Content-Length", value: length) }
        if let encoding { headers.add(name: "Content-Encoding", value: encoding) }
        var head = HTTPResponseHead(version: .http1_1, status: HTTPResponseStatus(statusCode: status), headers: headers)
        #expect((proxied.responseTransforms.first?.make(&head, proxied) != nil) == compressed)
    }

    @Test("invalid settings", arguments: [
        ("compress:\n  encodings: [zstd]", "none of [\"zstd\"] can be produced"),
        ("compress:\n  excludedContentTypes: [a/b]\n  includedContentTypes: [c/d]", "not both"),
        ("compress:\n  defaultEncoding: deflate", "'deflate' is not one of the encodings"),
    ])
    func invalid(yaml: String, message: String) {
        #expect { _ = try middleware(yaml) } throws: { "\($0)".contains(message) }
    }
}
