import Foundation

/// This host's short name, lower-cased: the default node name.
public enum HostName {
    public static var short: String {
        ProcessInfo.processInfo.hostName.split(separator: ".").first.map { $0.lowercased() } ?? "node"
    }
}
