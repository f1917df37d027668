import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOSSL
import SwiftASN1
import TEEPKI
import X509

/// `teeadm join` for proxies and mesh agents: discovery pinned by the CA's public-key hash (the
/// kubeadm scheme), a key made here and a certificate signed by the cluster for it, then the
/// node's configuration. Nothing is written until the cluster has signed the certificate.
public struct NodeJoin: Sendable {
    public struct Options: Sendable {
        /// A controller's API address (`host:port`).
        public var controller: String
        public var token: String
        public var caCertHash: String
        public var role: String
        public var nodeName: String
        public var configDirectory = "/etc/tee"
        public var stateDirectory = "/var/lib/tee"
        /// Entry points written into a new proxy configuration (`name=address`).
        public var entryPoints = ["web=:80", "websecure=:443"]
        /// For a controller: its address, ports and files (as `teeadm init` takes them).
        public var controllerSetup: ClusterInit.Options?
        /// For a mesh agent: the address other agents reach it on (default: this host's address
        /// toward the controller).
        public var advertiseAddress: String?

        public init(controller: String, token: String, caCertHash: String, role: String, nodeName: String) {
            self.controller = controller
            self.token = token
            self.caCertHash = caCertHash
            self.role = role
            self.nodeName = nodeName
        }
    }

    public let options: Options

    public init(options: Options) {
        self.options = options
    }

    /// What a join wrote, and the commands that start the node without systemd.
    public struct Outcome: Sendable {
        public var files: [String]
        public var startCommands: [[String]]
        /// The systemd units to start.
        public var units: [String]
    }

    /// Joins; returns what was written and how to start the node.
    public func run() async throws(AdminError) -> Outcome {
        let options = self.options
        guard options.token.wholeMatch(of: /[a-z0-9]{6}\.[a-z0-9]{16}/) != nil else {
            throw AdminError("--token must look like abcdef.0123456789abcdef (teeadm token create prints one)")
        }
        guard options.caCertHash.wholeMatch(of: /sha256:[0-9a-f]{64}/) != nil else {
            throw AdminError("--ca-cert-hash must be sha256: and 64 hex digits (teeadm init prints it)")
        }
        guard ["proxy", "mesh", "controller"].contains(options.role) else {
            throw AdminError("--role \(options.role): give controller, proxy or mesh")
        }
        if options.role == "controller" && options.controllerSetup == nil {
            throw AdminError("a controller join needs --advertise-address (the address other controllers reach this node on)")
        }
        // 1. Discovery: fetch the CA without trusting anyone, then check it against the pin.
        let info = try await self.request(.GET, "/api/v1/cluster-info", body: nil, trusting: nil)
        guard let caPEM = info["ca"] as? String, let ca = try? Certificate(pemEncoded: caPEM) else {
            throw AdminError("\(options.controller) did not answer with a cluster CA; is it a tee controller's API address (port 7440)?")
        }
        let pin = ClusterCA.pin(of: ca)
        guard pin == options.caCertHash else {
            throw AdminError("the CA at \(options.controller) has hash \(pin), not the \(options.caCertHash) given: refusing to join "
                + "(is this the right cluster? teeadm init printed the hash); nothing was written")
        }
        // 2. A key made here; the cluster signs its certificate if the token allows.
        let request: NodeKeyRequest
        do {
            request = try NodeKeyRequest(nodeName: options.nodeName)
        } catch {
            throw AdminError("cannot make a key: \(error)")
        }
        var fields = ["token": options.token, "role": options.role, "name": options.nodeName, "csr": request.csrPEM]
        if let controller = options.controllerSetup {
            fields["peerURL"] = "https://\(controller.advertiseAddress):\(controller.etcdPeerPort)"
            fields["advertiseAddress"] = controller.advertiseAddress
        }
        let body = try? JSONSerialization.data(withJSONObject: fields)
        let signed = try await self.requestRetrying(.POST, "/api/v1/join", body: body.map { String(decoding: $0, as: UTF8.self) },
                                                    trusting: caPEM, for: .seconds(300))
        guard let certificate = signed["certificate"] as? String, request.matches(certificatePEM: certificate) else {
            throw AdminError("the controller's answer holds no certificate for this node's key; nothing was written")
        }
        let controllers = signed["controllers"] as? [String] ?? []
        guard !controllers.isEmpty else { throw AdminError("the cluster lists no controller to stream from; nothing was written") }
        // 3. The node's files.
        if let controller = options.controllerSetup {
            return try self.writeControllerFiles(controller, answer: signed, ca: caPEM, certificate: certificate, key: request.keyPEM)
        }
        let files = try self.writeFiles(ca: caPEM, certificate: certificate, key: request.keyPEM, controllers: controllers)
        return Outcome(files: files, startCommands: [["tee-\(options.role)", "--config", "\(options.configDirectory)/\(options.role).yaml"]],
                       units: Self.units(role: options.role))
    }

    /// The units a joined node runs: a proxy's sockets come first, so they listen at boot.
    static func units(role: String) -> [String] {
        role == "proxy" ? ["tee-proxy.socket", "tee-proxy-websecure.socket", "tee-proxy.service"] : ["tee-\(role).service"]
    }

    /// A controller's files: the CA key and data key come sealed with the join token's secret.
    private func writeControllerFiles(_ controller: ClusterInit.Options, answer: [String: Any], ca: String, certificate: String,
                                      key: String) throws(AdminError) -> Outcome {
        let secret = String(self.options.token.split(separator: ".")[1])
        let sealer = SecretSealer.forJoinSecret(secret)
        guard let initialCluster = answer["initialCluster"] as? String, let sealedCAKey = answer["caKey"] as? String,
              let caKey = try? sealer.open(sealedCAKey) else {
            throw AdminError("the controller's answer lacks the etcd membership or the CA key; nothing was written")
        }
        let dataKey = (answer["dataKey"] as? String).flatMap { try? sealer.open($0) } ?? []
        guard dataKey.count == 32 else { throw AdminError("the controller's answer lacks the cluster's data key; nothing was written") }
        let files = ControllerFiles(options: controller)
        do {
            let written = try files.write(caPEM: ca, caKeyPEM: String(decoding: caKey, as: UTF8.self), nodePEM: certificate, nodeKeyPEM: key,
                                          dataKey: dataKey, initialCluster: initialCluster, clusterState: "existing")
            return Outcome(files: written, startCommands: [files.etcdCommand, ["tee-controller"] + files.controllerArguments],
                           units: ["tee-etcd.service", "tee-controller.service"])
        } catch {
            throw AdminError("cannot write the controller's files: \(error)")
        }
    }

    private func writeFiles(ca: String, certificate: String, key: String, controllers: [String]) throws(AdminError) -> [String] {
        let options = self.options
        let pki = "\(options.configDirectory)/pki"
        var files: [String] = []
        do {
            try FileManager.default.createDirectory(atPath: pki, withIntermediateDirectories: true)
            func write(_ path: String, _ contents: String, mode: Int) throws {
                guard FileManager.default.createFile(atPath: path, contents: Data(contents.utf8), attributes: [.posixPermissions: mode]) else {
                    throw AdminError("cannot write \(path)")
                }
                files.append(path)
            }
            try write("\(pki)/ca.pem", ca, mode: 0o644)
            try write("\(pki)/node.pem", certificate, mode: 0o644)
            try write("\(pki)/node.key", key, mode: 0o600)
            try ServiceUser().own([pki, "\(pki)/ca.pem", "\(pki)/node.pem", "\(pki)/node.key"])
            let configuration = "\(options.configDirectory)/\(options.role).yaml"
            if FileManager.default.fileExists(atPath: configuration) {
                try? FileManager.default.removeItem(atPath: configuration + ".before-join")
                try FileManager.default.moveItem(atPath: configuration, toPath: configuration + ".before-join")
            }
            let entryPoints = options.entryPoints.map { entry -> String in
                let parts = entry.split(separator: "=", maxSplits: 1).map(String.init)
                return "  \(parts[0]):\n    address: \"\(parts.count > 1 ? parts[1] : ":80")\""
            }.joined(separator: "\n")
            let membership = """
                cluster:
                  nodeName: \(options.nodeName)
                  controllers: [\(controllers.map { "\"\($0)\"" }.joined(separator: ", "))]
                  stateDirectory: \(options.stateDirectory)/\(options.role)
                  tls:
                    caFile: \(pki)/ca.pem
                    certFile: \(pki)/node.pem
                    keyFile: \(pki)/node.key

                """
            if options.role == "mesh" {
                let advertise = options.advertiseAddress ?? LocalAddress.toward(options.controller) ?? "127.0.0.1"
                try write(configuration, """
                    # Written by teeadm join: this mesh agent takes services and policy from the controllers (see tee-mesh(8)).
                    node: \(options.nodeName)
                    listen: "0.0.0.0:4243"
                    advertise: "\(advertise):4243"
                    dns: "127.0.0.153:53"
                    metrics: "127.0.0.1:9105"
                    controllerAPI: ["\(options.controller)"]
                    \(membership)
                    """, mode: 0o644)
                return files
            }
            try write(configuration, """
                # Written by teeadm join: this \(options.role) takes its dynamic configuration from the controllers.
                entryPoints:
                \(entryPoints)
                \(membership)
                """, mode: 0o644)
        } catch let error as AdminError {
            throw error
        } catch {
            throw AdminError("cannot write the node's files: \(error)")
        }
        return files
    }

    /// `request`, sent again while the controller answers that it may succeed later (a controller
    /// join waits while another joining controller's etcd member catches up), for at most `patience`.
    private func requestRetrying(_ method: HTTPMethod, _ path: String, body: String?, trusting caPEM: String?,
                                 for patience: Duration) async throws(AdminError) -> [String: Any] {
        let deadline = ContinuousClock.now + patience
        while true {
            do {
                return try await self.request(method, path, body: body, trusting: caPEM)
            } catch {
                guard let pause = error.retryAfter, ContinuousClock.now + pause < deadline else { throw error }
                print("[join] \(error.message); trying again in \(pause.components.seconds) s")
                try? await Task.sleep(for: pause)
            }
        }
    }

    /// A JSON request to the controller over TLS: trusting `caPEM` when given (the pinned CA),
    /// else unverified (discovery, whose answer is checked against the pin).
    private func request(_ method: HTTPMethod, _ path: String, body: String?, trusting caPEM: String?) async throws(AdminError) -> [String: Any] {
        var tls = TLSConfiguration.makeClientConfiguration()
        if let caPEM, let roots = try? NIOSSLCertificate.fromPEMBytes(Array(caPEM.utf8)) {
            tls.trustRoots = .certificates(roots)
            tls.certificateVerification = .noHostnameVerification  // node certificates name addresses
        } else {
            tls.certificateVerification = .none
        }
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: .init(tlsConfiguration: tls))
        var request = HTTPClientRequest(url: "https://\(self.options.controller)\(path)")
        request.method = method
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(string: body))
        }
        let status: UInt
        let text: String
        do {
            let response = try await client.execute(request, timeout: .seconds(15))
            status = response.status.code
            text = String(buffer: try await response.body.collect(upTo: 1024 * 1024))
            try? await client.shutdown()
        } catch {
            try? await client.shutdown()
            throw AdminError("cannot reach the controller at \(self.options.controller): \(error)\n"
                + "Give a controller's API address (HOST:7440) reachable from this node.")
        }
        let object = (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:]
        guard status == 200 else {
            let reason = object["error"] as? String ?? text
            if status == 409 { throw AdminError(reason, retryAfter: .seconds(2)) }
            throw AdminError("the controller refused (\(status)): \(reason); nothing was written")
        }
        return object
    }
}
