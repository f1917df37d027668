import Foundation
import SwiftProtobuf
public import TEEModel

/// One compiled configuration of the cluster: a version and every source document. It travels
/// as the protobuf `Snapshot` message, in etcd, on the stream to proxies and in the file a proxy
/// keeps as its last good configuration.
public struct ConfigurationSnapshot: Sendable, Hashable {
    /// Grows by one with each compilation; 0 is "nothing yet".
    public var version: UInt64
    public var documents: [ConfigurationDocument]
    /// When the leader compiled it (Unix milliseconds).
    public var compiledAt: Int64

    public init(version: UInt64, documents: [ConfigurationDocument], compiledAt: Int64? = nil) {
        self.version = version
        self.documents = documents
        self.compiledAt = compiledAt ?? Int64(Date().timeIntervalSince1970 * 1000)
    }

    init(_ message: Tee_Distribution_V1_Snapshot) {
        self.version = message.version
        self.documents = message.sources.map {
            ConfigurationDocument(provider: $0.provider, name: $0.name, format: $0.format, content: $0.content)
        }
        self.compiledAt = message.compiledAtUnixMs
    }

    var message: Tee_Distribution_V1_Snapshot {
        var message = Tee_Distribution_V1_Snapshot()
        message.version = self.version
        message.compiledAtUnixMs = self.compiledAt
        message.sources = self.documents.map { document in
            var source = Tee_Distribution_V1_SourceDocument()
            source.provider = document.provider
            source.name = document.name
            source.format = document.format
            source.content = document.content
            return source
        }
        return message
    }

    /// The protobuf encoding (what etcd and the proxy's state file hold).
    public var serialized: [UInt8] {
        (try? self.message.serializedBytes()) ?? []
    }

    /// Decodes ``serialized``; nil for bytes that are not a snapshot.
    public init?(serialized bytes: [UInt8]) {
        guard let message = try? Tee_Distribution_V1_Snapshot(serializedBytes: bytes) else { return nil }
        self.init(message)
    }

    /// The dynamic configuration it describes.
    public func load() throws(ConfigurationErrors) -> DynamicConfiguration {
        try ConfigurationDocument.load(self.documents)
    }

    /// The mesh's services and policy it carries.
    public func loadMesh() throws(ConfigurationErrors) -> MeshConfiguration {
        try ConfigurationDocument.loadMesh(self.documents)
    }
}
