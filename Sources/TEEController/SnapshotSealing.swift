import TEEDistribution
import TEEModel

/// Keeps private keys out of etcd: the documents that carry them (the stored certificates', and
/// the ACME challenge answers with their TLS-ALPN-01 keys) are sealed with the data key where
/// etcd keeps them, and opened when a controller reads them back, to compile or to stream the
/// snapshot over mutual TLS.
struct SnapshotSealing: Sendable {
    /// The format of a sealed document; its content is the sealed original, `format\ncontent`.
    static let sealedFormat = "sealed"
    /// The providers whose documents carry private keys.
    static let secretProviders: Set<String> = ["certs", ConfigurationDocument.acmeProvider]

    let dataKey: DataKey?

    /// The document as etcd keeps it.
    func seal(_ document: ConfigurationDocument) throws -> ConfigurationDocument {
        guard Self.secretProviders.contains(document.provider), let dataKey = self.dataKey else { return document }
        var copy = document
        copy.format = Self.sealedFormat
        copy.content = try dataKey.seal(Array("\(document.format)\n\(document.content)".utf8))
        return copy
    }

    /// The document as it was before sealing; nil when it does not open (another data key).
    func open(_ document: ConfigurationDocument) -> ConfigurationDocument? {
        guard document.format == Self.sealedFormat else { return document }
        guard let plain = try? self.dataKey?.open(document.content) else { return nil }
        let text = String(decoding: plain, as: UTF8.self)
        guard let newline = text.firstIndex(of: "\n") else { return nil }
        var copy = document
        copy.format = String(text[..<newline])
        copy.content = String(text[text.index(after: newline)...])
        return copy
    }

    /// The snapshot as etcd keeps it.
    func seal(_ snapshot: ConfigurationSnapshot) throws -> ConfigurationSnapshot {
        var sealed = snapshot
        sealed.documents = try snapshot.documents.map(self.seal)
        return sealed
    }

    /// The snapshot as proxies get it; a document that does not open is left out.
    func open(_ snapshot: ConfigurationSnapshot) -> ConfigurationSnapshot {
        var opened = snapshot
        opened.documents = snapshot.documents.compactMap(self.open)
        return opened
    }
}
