/// journald's rules for field names: `[A-Z0-9_]`, not starting with `_` or a digit, at most 64 characters.
public enum JournalFieldName {
    /// The longest field name journald accepts.
    public static let maximumLength = 64

    /// The field that carries a metadata key: `TEE_` and the key in upper case, with every
    /// character outside `[A-Z0-9_]` replaced by `_`, cut to 64 characters.
    ///
    /// `request.id` becomes `TEE_REQUEST_ID`; `entryPoint` becomes `TEE_ENTRYPOINT`.
    public static func metadataField(for key: String) -> String {
        let body = key.uppercased().unicodeScalars.map { scalar -> Character in
            switch scalar {
            case "A"..."Z", "0"..."9", "_": Character(scalar)
            default: "_"
            }
        }
        return String(("TEE_" + String(body)).prefix(Self.maximumLength))
    }

    /// Whether `name` is a field name journald accepts from a client.
    public static func isValid(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, name.count <= Self.maximumLength else { return false }
        guard first != "_", !("0"..."9").contains(first) else { return false }
        return name.unicodeScalars.allSatisfy { ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
    }
}
