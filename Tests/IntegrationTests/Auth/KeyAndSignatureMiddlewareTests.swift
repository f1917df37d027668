import Crypto
import Foundation
import TEETesting
import Testing

@Suite("plugin.apiKey and plugin.hmac on a real tee-proxy")
struct KeyAndSignatureMiddlewareTests {
    /// An htpasswd-style hash of `key` made by the system's tools: bcrypt (libxcrypt through Python), $apr1$ or {SHA} (openssl).
    static func hash(_ key: String, _ scheme: String) async throws -> String {
        let command: [String] = switch scheme {
        case "bcrypt": ["/usr/bin/python3", "-W", "ignore", "-c", "import crypt, sys; print(crypt.crypt(sys.argv[1], crypt.mksalt(crypt.METHOD_BLOWFISH, rounds=16)))", key]
        case "apr1": ["/usr/bin/openssl", "passwd", "-apr1", key]
        default: ["/bin/sh", "-c", "printf '{SHA}'; printf %s \"$0\" | openssl dgst -sha1 -binary | base64", key]
        }
        let process = try DaemonProcess(command[0], Array(command.dropFirst()))
        _ = await process.waitForExit()
        return process.log.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test("apiKey: hashed keys from a header, an Authorization scheme, the query or a cookie; anything else 401")
    func apiKey() async throws {
        let app = try await TestBackend(name: "app")
        defer { Task { await app.stop() } }
        let directory = try TemporaryDirectory.make(prefix: "apikey")
        try "# keys of the reporting jobs\n\(try await Self.hash("file-key", "bcrypt"))\n".write(toFile: "\(directory)/keys", atomically: true, encoding: .utf8)
        let proxy = try await ProxyFixture(dynamic: """
            http:
              routers:
                plain:
                  rule: "PathPrefix(`/plain`)"
                  service: app
                  middlewares: [plain]
                encoded:
                  rule: "PathPrefix(`/encoded`)"
                  service: app
                  middlewares: [encoded]
              middlewares:
                plain:
                  plugin:
                    apiKey:
                      keySource:
                        header: X-API-Key
                      secretNonBase64Encoded: true
                      secretValues:
                        - "\(try await Self.hash("bcrypt-key", "bcrypt"))"
                        - "\(try await Self.hash("apr1-key", "apr1"))"
                        - "\(try await Self.hash("sha-key", "sha"))"
                encoded:
                  plugin:
                    apiKey:
                      keySource:
                        header: Authorization
                        headerAuthScheme: Bearer
                        query: key
                        cookie: apikey
                      secretValuesFile: \(directory)/keys
              services:
                app:
                  loadBalancer:
                    servers: [{url: "\(app.url)"}]
            """)
        for key in ["bcrypt-key", "apr1-key", "sha-key", "bcrypt-key"] {
            #expect(try await proxy.get("/plain", headers: ["X-API-Key": key])?.status == 200, "\(key)")
        }
        for key in ["wrong", "bcrypt-ke", "sha-key "] {
            #expect(try await proxy.get("/plain", headers: ["X-API-Key": key])?.status == 401, "\(key)")
        }
        #expect(try await proxy.get("/plain")?.status == 401)

        let encoded = Data("file-key".utf8).base64EncodedString()
        #expect(try await proxy.get("/encoded", headers: ["Authorization": "Bearer \(encoded)"])?.status == 200)
        #expect(try await proxy.get("/encoded?key=\(encoded)")?.status == 200)
        #expect(try await proxy.get("/encoded", headers: ["Cookie": "theme=dark; apikey=\(encoded)"])?.status == 200)
        #expect(try await proxy.get("/encoded", headers: ["Authorization": "Bearer file-key"])?.status == 401, "a key that is not base64 passed")
        #expect(try await proxy.get("/encoded", headers: ["Authorization": "Basic \(encoded)"])?.status == 401, "another scheme passed")
        #expect(app.received.count == 7)
    }

    static let hmacConfiguration = """
        http:
          routers:
            signed:
              rule: "PathPrefix(`/signed`)"
              service: app
              middlewares: [signed]
            bodies:
              rule: "PathPrefix(`/bodies`)"
              service: app
              middlewares: [bodies]
          middlewares:
            signed:
              plugin:
                hmac:
                  keys:
                    - id: client-1
                      key: first-shared-secret
                    - id: client-2
                      keyFile: KEYFILE
                  enforcedHeaders: ["(request-target)", "(created)", "(expires)", "host"]
            bodies:
              plugin:
                hmac:
                  keys: [{id: client-1, key: first-shared-secret}]
          services:
            app:
              loadBalancer:
                servers: [{url: "APP"}]
        """

    /// `Authorization: Hmac …` over `text` with `key`.
    static func authorization(_ text: String, key: String, keyID: String, headers: String, created: Int, expires: Int,
                              algorithm: String = "hmac-sha256") -> String {
        let mac: Data = switch algorithm {
        case "hmac-sha512": Data(HMAC<SHA512>.authenticationCode(for: Data(text.utf8), using: SymmetricKey(data: Data(key.utf8))))
        default: Data(HMAC<SHA256>.authenticationCode(for: Data(text.utf8), using: SymmetricKey(data: Data(key.utf8))))
        }
        return "Hmac keyId=\"\(keyID)\",algorithm=\"\(algorithm)\",headers=\"\(headers)\",signature=\"\(mac.base64EncodedString())\",created=\"\(created)\",expires=\"\(expires)\""
    }

    @Test("hmac: a signature over the enforced headers with a known key passes; changed, stale, future or unenforced ones get 401")
    func hmac() async throws {
        let app = try await TestBackend(name: "app")
        defer { Task { await app.stop() } }
        let directory = try TemporaryDirectory.make(prefix: "hmac")
        try "second-shared-secret\n".write(toFile: "\(directory)/key2", atomically: true, encoding: .utf8)
        let proxy = try await ProxyFixture(dynamic: Self.hmacConfiguration.replacingOccurrences(of: "KEYFILE", with: "\(directory)/key2")
            .replacingOccurrences(of: "APP", with: app.url))
        let now = Int(Date().timeIntervalSince1970)
        let covered = "(request-target) (created) (expires) host x-example"
        // The signing string as draft-cavage-http-signatures-12 §2.3 builds it.
        func signingString(path: String, created: Int, expires: Int, example: String = "Example header") -> String {
            "(request-target): get \(path)\n(created): \(created)\n(expires): \(expires)\nhost: api.test\nx-example: \(example)"
        }
        func get(_ path: String, authorization: String, example: String = "Example header", header: String = "Authorization") async throws -> Int? {
            try await proxy.get(path, host: "api.test", headers: [header: authorization, "X-Example": example])?.status
        }
        let good = Self.authorization(signingString(path: "/signed/a?q=1", created: now - 1, expires: now + 60),
                                      key: "first-shared-secret", keyID: "client-1", headers: covered, created: now - 1, expires: now + 60)
        #expect(try await get("/signed/a?q=1", authorization: good) == 200)
        #expect(try await get("/signed/a?q=1", authorization: good, header: "Proxy-Authorization") == 200)
        let second = Self.authorization(signingString(path: "/signed/b", created: now, expires: now + 60), key: "second-shared-secret",
                                        keyID: "client-2", headers: covered, created: now, expires: now + 60, algorithm: "hmac-sha512")
        #expect(try await get("/signed/b", authorization: second) == 200, "the key from keyFile with hmac-sha512")

        #expect(try await get("/signed/other", authorization: good) == 401, "the signature passed for another path")
        #expect(try await get("/signed/a?q=1", authorization: good, example: "changed") == 401, "a changed header passed")
        let wrongKey = Self.authorization(signingString(path: "/signed/a", created: now, expires: now + 60), key: "guess",
                                          keyID: "client-1", headers: covered, created: now, expires: now + 60)
        #expect(try await get("/signed/a", authorization: wrongKey) == 401)
        let expired = Self.authorization(signingString(path: "/signed/a", created: now - 120, expires: now - 60),
                                         key: "first-shared-secret", keyID: "client-1", headers: covered, created: now - 120, expires: now - 60)
        #expect(try await get("/signed/a", authorization: expired) == 401)
        let future = Self.authorization(signingString(path: "/signed/a", created: now + 300, expires: now + 360),
                                        key: "first-shared-secret", keyID: "client-1", headers: covered, created: now + 300, expires: now + 360)
        #expect(try await get("/signed/a", authorization: future) == 401)
        // host is enforced: a signature that leaves it out is refused even though it is valid.
        let noHost = Self.authorization("(request-target): get /signed/a\n(created): \(now)\n(expires): \(now + 60)", key: "first-shared-secret",
                                        keyID: "client-1", headers: "(request-target) (created) (expires)", created: now, expires: now + 60)
        #expect(try await get("/signed/a", authorization: noHost) == 401)
        let challenge = try #require(try await proxy.get("/signed/a"))
        #expect(challenge.status == 401)
        #expect(challenge.header("WWW-Authenticate") == "Hmac headers=\"(request-target) (created) (expires) host\"")

        // validateDigest (the default): a body's signed Digest must match it; the server gets only bodies that do.
        let bodiless = Self.authorization("(request-target): get /bodies\n(created): \(now)\n(expires): \(now + 60)", key: "first-shared-secret",
                                          keyID: "client-1", headers: "(request-target) (created) (expires)", created: now, expires: now + 60)
        #expect(try await proxy.get("/bodies", headers: ["Authorization": bodiless])?.status == 200)
        let body = String(repeating: "signed body ", count: 2_000)
        let digest = "SHA-256=" + Data(SHA256.hash(data: Data(body.utf8))).base64EncodedString()
        func post(_ sent: String, digest: String, signDigest: Bool = true) async throws -> Int? {
            let covered = signDigest ? "(request-target) (created) (expires) digest" : "(request-target) (created) (expires)"
            var text = "(request-target): post /bodies\n(created): \(now)\n(expires): \(now + 60)"
            if signDigest { text += "\ndigest: \(digest)" }
            let authorization = Self.authorization(text, key: "first-shared-secret", keyID: "client-1", headers: covered, created: now, expires: now + 60)
            let connection = try proxy.connect()
            try await connection.send("POST /bodies HTTP/1.1\r\nHost: a\r\nAuthorization: \(authorization)\r\nDigest: \(digest)\r\n"
                                      + "Content-Length: \(sent.utf8.count)\r\n\r\n\(sent)")
            return await connection.readResponse()?.status
        }
        #expect(try await post(body, digest: digest) == 200)
        #expect(app.received.last?.body.count == body.utf8.count, "the server did not get the whole body")
        let changed = String(body.dropLast()) + "!"
        #expect(try await post(changed, digest: digest) == 401, "a changed body passed")
        #expect(try await post(body, digest: digest, signDigest: false) == 401, "an unsigned Digest passed")
        let sha512 = "SHA-512=" + Data(SHA512.hash(data: Data(body.utf8))).base64EncodedString()
        #expect(try await post(body, digest: sha512) == 200)
        #expect(app.received.count == 6)
    }
}
