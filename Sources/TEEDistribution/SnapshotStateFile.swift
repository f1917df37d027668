import Foundation

/// The last good snapshot on disk (`<stateDirectory>/snapshot.pb`), so that a proxy restarted
/// while no controller answers serves what it served before. Written to a temporary file and
/// renamed, so a crash never leaves half a snapshot.
public struct SnapshotStateFile: Sendable {
    public let directory: String

    public init(directory: String) {
        self.directory = directory
    }

    public var path: String { "\(self.directory)/snapshot.pb" }

    /// The saved snapshot; nil when there is none or it does not decode (logged by the caller).
    public func load() -> ConfigurationSnapshot? {
        guard let data = FileManager.default.contents(atPath: self.path) else { return nil }
        return ConfigurationSnapshot(serialized: Array(data))
    }

    public func save(_ snapshot: ConfigurationSnapshot) throws {
        try FileManager.default.createDirectory(atPath: self.directory, withIntermediateDirectories: true)
        let temporary = "\(self.path).tmp"
        guard FileManager.default.createFile(atPath: temporary, contents: Data(snapshot.serialized), attributes: [.posixPermissions: 0o600]) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: temporary])
        }
        guard rename(temporary, self.path) == 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: self.path]) }
    }
}
