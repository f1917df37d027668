import Foundation
import NIOSSL
import TEEModel

/// The certificates of `tls.certificates` and `tls.stores.default.defaultCertificate`, chosen by
/// the name the client asks for (SNI): an exact name first, then a `*.` wildcard one label up,
/// then the default certificate.
struct TLSCertificateStore: Sendable {
    /// A certificate chain with its key.
    struct Entry: Sendable {
        let chain: [NIOSSLCertificate]
        let key: NIOSSLPrivateKey
        let names: [String]
        /// The entry's place among those loaded, which tells entries apart.
        let number: Int
    }

    private var exact: [String: Entry] = [:]
    private var wildcard: [String: Entry] = [:]
    /// Served when nothing matches the SNI (or the client sent none).
    private(set) var defaultEntry: Entry?
    /// The leaf of every certificate loaded (`tee_tls_certs_not_after`).
    private(set) var leaves: [NIOSSLCertificate] = []
    /// Certificates that could not be loaded, with why; they are skipped.
    private(set) var problems: [String] = []

    var isEmpty: Bool { self.defaultEntry == nil }

    init(_ configuration: TEEModel.TLSConfiguration) {
        for files in configuration.certificates {
            guard let entry = self.load(files) else { continue }
            for name in entry.names {
                if name.hasPrefix("*.") {
                    let suffix = String(name.dropFirst(1))
                    if self.wildcard[suffix] == nil { self.wildcard[suffix] = entry }
                } else if self.exact[name] == nil {
                    self.exact[name] = entry
                }
            }
            if self.defaultEntry == nil { self.defaultEntry = entry }
        }
        if let files = configuration.defaultCertificate, let entry = self.load(files) {
            self.defaultEntry = entry
        }
    }

    /// The certificate for `serverName`; nil only when the store is empty, or when `strict`
    /// and no certificate carries the name.
    func entry(for serverName: String?, strict: Bool) -> Entry? {
        if let serverName {
            let name = serverName.lowercased()
            if let entry = self.exact[name] { return entry }
            if let suffix = HostPattern.wildcardSuffix(of: name), let entry = self.wildcard[suffix] { return entry }
        }
        return strict ? nil : self.defaultEntry
    }

    /// Whether a ClientHello naming `serverName` gets the default certificate (which a context
    /// built with it serves without choosing per connection).
    func servesDefault(for serverName: String?, strict: Bool) -> Bool {
        guard let chosen = self.entry(for: serverName, strict: strict), let fallback = self.defaultEntry else { return false }
        return chosen.number == fallback.number
    }

    private mutating func load(_ files: CertificateFiles) -> Entry? {
        do {
            let chain = try Self.pem(files.certFile) { try NIOSSLCertificate.fromPEMBytes($0) }
            let key = try Self.pem(files.keyFile) { try NIOSSLPrivateKey(bytes: $0, format: .pem) }
            guard let leaf = chain.first else { throw TLSStoreError(message: "no certificate in the file") }
            var names: [String] = []
            for name in leaf._subjectAlternativeNames() where name.nameType == .dnsName {
                names.append(String(decoding: name.contents.withUnsafeBufferPointer { Array($0) }, as: UTF8.self).lowercased())
            }
            self.leaves.append(leaf)
            return Entry(chain: chain, key: key, names: names, number: self.leaves.count - 1)
        } catch {
            self.problems.append("certificate \(files.certFile): \(error)")
            return nil
        }
    }

    /// Reads PEM from a file, or takes it inline when the value itself is PEM (as Traefik allows).
    private static func pem<T>(_ value: String, parse: ([UInt8]) throws -> T) throws -> T {
        if value.hasPrefix("-----BEGIN") { return try parse(Array(value.utf8)) }
        guard let data = FileManager.default.contents(atPath: value) else {
            throw TLSStoreError(message: "cannot read \(value)")
        }
        return try parse(Array(data))
    }
}

/// Why a certificate could not be loaded.
struct TLSStoreError: Error, CustomStringConvertible {
    let message: String
    var description: String { self.message }
}
