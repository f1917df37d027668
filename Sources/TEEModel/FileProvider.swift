import Foundation

/// Traefik's file provider: dynamic configuration from one file or every `.yaml`, `.yml` and
/// `.toml` file of a directory, merged.
public struct FileProvider: Sendable {
    public let filename: String?
    public let directory: String?

    public init(filename: String?, directory: String?) {
        self.filename = filename
        self.directory = directory
    }

    /// The files read, sorted by path.
    public func files() throws(ConfigurationError) -> [String] {
        var files: [String] = []
        if let filename { files.append(filename) }
        if let directory {
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else {
                throw ConfigurationError(file: directory, key: "", line: nil, message: "cannot read the directory providers.file.directory names")
            }
            files += names.filter { name in
                !name.hasPrefix(".") && [".yaml", ".yml", ".toml"].contains { name.lowercased().hasSuffix($0) }
            }.sorted().map { directory + "/" + $0 }
        }
        return files
    }

    /// A value that changes whenever a file is added, removed or modified; the watcher compares it.
    public func fingerprint() -> String {
        let files = (try? self.files()) ?? []
        return files.map { path in
            let attributes = try? FileManager.default.attributesOfItem(atPath: path)
            let modified = (attributes?[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
            let size = (attributes?[.size] as? NSNumber)?.intValue ?? -1
            return "\(path)|\(modified)|\(size)"
        }.joined(separator: "\n")
    }

    /// Reads and merges every file. A file that cannot be read or parsed fails the whole load,
    /// so a half-written file never replaces a working configuration; an object defined
    /// differently in two files is disabled in both, with the reason.
    public func load() throws(ConfigurationErrors) -> DynamicConfiguration {
        var merger = DynamicConfigurationMerger()
        var errors: [ConfigurationError] = []
        let files: [String]
        do {
            files = try self.files()
        } catch {
            throw ConfigurationErrors([error])
        }
        for file in files {
            guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
                errors.append(ConfigurationError(file: file, key: "", line: nil, message: "cannot read the file"))
                continue
            }
            do {
                let part = try DynamicConfigurationParser(provider: "file").parse(text, file: file)
                merger.add(part, from: file)
            } catch {
                errors.append(error)
            }
        }
        guard errors.isEmpty else { throw ConfigurationErrors(errors) }
        return merger.merged
    }
}
