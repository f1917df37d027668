/// A TLS connection's version (`1.3`) and cipher suite (`TLS_AES_128_GCM_SHA256`), as Traefik's
/// `tls_version` and `tls_cipher` labels have them.
struct TLSSessionLabels: Sendable, Hashable {
    let version: String
    let cipher: String
}
