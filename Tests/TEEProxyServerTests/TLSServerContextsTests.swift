import NIOSSL
@testable import TEEProxyServer
import TEEModel
import TEETesting
import Testing

@Suite struct TLSServerContextsTests {
    /// Two certificates, `app.test` (loaded first: the default) and `*.wild.test`, under options with or without sniStrict.
    static func contexts(sniStrict: Bool) async throws -> TLSServerContexts {
        let pki = try await TestCertificates()
        let app = try await pki.issue("app", names: ["app.test"])
        let wild = try await pki.issue("wild", names: ["*.wild.test"])
        let store = TLSCertificateStore(TEEModel.TLSConfiguration(certificates: [
            CertificateFiles(certFile: app.certFile, keyFile: app.keyFile),
            CertificateFiles(certFile: wild.certFile, keyFile: wild.keyFile),
        ]))
        #expect(store.problems.isEmpty)
        let options = try TLSServerContext.contexts(store: store, options: TLSOptionsConfiguration(sniStrict: sniStrict))
        return TLSServerContexts(store: store, defaultContexts: options, byOptions: [:], exactHosts: [:], wildcardHosts: [:])
    }

    /// Whether a context chooses the certificate during the handshake (rather than serving its own).
    static func chooses(_ context: NIOSSLContext?) throws -> Bool {
        try #require(context).configuration.sslContextCallback != nil
    }

    @Test("names the default certificate serves get a context that does not choose per handshake; others one that does")
    func defaultCertificateNeedsNoChoice() async throws {
        let contexts = try await Self.contexts(sniStrict: false)
        #expect(try !Self.chooses(contexts.context(forServerName: "app.test")))
        #expect(try !Self.chooses(contexts.context(forServerName: nil)))
        #expect(try !Self.chooses(contexts.context(forServerName: "other.test")))  // no certificate names it: the default
        #expect(try Self.chooses(contexts.context(forServerName: "api.wild.test")))
    }

    @Test("with sniStrict, a name no certificate carries goes to the choosing context, which refuses it")
    func strictNamesAreChosen() async throws {
        let contexts = try await Self.contexts(sniStrict: true)
        #expect(try !Self.chooses(contexts.context(forServerName: "app.test")))
        #expect(try Self.chooses(contexts.context(forServerName: "other.test")))
        #expect(try Self.chooses(contexts.context(forServerName: nil)))
    }
}
