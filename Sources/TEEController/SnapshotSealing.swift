import TEEDistribution
import TEEModel

/// Keeps private keys out of etcd's copy of the snapshot: the stored certificates' document
/// (which carries their keys, for the proxies) is sealed with the data key when the snapshot is
/// written, and opened when a controller reads it back to stream it over mutual TLS.
struct SnapshotSealing: Sendable {
    /// The format of a sealed document; its content is the sealed original, `format\ncontent`.
    static let sealedFormat = "sealed"
    /// The providers whose documents carry private keys.
    static let secretProviders: Set<String> = ["certs"]

    let dataKey: DataKey?

    /// The snapshot as etcd keeps it.
    func seal(_ snapshot: ConfigurationSnapshot) throws -> ConfigurationSnapshot {
        var sealed = snapshot
        sealed.documents = try snapshot.documents.map { document in
            guard Self.secretProviders.contains(document.provider), let dataKey = self.dataKey else { return document }
            var copy = document
            copy.format = Self.sealedFormat
            copy.content = try dataKey.seal(Array("\(document.format)\n\(document.content)".utf8))
            return copy
        }
        return sealed
    }

    /// The snapshot as proxies get it; a document that does not open (another data key) is left out.
    func open(_ snapshot: ConfigurationSnapshot) -> ConfigurationSnapshot {
        var opened = snapshot
        opened.documents = snapshot.documents.compactMap { document in
            guard document.format == Self.sealedFormat else { return document }
            guard let plain = try? self.dataKey?.open(document.content) else { return nil }
            let text = String(decoding: plain, as: UTF8.self)
            guard let newline = text.firstIndex(of: "\n") else { return nil }
            var copy = document
            copy.format = String(text[..<newline])
            copy.content = String(text[text.index(after: newline)...])
            return copy
        }
        return opened
    }
}
