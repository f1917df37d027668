import Foundation

/// `teeadm status` from the API's answers: a one-line verdict and a row per node.
public struct ClusterStatus: Sendable {
    public let verdict: String
    public let rows: [[String]]
    public let isHealthy: Bool

    public init(health: String, runtime: String?, nodes: String) {
        let health = (try? JSONSerialization.jsonObject(with: Data(health.utf8))) as? [String: Any] ?? [:]
        let runtime = runtime.flatMap { (try? JSONSerialization.jsonObject(with: Data($0.utf8))) as? [String: Any] }
        let nodeList = ((try? JSONSerialization.jsonObject(with: Data(nodes.utf8))) as? [String: Any])?["nodes"] as? [[String: Any]] ?? []
        let version = runtime?["version"] as? Int ?? 0
        let controllers = nodeList.filter { $0["role"] as? String == "controller" }
        let others = nodeList.filter { $0["role"] as? String != "controller" }
        let current = others.filter { ($0["connected"] as? Bool ?? false) && ($0["appliedVersion"] as? Int ?? -1) == version }
        let etcd = health["etcd"] as? String ?? "unknown"
        let leader = health["leader"] as? String
        let healthy = etcd == "healthy" && leader != nil && current.count == others.count
        var parts = ["\(controllers.count) controller(s)", leader.map { "leader \($0)" } ?? "no leader", "etcd \(etcd)",
                     "\(current.count)/\(others.count) proxies and agents on snapshot \(version)"]
        if (health["stale"] as? Bool) == true { parts.append("answers may be stale") }
        self.verdict = (healthy ? "Healthy: " : "Degraded: ") + parts.joined(separator: ", ")
        self.isHealthy = healthy
        var rows = [["NAME", "ROLE", "ADDRESS", "VERSION", "SNAPSHOT", "STATE"]]
        for node in nodeList.sorted(by: { ($0["role"] as? String ?? "", $0["name"] as? String ?? "") < ($1["role"] as? String ?? "", $1["name"] as? String ?? "") }) {
            let role = node["role"] as? String ?? ""
            let applied = node["appliedVersion"] as? Int
            var state = (node["connected"] as? Bool ?? false) ? "connected" : "disconnected"
            if role == "controller" { state = (node["name"] as? String) == leader ? "leader" : "follower" }
            if let error = node["lastError"] as? String { state += " (rejected: \(error))" }
            rows.append([node["name"] as? String ?? "", role, node["address"] as? String ?? "", node["softwareVersion"] as? String ?? "",
                         role == "controller" ? "-" : applied.map(String.init) ?? "-", state])
        }
        self.rows = rows
    }
}
