/// One certificate's names, as Traefik's `domains[]` entries give them: `main` (the subject) and `sans`.
public struct CertificateDomain: Sendable, Equatable, Hashable, Codable {
    public var main: String
    public var sans: [String]

    public init(main: String, sans: [String] = []) {
        self.main = main
        self.sans = sans
    }

    /// `main` then `sans`, lower-cased, without repeats: the names a certificate must carry.
    public var names: [String] {
        var seen = Set<String>()
        return ([self.main] + self.sans).map { $0.lowercased() }.filter { !$0.isEmpty && seen.insert($0).inserted }
    }
}
