import TEEProxy
import Testing

@Suite struct ContentSnifferTests {
    @Test("media types from the first bytes, as Go's DetectContentType", arguments: [
        (Array("  <!DOCTYPE html><html>".utf8), "text/html; charset=utf-8"),
        (Array("<html>".utf8), "text/html; charset=utf-8"),
        (Array("<p>hello".utf8), "text/html; charset=utf-8"),
        (Array("<pre>".utf8), "text/plain; charset=utf-8"),  // not an HTML signature
        (Array("<?xml version=\"1.0\"?>".utf8), "text/xml; charset=utf-8"),
        (Array("%PDF-1.7".utf8), "application/pdf"),
        ([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00], "image/png"),
        ([0xFF, 0xD8, 0xFF, 0xE0], "image/jpeg"),
        (Array("GIF89a...".utf8), "image/gif"),
        (Array("RIFF\u{0}\u{0}\u{0}\u{0}WEBPVP8 ".utf8), "image/webp"),
        ([0x1F, 0x8B, 0x08, 0x00], "application/x-gzip"),
        (Array("{\"json\": true}".utf8), "text/plain; charset=utf-8"),
        ([0x00, 0x01, 0x02], "application/octet-stream"),
        ([], "text/plain; charset=utf-8"),
    ])
    func sniff(bytes: [UInt8], expected: String) {
        #expect(ContentSniffer.mediaType(of: bytes) == expected)
    }
}
