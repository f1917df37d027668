import NIOCore
public import NIOHTTP1
public import TEEModel

/// `compress`: when the client accepts br or gzip and the response is not already encoded, is
/// big enough (`minResponseBodyBytes`, when its length is known) and has a content type that is
/// not excluded, the body is compressed as it streams; `Content-Length` goes (the body is then
/// chunked) and `Vary: Accept-Encoding` is added.
public struct CompressMiddleware: RequestMiddleware {
    public let configuration: CompressConfiguration

    /// Content types that are never compressed (gRPC frames and server-sent events stream).
    static let neverCompressed = ["application/grpc", "text/event-stream"]

    public init(_ configuration: CompressConfiguration) {
        self.configuration = configuration
    }

    public func handle(_ request: inout ProxyRequest) -> MiddlewareOutcome {
        guard request.head.method != .HEAD, let encoding = self.encoding(accepted: request.headerValues("accept-encoding")) else {
            return .proceed
        }
        let configuration = self.configuration
        request.responseTransforms.append(ResponseTransform { head, _ in
            guard Self.shouldCompress(head, configuration: configuration) else { return nil }
            let encoder: (any ResponseBodyTransformer)? = encoding == "br" ? BrotliEncoder() : GzipEncoder()
            guard let encoder else { return nil }
            head.headers.remove(name: "content-length")
            head.headers.remove(name: "accept-ranges")
            head.headers.replaceOrAdd(name: "Content-Encoding", value: encoding)
            head.headers.add(name: "Vary", value: "Accept-Encoding")
            if !head.headers.contains(name: "transfer-encoding") { head.headers.add(name: "Transfer-Encoding", value: "chunked") }
            return encoder
        })
        return .proceed
    }

    /// The preferred encoding the client accepts (`q=0` refuses one), or the default when it says nothing.
    func encoding(accepted values: [String]) -> String? {
        guard !values.isEmpty else { return self.configuration.defaultEncoding }
        var accepted: [String: Double] = [:]
        for item in values.flatMap({ $0.split(separator: ",") }) {
            let parts = item.split(separator: ";").map { $0.trimmingSpaces() }
            guard let name = parts.first?.lowercased(), !name.isEmpty else { continue }
            let quality = parts.dropFirst().first { $0.hasPrefix("q=") }.flatMap { Double($0.dropFirst(2)) } ?? 1
            accepted[name] = quality
        }
        return self.configuration.encodings.first { encoding in
            (accepted[encoding] ?? accepted["*"] ?? 0) > 0
        }
    }

    static func shouldCompress(_ head: HTTPResponseHead, configuration: CompressConfiguration) -> Bool {
        let status = head.status.code
        guard status >= 200, status != 204, status != 206, status != 304 else { return false }
        guard !head.headers.contains(name: "content-encoding") else { return false }
        if let length = head.headers.first(name: "content-length").flatMap(Int.init), length < configuration.minResponseBodyBytes {
            return false
        }
        let contentType = (head.headers.first(name: "content-type") ?? "").split(separator: ";").first
            .map { $0.trimmingSpaces().lowercased() } ?? ""
        if Self.neverCompressed.contains(contentType) { return false }
        if !configuration.includedContentTypes.isEmpty {
            return configuration.includedContentTypes.contains { $0.lowercased() == contentType }
        }
        return !configuration.excludedContentTypes.contains { $0.lowercased() == contentType }
    }
}
