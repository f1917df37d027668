import Foundation

/// The dashboard's files under `/dashboard/`: the page, its script and style (built into the
/// binary), and dygraphs from Debian's libjs-dygraphs (`/usr/share/javascript/dygraphs`), so
/// the page needs nothing from outside its origin.
public struct DashboardFiles: Sendable {
    /// `proxy` or `controller`: the controller's page adds the cluster views.
    public let role: String
    /// Where libjs-dygraphs installs its files.
    public let dygraphsDirectory: String

    public init(role: String, dygraphsDirectory: String = "/usr/share/javascript/dygraphs") {
        self.role = role
        self.dygraphsDirectory = dygraphsDirectory
    }

    /// Only what the page loads, from this origin: no inline script, no other host.
    public static let contentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; form-action 'self'"

    /// Whether `path` is the dashboard's (`/dashboard` and below).
    public static func serves(_ path: String) -> Bool {
        path == "/dashboard" || path.hasPrefix("/dashboard/")
    }

    /// The answer for a GET of `path`; nil when `path` is not the dashboard's.
    public func respond(path: String) -> APIResponse? {
        guard Self.serves(path) else { return nil }
        switch path {
        case "/dashboard":
            return APIResponse(status: 301, contentType: "text/plain", body: Array("/dashboard/\n".utf8), headers: [("Location", "/dashboard/")])
        case "/dashboard/", "/dashboard/index.html":
            let page = String(decoding: PackageResources.index_html, as: UTF8.self).replacingOccurrences(of: "{{ROLE}}", with: self.role)
            return Self.page(Array(page.utf8), type: "text/html; charset=utf-8")
        case "/dashboard/app.js":
            return Self.page(PackageResources.app_js, type: "text/javascript; charset=utf-8")
        case "/dashboard/app.css":
            return Self.page(PackageResources.app_css, type: "text/css; charset=utf-8")
        case "/dashboard/lib/dygraph.min.js", "/dashboard/lib/dygraph.css":
            let file = path.hasSuffix(".js") ? "dygraph.min.js" : "dygraph.min.css"
            guard let bytes = FileManager.default.contents(atPath: "\(self.dygraphsDirectory)/\(file)") else {
                return APIResponse(status: 404, contentType: "text/plain", body: Array("dygraphs is not installed (Debian's libjs-dygraphs)\n".utf8))
            }
            return Self.page(Array(bytes), type: path.hasSuffix(".js") ? "text/javascript; charset=utf-8" : "text/css; charset=utf-8")
        default:
            return APIResponse(status: 404, contentType: "text/plain", body: Array("no such dashboard file\n".utf8))
        }
    }

    /// The sign-in page (controllers), with `message` above the form.
    public static func loginPage(message: String, status: Int) -> APIResponse {
        let escaped = message.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
        let page = String(decoding: PackageResources.login_html, as: UTF8.self).replacingOccurrences(of: "{{MESSAGE}}", with: escaped)
        return Self.page(Array(page.utf8), type: "text/html; charset=utf-8", status: status)
    }

    private static func page(_ body: [UInt8], type: String, status: Int = 200) -> APIResponse {
        APIResponse(status: status, contentType: type, body: body, headers: [
            ("Content-Security-Policy", Self.contentSecurityPolicy), ("X-Content-Type-Options", "nosniff"),
            ("Referrer-Policy", "no-referrer"), ("Cache-Control", "no-cache"),
        ])
    }
}
