public import TEEModel

/// A provider's whole set of documents, and what it had to leave out (a container whose labels
/// do not make a configuration, kept at its last good state when it had one).
public struct ProviderUpdate: Sendable {
    public var documents: [ConfigurationDocument]
    public var problems: [String]

    public init(documents: [ConfigurationDocument], problems: [String] = []) {
        self.documents = documents
        self.problems = problems
    }
}
