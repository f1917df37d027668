public import Foundation
public import TEEModel

/// What a provider serves: its last good documents, and its error while it has one (the source
/// unreachable, a document that does not load). The error does not remove the documents.
public struct ProviderState: Sendable, Equatable, Codable {
    public var provider: String
    public var documents: [ConfigurationDocument]
    /// Why the provider is not up to date, or nil.
    public var error: String?
    /// When the documents last changed; nil while the provider has never published (its source
    /// failed from the start), when `documents` is not its answer.
    public var changed: Date?

    public init(provider: String, documents: [ConfigurationDocument] = [], error: String? = nil, changed: Date? = nil) {
        self.provider = provider
        self.documents = documents
        self.error = error
        self.changed = changed
    }
}
