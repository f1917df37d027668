import Foundation
import Yams

extension ConfigurationDocument {
    /// The document as `json` or `yaml` (`teeadm config get -o`); TOML documents are not
    /// converted and come back as they are.
    public func rendered(as output: String) throws -> String {
        guard self.format != "toml", output == "json" || output == "yaml" else { return self.content }
        guard let object = try Yams.load(yaml: self.content) else { return output == "json" ? "{}\n" : "{}\n" }
        if output == "yaml" { return try Yams.dump(object: object, sortKeys: true) }
        let data = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
