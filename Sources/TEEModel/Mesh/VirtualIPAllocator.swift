/// Gives each mesh service a stable virtual IP in 127.77.0.0/16 (all of 127/8 is local, so an
/// agent binds `VIP:port` without any packet rewriting).
///
/// A service's address starts from a hash of its identity, so the same service gets the same
/// address in every cluster unless another took it first; collisions move to the next free one.
public struct VirtualIPAllocator: Sendable {
    /// The addresses in use, by service.
    public private(set) var assigned: [MeshServiceIdentity: String]

    public init(assigned: [MeshServiceIdentity: String] = [:]) {
        self.assigned = assigned
    }

    /// The service's address: the one it has, or a new one. Nil when all 65,534 are taken.
    public mutating func address(for service: MeshServiceIdentity) -> String? {
        if let existing = self.assigned[service] { return existing }
        let taken = Set(self.assigned.values)
        let hostCount: UInt32 = 65_534  // 127.77.0.1 … 127.77.255.254
        let start = Self.fnv1a("\(service.namespace)/\(service.name)") % hostCount
        for offset in 0..<hostCount {
            let host = (start + offset) % hostCount + 1
            let address = "127.77.\(host >> 8).\(host & 0xff)"
            if !taken.contains(address) {
                self.assigned[service] = address
                return address
            }
        }
        return nil
    }

    /// Frees the service's address.
    public mutating func release(_ service: MeshServiceIdentity) {
        self.assigned[service] = nil
    }

    /// 32-bit FNV-1a: stable across runs and platforms (Swift's `hashValue` is seeded per process).
    static func fnv1a(_ text: String) -> UInt32 {
        var hash: UInt32 = 2_166_136_261
        for byte in text.utf8 {
            hash ^= UInt32(byte)
            hash = hash &* 16_777_619
        }
        return hash
    }
}
