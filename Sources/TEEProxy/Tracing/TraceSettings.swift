public import TEEModel

/// What each request's trace records, from the `tracing` section and the entry point's `observability`.
public struct TraceSettings: Sendable {
    public let tracer: any RequestTracer
    /// Which requests are traced (`sampleRate`, or the caller's decision).
    public let sampler: TraceSampler
    /// The entry point's `traceVerbosity: detailed` (a router may say otherwise).
    public let detailed: Bool
    /// Header names as attribute suffixes (lower-cased), with the names to look up.
    let requestHeaders: [(name: String, attribute: String)]
    let responseHeaders: [(name: String, attribute: String)]
    /// Lower-cased names of the query parameters whose values `url.query` shows.
    let safeQueryParams: Set<String>

    public init(tracer: any RequestTracer, sampler: TraceSampler, configuration: TracingConfiguration, detailed: Bool) {
        self.tracer = tracer
        self.sampler = sampler
        self.detailed = detailed
        self.requestHeaders = configuration.capturedRequestHeaders.map { ($0, "http.request.header.\($0.lowercased())") }
        self.responseHeaders = configuration.capturedResponseHeaders.map { ($0, "http.response.header.\($0.lowercased())") }
        self.safeQueryParams = Set(configuration.safeQueryParams.map { $0.lowercased() })
    }

    /// The query for `url.query`: values of parameters not listed in `safeQueryParams` read `REDACTED`.
    func redactedQuery(_ query: Substring) -> String {
        query.split(separator: "&", omittingEmptySubsequences: false).map { pair in
            guard let equals = pair.firstIndex(of: "=") else { return String(pair) }
            let name = pair[..<equals]
            let decoded = PercentDecoding.decode(name)
            return self.safeQueryParams.contains(decoded.lowercased()) ? String(pair) : "\(name)=REDACTED"
        }.joined(separator: "&")
    }
}
