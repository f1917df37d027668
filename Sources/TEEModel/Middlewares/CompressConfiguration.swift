/// `compress`: compresses response bodies with the best encoding the client accepts.
public struct CompressConfiguration: Sendable, Equatable {
    /// Encodings tee can produce, in Traefik's order of preference.
    public static let supportedEncodings = ["br", "gzip"]

    public var excludedContentTypes: [String]
    public var includedContentTypes: [String]
    /// Responses known to be smaller than this are sent as they are.
    public var minResponseBodyBytes: Int
    /// `encodings`: those tee may use, in order of preference.
    public var encodings: [String]
    /// `defaultEncoding`: used when the client sends no `Accept-Encoding`.
    public var defaultEncoding: String?

    public init(excludedContentTypes: [String] = [], includedContentTypes: [String] = [], minResponseBodyBytes: Int = 1024,
                encodings: [String] = Self.supportedEncodings, defaultEncoding: String? = nil) {
        self.excludedContentTypes = excludedContentTypes
        self.includedContentTypes = includedContentTypes
        self.minResponseBodyBytes = minResponseBodyBytes
        self.encodings = encodings
        self.defaultEncoding = defaultEncoding
    }

    static func parse(_ body: ConfigNode) throws(ConfigurationError) -> Self {
        try body.requireKnownKeys(["excludedContentTypes", "includedContentTypes", "minResponseBodyBytes", "encodings", "defaultEncoding"])
        var settings = Self()
        settings.excludedContentTypes = try body.child("excludedContentTypes")?.stringList() ?? []
        settings.includedContentTypes = try body.child("includedContentTypes")?.stringList() ?? []
        if !settings.excludedContentTypes.isEmpty && !settings.includedContentTypes.isEmpty {
            throw body.error("set excludedContentTypes or includedContentTypes, not both")
        }
        settings.minResponseBodyBytes = try body.child("minResponseBodyBytes")?.int(atLeast: 0) ?? settings.minResponseBodyBytes
        if let node = try body.child("encodings") {
            let listed = try node.stringList().map { $0.lowercased() }
            settings.encodings = listed.filter { Self.supportedEncodings.contains($0) }
            guard !settings.encodings.isEmpty else {
                throw node.error("none of \(listed) can be produced; tee compresses with \(Self.supportedEncodings.joined(separator: " and "))")
            }
        }
        if let node = try body.child("defaultEncoding") {
            let encoding = try node.string().lowercased()
            guard settings.encodings.contains(encoding) else { throw node.error("'\(encoding)' is not one of the encodings \(settings.encodings)") }
            settings.defaultEncoding = encoding
        }
        return settings
    }
}
