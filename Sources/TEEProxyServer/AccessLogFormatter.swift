import Foundation
import Logging
import NIOHTTP1
import TEEModel

/// Formats finished requests as Traefik's access log lines: `common` (CLF with Traefik's extra
/// fields; a dropped field shows as `-`) or `json` (Traefik's field names, dropped fields left
/// out, kept headers as `request_<Name>`, `origin_<Name>` (the server's response) and
/// `downstream_<Name>` (the response the client got)).
struct AccessLogFormatter: Sendable {
    let format: String
    let fields: AccessLogFields

    /// Traefik's fields for one request, after `fields` dropped and redacted what it says.
    func fields(for request: CompletedRequest, count: Int) -> [String: Any] {
        let head = request.request
        let duration = request.duration.components
        let nanoseconds = duration.seconds * 1_000_000_000 + duration.attoseconds / 1_000_000_000
        let all: [String: Any] = [
            "ClientAddr": request.clientAddress ?? "",
            "ClientHost": request.clientAddress ?? "",
            "ClientUsername": request.clientUsername ?? "-",
            "RequestAddr": head.headers.first(name: "host") ?? "",
            "RequestHost": Self.hostName(head.headers.first(name: "host") ?? ""),
            "RequestMethod": head.method.rawValue,
            "RequestPath": head.uri,
            "RequestProtocol": "HTTP/\(head.version.major).\(head.version.minor)",
            "RequestLine": "\(head.method.rawValue) \(head.uri) HTTP/\(head.version.major).\(head.version.minor)",
            "RequestContentSize": request.requestBytes,
            "DownstreamStatus": request.status,
            "DownstreamContentSize": request.responseBytes,
            "OriginStatus": request.serverURL == nil ? 0 : request.status,
            "RouterName": request.routerName ?? "",
            "ServiceName": request.serviceName ?? "",
            "ServiceURL": request.serverURL ?? "",
            "entryPointName": request.entryPoint,
            "Duration": nanoseconds,
            "StartUTC": Self.iso8601(request.wallClockStart),
            "RequestCount": count,
            "RetryAttempts": request.retries,
            "RequestScheme": request.isTLS ? "https" : "http",
        ]
        var kept = all.filter { self.fields.mode(ofField: $0.key) != .drop }
        if let tls = request.tls {
            for (field, value) in [("TLSVersion", tls.version), ("TLSCipher", tls.cipher)] where self.fields.mode(ofField: field) != .drop {
                kept[field] = value
            }
        }
        for (prefix, headers) in [("request_", head.headers), ("origin_", request.originHeaders), ("downstream_", request.downstreamHeaders)]
            where self.fields.keepsHeaders {
            for (name, value) in headers ?? [:] {
                switch self.fields.mode(ofHeader: name) {
                case .keep: kept[prefix + name] = value
                case .redact: kept[prefix + name] = "REDACTED"
                case .drop: break
                }
            }
        }
        return kept
    }

    /// The line for one request (`count`: requests since start-up) and, `withMetadata`, its fields
    /// as log metadata (each a `TEE_<NAME>` journal field, or an OTLP record's attribute); the
    /// field map is built once for both.
    func entry(for request: CompletedRequest, count: Int, withMetadata: Bool) -> (line: String, metadata: Logger.Metadata?) {
        let json = self.format == "json"
        let fields = json || withMetadata ? self.fields(for: request, count: count) : nil
        let line: String
        if json, let fields {
            let data = (try? JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
            line = String(decoding: data, as: UTF8.self)
        } else {
            line = self.commonLine(for: request, count: count)
        }
        return (line, withMetadata ? fields?.mapValues { .string("\($0)") } : nil)
    }

    /// Traefik's common format: CLF with its extra fields.
    private func commonLine(for request: CompletedRequest, count: Int) -> String {
        func field(_ name: String, _ value: String?) -> String {
            self.fields.mode(ofField: name) == .drop ? "-" : (value ?? "-")
        }
        let head = request.request
        let duration = request.duration.components
        let milliseconds = duration.seconds * 1000 + duration.attoseconds / 1_000_000_000_000_000
        let referrer = head.headers.first(name: "referer") ?? "-"
        let agent = head.headers.first(name: "user-agent") ?? "-"
        return "\(field("ClientHost", request.clientAddress)) - \(field("ClientUsername", request.clientUsername)) [\(Self.clf(request.wallClockStart))] "
            + "\"\(field("RequestMethod", head.method.rawValue)) \(field("RequestPath", head.uri)) "
            + "\(field("RequestProtocol", "HTTP/\(head.version.major).\(head.version.minor)"))\" "
            + "\(field("DownstreamStatus", String(request.status))) \(field("DownstreamContentSize", String(request.responseBytes))) "
            + "\"\(referrer)\" \"\(agent)\" \(field("RequestCount", String(count))) "
            + "\"\(field("RouterName", request.routerName))\" \"\(field("ServiceURL", request.serverURL))\" "
            + "\(field("Duration", "\(milliseconds)ms"))"
    }

    /// The host of a `Host` header: without its port, and without the brackets of an IPv6 address.
    private static func hostName(_ value: String) -> String {
        if value.hasPrefix("["), let end = value.firstIndex(of: "]") { return String(value[value.index(after: value.startIndex)..<end]) }
        let parts = value.split(separator: ":")
        return parts.count == 2 ? String(parts[0]) : value
    }

    private static func clf(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "dd/MMM/yyyy:HH:mm:ss Z"
        return formatter.string(from: date)
    }

    private static func iso8601(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: date)
    }
}
