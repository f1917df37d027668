import Foundation
import NIOHTTP1

/// Formats finished requests as Traefik's access log lines: `common` (CLF with Traefik's extra
/// fields) or `json` (Traefik's field names).
struct AccessLogFormatter: Sendable {
    let format: String

    /// The line for one request; `count` is the number of requests since start-up.
    func line(for request: CompletedRequest, count: Int) -> String {
        let head = request.request
        let user = "-"
        let duration = request.duration.components
        let milliseconds = duration.seconds * 1000 + duration.attoseconds / 1_000_000_000_000_000
        if self.format == "json" {
            let nanoseconds = duration.seconds * 1_000_000_000 + duration.attoseconds / 1_000_000_000
            let fields: [String: Any] = [
                "ClientHost": request.clientAddress ?? "",
                "ClientUsername": user,
                "RequestMethod": head.method.rawValue,
                "RequestPath": head.uri,
                "RequestProtocol": "HTTP/\(head.version.major).\(head.version.minor)",
                "RequestHost": head.headers.first(name: "host") ?? "",
                "DownstreamStatus": request.status,
                "DownstreamContentSize": request.responseBytes,
                "RouterName": request.routerName ?? "",
                "ServiceName": request.serviceName ?? "",
                "ServiceURL": request.serverURL ?? "",
                "entryPointName": request.entryPoint,
                "Duration": nanoseconds,
                "StartUTC": Self.iso8601(request.wallClockStart),
                "RequestCount": count,
            ]
            let data = (try? JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys])) ?? Data()
            return String(decoding: data, as: UTF8.self)
        }
        let referrer = head.headers.first(name: "referer") ?? "-"
        let agent = head.headers.first(name: "user-agent") ?? "-"
        return "\(request.clientAddress ?? "-") - \(user) [\(Self.clf(request.wallClockStart))] "
            + "\"\(head.method.rawValue) \(head.uri) HTTP/\(head.version.major).\(head.version.minor)\" "
            + "\(request.status) \(request.responseBytes) \"\(referrer)\" \"\(agent)\" \(count) "
            + "\"\(request.routerName ?? "-")\" \"\(request.serverURL ?? "-")\" \(milliseconds)ms"
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
