import Foundation
import NIOHTTP1
import TEEModel
import TEEProxy
import Testing

/// One line of ``TraefikRuleCases``: a rule and a request it must take (200), pass by (404), or
/// the reason the rule must be refused for.
struct TraefikRuleCase: CustomTestStringConvertible, Sendable {
    let rule: String
    let line: String

    var testDescription: String { "\(self.rule) ⇐ \(self.line)" }

    static let all: [TraefikRuleCase] = {
        var cases: [TraefikRuleCase] = []
        var rule: String?
        for line in TraefikRuleCases.text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("rule") {
                rule = String(line.dropFirst(4).trimmingSpaces())
            } else if let rule, !line.trimmingSpaces().isEmpty {
                cases.append(TraefikRuleCase(rule: rule, line: String(line.trimmingSpaces())))
            }
        }
        return cases
    }()
}

/// The conformance suite: every case of ``TraefikRuleCases`` through the runtime a proxy builds
/// (dynamic configuration parsed, router compiled and indexed by host, the request as the proxy
/// reads it off the wire).
@Suite struct TraefikConformanceTests {
    @Test("the suite is the size we keep it at") func size() {
        #expect(TraefikRuleCase.all.count >= 300)
        #expect(TraefikMiddlewareCase.all.count >= 100)
    }

    @Test("Traefik's routing semantics", arguments: TraefikRuleCase.all)
    func rule(_ testCase: TraefikRuleCase) throws {
        let yaml = """
            http:
              routers:
                r:
                  rule: '\(testCase.rule.replacingOccurrences(of: "'", with: "''"))'
                  service: s
              services:
                s:
                  loadBalancer:
                    servers: [{url: "http://10.0.0.1:80"}]
            """
        let configuration = try DynamicConfigurationParser().parse(yaml, file: "dynamic.yaml")
        let runtime = RuntimeBuilder.build(configuration, entryPoints: [EntryPointRouting(name: "web")])
        let problems = (runtime.routerStatus["r@file"]?.errors ?? []) + configuration.problems.map(\.description)
        if testCase.line.hasPrefix("error ") {
            let expected = testCase.line.dropFirst("error ".count)
            #expect(problems.contains { $0.contains(expected) }, "refused for: \(problems)")
            return
        }
        #expect(problems.isEmpty, "\(problems)")
        let words = testCase.line.split(separator: "|", maxSplits: 1).first!.split(separator: " ")
        try #require(words.count >= 3, "a request line is STATUS METHOD URL [@CLIENT]")
        let request = try Self.request(method: String(words[1]), url: String(words[2]),
                                       client: words.count > 3 ? String(words[3].dropFirst()) : "10.0.0.1",
                                       headers: testCase.line.split(separator: "|").dropFirst().map(String.init))
        let routed = runtime.route(request) != nil
        #expect(routed == (words[0] == "200"), "routed: \(routed)")
    }

    /// The request a client sends for `url`: its authority as Host, its path and query as target.
    /// Over TLS when `tls` says so (the routing cases' router has no `tls`, so theirs arrive in clear).
    static func request(method: String, url: String, client: String, headers: [String], tls: Bool = false) throws -> ProxyRequest {
        let scheme = try #require(url.firstRange(of: "://"))
        let rest = url[scheme.upperBound...]
        let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" } ?? rest.endIndex
        var target = String(rest[authorityEnd...])
        if !target.hasPrefix("/") { target = "/" + target }
        var all = HTTPHeaders([("Host", String(rest[..<authorityEnd]))])
        for header in headers {
            let parts = header.split(separator: ":", maxSplits: 1)
            all.add(name: String(parts[0].trimmingSpaces()), value: String(parts[1].trimmingSpaces()))
        }
        return ProxyRequest(head: HTTPRequestHead(version: .http1_1, method: HTTPMethod(rawValue: method), uri: target, headers: all),
                            entryPoint: "web", clientAddress: IPAddress(client), isTLS: tls)
    }
}

/// One line of ``TraefikMiddlewareCases``.
struct TraefikMiddlewareCase: CustomTestStringConvertible, Sendable {
    let middleware: String
    let line: String

    var testDescription: String { "\(self.middleware) ⇐ \(self.line)" }

    static let all: [TraefikMiddlewareCase] = {
        var cases: [TraefikMiddlewareCase] = []
        var middleware: String?
        for line in TraefikMiddlewareCases.text.split(separator: "\n") {
            if line.hasPrefix("middleware ") {
                middleware = String(line.dropFirst("middleware ".count))
            } else if let middleware {
                cases.append(TraefikMiddlewareCase(middleware: middleware, line: String(line.trimmingSpaces())))
            }
        }
        return cases
    }()
}

extension TraefikConformanceTests {
    @Test("Traefik's path and redirect middlewares", arguments: TraefikMiddlewareCase.all)
    func middlewareCase(_ testCase: TraefikMiddlewareCase) throws {
        let sides = testCase.line.components(separatedBy: " => ")
        try #require(sides.count == 2, "a case is REQUEST => RESULT")
        let requestParts = sides[0].components(separatedBy: " ; ")
        let words = requestParts[0].split(separator: " ")
        let url = String(words[1])
        var proxied = try Self.request(method: String(words[0]), url: url, client: "10.0.0.1",
                                       headers: Array(requestParts.dropFirst()), tls: url.hasPrefix("https"))
        let built = try middleware(testCase.middleware)
        let outcome = built.handle(&proxied)
        let expected = sides[1].components(separatedBy: " | ")
        let result = expected[0].split(separator: " ")
        if let status = Int(result[0]) {
            guard case .respond(let response) = outcome else {
                Issue.record("expected \(status), the request went on to \(proxied.head.uri)")
                return
            }
            #expect(Int(response.status.code) == status)
            if result.count > 1 { #expect(response.headers.first(name: "Location") == String(result[1])) }
        } else {
            guard case .proceed = outcome else {
                Issue.record("expected the request to go on to \(result[0]), it was answered: \(outcome)")
                return
            }
            #expect(proxied.head.uri == String(result[0]))
        }
        for header in expected.dropFirst() {
            let parts = header.split(separator: ":", maxSplits: 1).map { String($0.trimmingSpaces()) }
            #expect(proxied.head.headers.first(name: parts[0]) == parts[1], "\(parts[0])")
        }
    }
}
