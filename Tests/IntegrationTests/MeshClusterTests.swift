import Foundation
import TEETesting
import Testing

/// A mesh agent in a cluster on loopback (--no-systemd): joined with teeadm, registered with the
/// controllers, its services' certificates signed by them (only for services on its node), the
/// mesh applied with teeadm and delivered by the snapshot stream, acknowledged per agent.
@Suite("tee-mesh in a cluster")
struct MeshClusterTests {
    typealias Init = TeeadmInitTests
    typealias Node = TeeadmClusterLifecycleTests.Node

    @Test("teeadm join --role mesh, teeadm mesh apply, a request through the agent, certificates only for the node's services")
    func meshInCluster() async throws {
        let backend = try await TestBackend(name: "api")
        defer { Task { await backend.stop() } }
        var processes: [DaemonProcess] = []
        defer { for process in processes { process.send(SIGKILL) } }

        let c1 = try Node.make("mesh-c1")
        let initialized = try await Init.teeadm(["init", "--no-systemd", "--name", "c1", "--cluster-name", "meshcluster",
                                                 "--advertise-address", "127.0.0.1"] + c1.controllerArguments)
        #expect(initialized.status == 0, "\(initialized.log)")
        let pin = String(try #require(initialized.log.firstMatch(of: /--ca-cert-hash (sha256:[0-9a-f]{64})/)?.1))
        processes += try Init.startPrinted(initialized.log, socket: c1.socket)
        #expect(await processes[1].waitForLog("Snapshot compiled"), "\(processes[1].log)")
        let api = ["--controller", "unix:\(c1.socket)"]
        let token = try await Init.teeadm(["token", "create", "--role", "mesh"] + api).log.trimmingCharacters(in: .whitespacesAndNewlines)

        // Join as a mesh agent; the file teeadm writes runs the agent (ports moved off the defaults).
        let node = try TemporaryDirectory.make(prefix: "mesh-m1")
        let joined = try await Init.teeadm(["join", "127.0.0.1:\(c1.ports[2])", "--role", "mesh", "--name", "m1", "--token", token,
                                            "--ca-cert-hash", pin, "--config-dir", "\(node)/etc", "--state-dir", "\(node)/state", "--no-systemd"])
        #expect(joined.status == 0, "\(joined.log)")
        let written = try String(contentsOfFile: "\(node)/etc/mesh.yaml", encoding: .utf8)
        #expect(written.contains("advertise: \"127.0.0.1:4243\"") && written.contains("controllerAPI: [\"127.0.0.1:\(c1.ports[2])\"]"), "\(written)")
        let (agentPort, dnsPort, metricsPort, servicePort) = (try FreePort.next(), try FreePort.next(), try FreePort.next(), try FreePort.next())
        let configuration = written
            .replacingOccurrences(of: "listen: \"0.0.0.0:4243\"", with: "listen: \"127.0.0.1:\(agentPort)\"")
            .replacingOccurrences(of: "advertise: \"127.0.0.1:4243\"", with: "advertise: \"127.0.0.1:\(agentPort)\"")
            .replacingOccurrences(of: "dns: \"127.0.0.153:53\"", with: "dns: \"127.0.0.1:\(dnsPort)\"")
            .replacingOccurrences(of: "metrics: \"127.0.0.1:9105\"", with: "metrics: \"127.0.0.1:\(metricsPort)\"")
        try configuration.write(toFile: "\(node)/etc/mesh.yaml", atomically: true, encoding: .utf8)
        let agent = try DaemonProcess("tee-mesh", ["--config", "\(node)/etc/mesh.yaml", "--log-level", "debug"])
        processes.append(agent)
        #expect(await agent.waitForLog("Registered with the controllers"), "\(agent.log)")

        // The mesh: this test's uid is the client service; the backend is api's instance on m1.
        let mesh = try TemporaryDirectory.write("""
            - kind: MeshService
              metadata: {name: client}
              spec: {port: 80, instances: [{node: m1, port: 1, uid: \(getuid())}]}
            - kind: MeshService
              metadata: {name: api}
              spec: {port: \(servicePort), instances: [{node: m1, port: \(backend.port), uid: 4321}]}
            - kind: MeshService
              metadata: {name: elsewhere}
              spec: {port: \(servicePort), instances: [{node: m2, port: 9000, uid: 4321}]}
            - kind: TrafficTarget
              metadata: {name: client-to-api}
              spec: {destination: api, sources: [client]}
            """, named: "mesh.yaml")
        let applied = try await Init.teeadm(["mesh", "apply", "-f", mesh] + api)
        #expect(applied.status == 0, "\(applied.log)")
        // Snapshots from before the apply (the agent's own registration makes one) may be applied
        // after it returns: wait until the agent's DNS knows api.
        let known = await ClusterFixture.eventually(.seconds(30)) {
            guard let probe = try? DaemonProcess("/usr/bin/python3", [Self.helper("mesh_client.py"), "127.0.0.1:\(dnsPort)", "api.default.mesh",
                                                                    "\(servicePort)", "0"]) else { return false }
            _ = await probe.waitForExit()
            return probe.log.contains("\"address\": \"127.77.")
        }
        #expect(known, "\(agent.log)")

        // A request through the agent: DNS gives api's virtual IP, mTLS to the agent's own inter-agent port, then the backend.
        let client = try DaemonProcess("/usr/bin/python3", [Self.helper("mesh_client.py"), "127.0.0.1:\(dnsPort)", "api.default.mesh",
                                                             "\(servicePort)", "3", "GET", "/orders"])
        _ = await client.waitForExit()
        #expect(client.log.contains("\"status\": {\"200\": 3}"), "\(client.log)\n\(agent.log)")
        #expect(client.log.contains("\"address\": \"127.77."), "\(client.log)")
        let received = await backend.waitForRequests(3)
        #expect(received.first?.header("x-tee-mesh-source") == "spiffe://meshcluster/ns/default/svc/client", "\(received.map(\.headers))")

        // The agent acknowledged the snapshot: its node record shows the version it serves.
        let nodes = try await Init.teeadm(["node", "list", "-o", "json"] + api)
        #expect(nodes.log.contains("\"m1\"") && nodes.log.contains("\"mesh\""), "\(nodes.log)")
        let acknowledged = await ClusterFixture.eventually(.seconds(20)) {
            let list = (try? await Init.teeadm(["node", "list", "-o", "json"] + api))?.log ?? ""
            return list.firstMatch(of: /"appliedVersion" *: *[1-9]/) != nil && list.contains("\"mesh\"")
        }
        #expect(acknowledged, "\(nodes.log)")

        // The controllers sign a service's certificate only for the node its instance runs on.
        let identities = try DaemonProcess("/usr/bin/python3", ["-c", """
            import http.client, json, ssl, subprocess
            csr = subprocess.run(["openssl", "req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                                  "-keyout", "/dev/null", "-subj", "/CN=x"], capture_output=True, text=True, check=True).stdout
            context = ssl.create_default_context(cafile="\(node)/etc/pki/ca.pem")
            context.check_hostname = False
            context.load_cert_chain("\(node)/etc/pki/node.pem", "\(node)/etc/pki/node.key")
            for service in ["api.default", "elsewhere.default"]:
                connection = http.client.HTTPSConnection("127.0.0.1", \(c1.ports[2]), context=context, timeout=10)
                connection.request("POST", "/api/v1/mesh/identities", json.dumps({"service": service, "csr": csr}),
                                   {"Content-Type": "application/json"})
                response = connection.getresponse()
                print(service, response.status, response.read().decode()[:200])
            """])
        _ = await identities.waitForExit()
        #expect(identities.log.contains("api.default 200"), "\(identities.log)")
        #expect(identities.log.contains("elsewhere.default 403") && identities.log.contains("runs no instance"), "\(identities.log)")

        // The agent registered its address (a mesh document in the snapshot); removing the node removes it.
        func snapshotDocuments() async throws -> String {
            let curl = try DaemonProcess("/usr/bin/curl", ["-s", "--unix-socket", c1.socket, "http://localhost/api/v1/snapshot"])
            _ = await curl.waitForExit()
            return curl.log
        }
        let before = try await snapshotDocuments()
        #expect(before.contains("mesh/agent-m1"), "\(before)")
        agent.send(SIGKILL)
        let removed = try await Init.teeadm(["node", "remove", "m1"] + api)
        #expect(removed.status == 0, "\(removed.log)")
        let gone = await ClusterFixture.eventually(.seconds(20)) { !((try? await snapshotDocuments()) ?? "mesh/agent-m1").contains("mesh/agent-m1") }
        let after = try await snapshotDocuments()
        #expect(gone, "\(after)")
    }

    static func helper(_ name: String) -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("MeshHelpers/\(name)").path
    }
}
