import NIOCore
import NIOSSL
import TEEModel
import TEEProxy

/// Builds the TLS server contexts for a configuration: certificates chosen by SNI from the
/// store, and for each `tls.options` entry that routers use, its versions, cipher suites,
/// client certificates, sniStrict and ALPN.
enum TLSServerContext {
    /// The contexts, or nil when no certificate is configured (entry points then stay plain HTTP),
    /// with every problem found on the way.
    static func make(_ configuration: DynamicConfiguration, runtime: ProxyRuntime)
        throws -> (contexts: TLSServerContexts?, problems: [String], certificates: [NIOSSLCertificate]) {
        let store = TLSCertificateStore(configuration.tls)
        guard store.defaultEntry != nil else { return (nil, store.problems, []) }
        var problems = store.problems
        let defaultContexts = try Self.contexts(store: store, options: configuration.tls.options["default"] ?? TLSOptionsConfiguration())
        let hosts = Self.optionsByHost(configuration, runtime: runtime, problems: &problems)
        var byOptions: [String: TLSServerContexts.OptionsContexts] = [:]
        for name in Set(hosts.exact.values).union(hosts.wildcard.values) where name != "default" {
            guard let options = configuration.tls.options[name] else { continue }
            do {
                byOptions[name] = try Self.contexts(store: store, options: options)
            } catch {
                problems.append("tls.options.\(name): \(error); connections for its hosts are refused")
            }
        }
        let contexts = TLSServerContexts(store: store, defaultContexts: defaultContexts, byOptions: byOptions,
                                         exactHosts: hosts.exact, wildcardHosts: hosts.wildcard)
        return (contexts, problems, store.leaves)
    }

    /// The options each host uses, from the enabled TLS routers' `tls.domains` or the hosts of their rules.
    /// A host that two routers give different options falls back to `default`, as in Traefik.
    private static func optionsByHost(_ configuration: DynamicConfiguration, runtime: ProxyRuntime,
                                      problems: inout [String]) -> (exact: [String: String], wildcard: [String: String]) {
        var claims: [HostPattern: [String: [String]]] = [:]  // host → options → routers
        for (name, router) in configuration.routers.sorted(by: { $0.key < $1.key }) {
            guard let tls = router.tls, runtime.routerStatus[name]?.isEnabled == true else { continue }
            let hosts = tls.domains.isEmpty
                ? ((try? RuleExpression.parse(router.rule))?.requiredHosts ?? [])
                : tls.domains.map(HostPattern.init)
            for host in hosts { claims[host, default: [:]][tls.optionsName, default: []].append(name) }
        }
        var exact: [String: String] = [:]
        var wildcard: [String: String] = [:]
        for (host, byOptions) in claims {
            var options = byOptions.keys.first ?? "default"
            if byOptions.count > 1 {
                let who = byOptions.sorted { $0.key < $1.key }.map { "\($0.key) (\($0.value.joined(separator: ", ")))" }
                problems.append("tls.options: routers give \(host) different TLS options, \(who.joined(separator: " and ")); it uses default")
                options = "default"
            }
            switch host {
            case .exact(let name): exact[name] = options
            case .wildcard(let suffix): wildcard[suffix] = options
            }
        }
        return (exact, wildcard)
    }

    /// The two contexts of one `tls.options` entry, from one configuration (its client CA files
    /// read once): one that serves the default certificate without asking, and one that chooses
    /// each connection's certificate by its SNI during the handshake.
    static func contexts(store: TLSCertificateStore, options: TLSOptionsConfiguration) throws -> TLSServerContexts.OptionsContexts {
        var tls = try Self.configuration(store: store, options: options)
        let serving = try NIOSSLContext(configuration: tls)
        let strict = options.sniStrict
        tls.sslContextCallback = { values, promise in
            guard let entry = store.entry(for: values.serverHostname, strict: strict) else {
                promise.fail(TLSStoreError(message: "no certificate for \(values.serverHostname ?? "a client without SNI") (sniStrict)"))
                return
            }
            var override = NIOSSLContextConfigurationOverride()
            override.certificateChain = entry.chain.map { .certificate($0) }
            override.privateKey = .privateKey(entry.key)
            promise.succeed(override)
        }
        return TLSServerContexts.OptionsContexts(choosing: try NIOSSLContext(configuration: tls), serving: serving, sniStrict: strict)
    }

    /// An options entry's versions, cipher suites, ALPN and client certificates, with the default certificate.
    private static func configuration(store: TLSCertificateStore, options: TLSOptionsConfiguration) throws -> NIOSSL.TLSConfiguration {
        guard let fallback = store.defaultEntry else { throw TLSStoreError(message: "no certificate") }
        var tls = NIOSSL.TLSConfiguration.makeServerConfiguration(
            certificateChain: fallback.chain.map { .certificate($0) },
            privateKey: .privateKey(fallback.key)
        )
        tls.minimumTLSVersion = Self.version(options.minVersion) ?? .tlsv12
        if let maximum = Self.version(options.maxVersion) { tls.maximumTLSVersion = maximum }
        if let ciphers = TLSCipherSuite.openSSLCipherList(options.cipherSuites) { tls.cipherSuites = ciphers }
        // `alpnProtocols` (default h2, http/1.1), limited to the two we serve.
        tls.applicationProtocols = options.alpnProtocols.filter { $0 == "h2" || $0 == "http/1.1" }
        switch options.clientAuthType {
        case "RequireAndVerifyClientCert", "RequireAnyClientCert":
            // Client certificates are checked against caFiles; client host names are never checked.
            tls.certificateVerification = .noHostnameVerification
            tls.trustRoots = .certificates(try options.clientCAFiles.flatMap { try NIOSSLCertificate.fromPEMFile($0) })
        case "VerifyClientCertIfGiven", "RequestClientCert":
            tls.certificateVerification = .optionalVerification
            if !options.clientCAFiles.isEmpty {
                tls.trustRoots = .certificates(try options.clientCAFiles.flatMap { try NIOSSLCertificate.fromPEMFile($0) })
            }
        default:
            tls.certificateVerification = .none
        }
        return tls
    }

    private static func version(_ name: String?) -> TLSVersion? {
        switch name {
        case "VersionTLS10": .tlsv1
        case "VersionTLS11": .tlsv11
        case "VersionTLS12": .tlsv12
        case "VersionTLS13": .tlsv13
        default: nil
        }
    }
}
