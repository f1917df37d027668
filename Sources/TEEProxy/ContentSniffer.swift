/// Guesses a body's media type from its first bytes, as Go's `http.DetectContentType` (and so
/// Traefik's `contentType` middleware) does, for the common signatures.
public enum ContentSniffer {
    /// HTML tags that mark a document as HTML when it starts with one (after whitespace).
    static let htmlTags = ["<!DOCTYPE HTML", "<HTML", "<HEAD", "<SCRIPT", "<IFRAME", "<H1", "<DIV", "<FONT", "<TABLE", "<A",
                           "<STYLE", "<TITLE", "<B", "<BODY", "<BR", "<P", "<!--"]

    /// Exact signatures at the start of the body.
    static let signatures: [([UInt8], String)] = [
        (Array("%PDF-".utf8), "application/pdf"),
        (Array("%!PS-Adobe-".utf8), "application/postscript"),
        ([0xFE, 0xFF], "text/plain; charset=utf-16be"),
        ([0xFF, 0xFE], "text/plain; charset=utf-16le"),
        ([0xEF, 0xBB, 0xBF], "text/plain; charset=utf-8"),
        (Array("GIF87a".utf8), "image/gif"),
        (Array("GIF89a".utf8), "image/gif"),
        ([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], "image/png"),
        ([0xFF, 0xD8, 0xFF], "image/jpeg"),
        (Array("BM".utf8), "image/bmp"),
        ([0x00, 0x00, 0x01, 0x00], "image/x-icon"),
        (Array("OggS\u{0}".utf8), "application/ogg"),
        (Array("ID3".utf8), "audio/mpeg"),
        ([0x1F, 0x8B, 0x08], "application/x-gzip"),
        (Array("PK\u{3}\u{4}".utf8), "application/zip"),
        (Array("Rar!\u{1A}\u{7}".utf8), "application/x-rar-compressed"),
        ([0x00, 0x61, 0x73, 0x6D], "application/wasm"),
    ]

    /// The media type of a body that starts with `bytes` (Go looks at 512 of them).
    public static func mediaType(of bytes: some Collection<UInt8>) -> String {
        let head = Array(bytes.prefix(512))
        if let match = Self.signatures.first(where: { head.starts(with: $0.0) }) { return match.1 }
        if head.count >= 12, head.starts(with: Array("RIFF".utf8)), Array(head[8..<12]) == Array("WEBP".utf8) { return "image/webp" }
        let trimmed = head.drop { [0x09, 0x0A, 0x0C, 0x0D, 0x20].contains($0) }
        if trimmed.starts(with: Array("<?xml".utf8)) { return "text/xml; charset=utf-8" }
        for tag in Self.htmlTags {
            let tagBytes = Array(tag.utf8)
            guard trimmed.count > tagBytes.count else { continue }
            let prefix = trimmed.prefix(tagBytes.count).map { $0 >= 0x61 && $0 <= 0x7A ? $0 - 0x20 : $0 }
            let next = trimmed[trimmed.index(trimmed.startIndex, offsetBy: tagBytes.count)]
            if prefix == tagBytes && (next == 0x20 || next == 0x3E) { return "text/html; charset=utf-8" }
        }
        let binary = head.contains { $0 <= 0x08 || $0 == 0x0B || (0x0E...0x1A).contains($0) || (0x1C...0x1F).contains($0) }
        return binary ? "application/octet-stream" : "text/plain; charset=utf-8"
    }
}
