#if canImport(Glibc)
import Glibc
#endif

/// This host's name, for `X-Forwarded-Server`.
enum ServerName {
    static func current() -> String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count) == 0 else { return "tee-proxy" }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
