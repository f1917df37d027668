/// Combines the configurations of several containers into one provider document, as Traefik's
/// Docker provider does: a service defined alike by several containers (a scaled service)
/// balances over all their servers; an object defined differently keeps its first definition,
/// and the others are reported.
public struct FlatConfigurationCombiner: Sendable {
    public private(set) var combined = FlatConfiguration()
    /// What could not be combined, one line each.
    public private(set) var problems: [String] = []
    /// Each object's (`http.routers.web`, lower-cased) first origin and keys.
    private var objects: [String: (origin: String, keys: [String: String])] = [:]

    public init() {}

    public mutating func add(_ part: FlatConfiguration, from origin: String) {
        var grouped: [String: [String: String]] = [:]
        for (key, value) in part.values {
            let segments = FlatConfiguration.segments(key)
            let object = segments.prefix(3).joined(separator: ".")
            grouped[object, default: [:]][segments.dropFirst(3).joined(separator: ".")] = value
        }
        for object in grouped.keys.sorted() {
            let keys = grouped[object]!
            let id = object.lowercased()
            guard let existing = self.objects[id] else {
                self.objects[id] = (origin, keys)
                for (rest, value) in keys { self.combined.values[rest.isEmpty ? object : "\(object).\(rest)"] = value }
                continue
            }
            let isService = id.split(separator: ".").dropFirst().first == "services"
            if isService, Self.withoutServers(existing.keys) == Self.withoutServers(keys) {
                let existingServers = Self.serverIndexes(existing.keys)
                var merged = existing.keys
                for (rest, value) in keys where Self.isServerKey(rest) {
                    var segments = FlatConfiguration.segments(rest)
                    segments[2] = String(Int(segments[2])! + existingServers)
                    let renumbered = segments.joined(separator: ".")
                    merged[renumbered] = value
                    self.combined.values["\(object).\(renumbered)"] = value
                }
                self.objects[id] = (existing.origin, merged)
            } else if existing.keys != keys {
                self.problems.append("\(object) is defined differently by \(existing.origin) and \(origin); \(existing.origin)'s definition is used")
            }
        }
    }

    /// `loadBalancer.servers.N.…` of a service.
    private static func isServerKey(_ rest: String) -> Bool {
        let segments = FlatConfiguration.segments(rest.lowercased())
        return segments.count >= 3 && segments[0] == "loadbalancer" && segments[1] == "servers" && Int(segments[2]) != nil
    }

    private static func withoutServers(_ keys: [String: String]) -> [String: String] {
        var result: [String: String] = [:]
        for (key, value) in keys where !Self.isServerKey(key) { result[key.lowercased()] = value }
        return result
    }

    private static func serverIndexes(_ keys: [String: String]) -> Int {
        let indexes = keys.keys.filter(Self.isServerKey).compactMap { Int(FlatConfiguration.segments($0)[2]) }
        return (indexes.max() ?? -1) + 1
    }
}
