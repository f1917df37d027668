import Foundation

/// A provider's state as the leader records it for the API: its error while it has one, and
/// when its documents last changed.
struct ProviderStatus: Codable, Sendable {
    var provider: String
    var error: String?
    var changed: Date?
    /// The names of its documents in the sources.
    var documents: [String]
}
