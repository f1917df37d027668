/// What applying a configuration changes, object by object (`teeadm config apply` and
/// `config diff` print it).
public struct ConfigurationDiff: Sendable, Equatable {
    public struct Change: Sendable, Equatable, CustomStringConvertible {
        public enum Kind: String, Sendable { case added = "+", removed = "-", changed = "~" }
        public var kind: Kind
        /// `router`, `service`, `middleware`, …
        public var objectKind: String
        public var name: String

        public var description: String { "\(self.kind.rawValue) \(self.objectKind) \(self.name)" }
    }

    /// Sorted by object kind, then name.
    public var changes: [Change]

    public init(from old: DynamicConfiguration, to new: DynamicConfiguration) {
        var changes: [Change] = []
        func compare<T: Equatable>(_ kind: String, _ before: [String: T], _ after: [String: T]) {
            for name in Set(before.keys).union(after.keys).sorted() {
                switch (before[name], after[name]) {
                case (nil, _?): changes.append(Change(kind: .added, objectKind: kind, name: name))
                case (_?, nil): changes.append(Change(kind: .removed, objectKind: kind, name: name))
                case let (a?, b?) where a != b: changes.append(Change(kind: .changed, objectKind: kind, name: name))
                default: break
                }
            }
        }
        compare("router", old.routers, new.routers)
        compare("service", old.services, new.services)
        compare("middleware", old.middlewares, new.middlewares)
        compare("serversTransport", old.serversTransports, new.serversTransports)
        compare("tls options", old.tls.options, new.tls.options)
        compare("tcp router", old.tcpRouters, new.tcpRouters)
        compare("tcp service", old.tcpServices, new.tcpServices)
        compare("tcp middleware", old.tcpMiddlewares, new.tcpMiddlewares)
        compare("udp router", old.udpRouters, new.udpRouters)
        compare("udp service", old.udpServices, new.udpServices)
        if old.tls.certificates != new.tls.certificates { changes.append(Change(kind: .changed, objectKind: "tls", name: "certificates")) }
        self.changes = changes
    }

    public var isEmpty: Bool { self.changes.isEmpty }
}
