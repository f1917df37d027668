import Foundation

/// Fresh directories under the system's temporary directory for test files and sockets.
public enum TemporaryDirectory {
    /// Creates a new, empty directory and returns its path.
    public static func make(prefix: String) throws -> String {
        let path = NSTemporaryDirectory() + "tee-\(prefix)-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Writes `contents` to `name` in a new directory and returns the file's path.
    public static func write(_ contents: String, named name: String) throws -> String {
        let path = try Self.make(prefix: "file") + "/" + name
        try contents.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }
}
