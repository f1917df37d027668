import Foundation
import TEEMesh
import TEEModel
import Testing

/// The agent's own file: addresses, peers, upstreams, and where the mesh comes from.
@Suite("the agent's configuration file")
struct MeshAgentConfigurationTests {
    @Test("a standalone agent's file")
    func standalone() throws {
        let configuration = try MeshAgentConfiguration.parse("""
            node: web-1
            clusterName: prod
            listen: "10.0.0.11:4243"
            peers: {db-1: "10.0.0.12:4243"}
            dns: "127.0.0.153:53"
            metrics: "127.0.0.1:9105"
            upstreams: ["9000=api.shop", "127.0.0.2:5432=db"]
            standalone: {meshFile: /etc/tee/mesh.d/mesh.yaml, caCertFile: /etc/tee/pki/ca.pem, caKeyFile: /etc/tee/pki/ca.key}
            tracing: {sampleRate: 0.5, otlp: {grpc: {endpoint: "collector:4317", insecure: true}}}
            log: {otlp: {serviceName: mesh-web-1}}
            """, file: "mesh.yaml", hostName: "ignored")
        #expect(configuration.tracing?.sampleRate == 0.5 && configuration.tracing?.exporter.url == "http://collector:4317")
        #expect(configuration.logOTLP?.serviceName == "mesh-web-1" && configuration.logOTLP?.exporter.url == "http://localhost:4318/v1/logs")
        let settings = configuration.settings
        #expect(settings.node == "web-1" && settings.clusterName == "prod")
        #expect(settings.listenHost == "10.0.0.11" && settings.listenPort == 4243)
        #expect(settings.peers == ["db-1": HostPort(host: "10.0.0.12", port: 4243)])
        #expect(settings.dnsHost == "127.0.0.153" && settings.dnsPort == 53)
        #expect(settings.upstreams == [
            MeshUpstream(listen: HostPort(host: "127.0.0.1", port: 9000), service: MeshServiceIdentity(name: "api", namespace: "shop")),
            MeshUpstream(listen: HostPort(host: "127.0.0.2", port: 5432), service: MeshServiceIdentity(name: "db")),
        ])
        #expect(configuration.meshFile == "/etc/tee/mesh.d/mesh.yaml" && configuration.cluster == nil)
    }

    @Test("the node defaults to the cluster's name for it, then the host name")
    func nodeName() throws {
        let joined = try MeshAgentConfiguration.parse("""
            advertise: "10.0.0.7:4243"
            controllerAPI: ["10.0.0.1:7440"]
            cluster:
              nodeName: mesh-7
              controllers: ["10.0.0.1:7441"]
              tls: {caFile: ca.pem, certFile: node.pem, keyFile: node.key}
            """, file: "mesh.yaml", hostName: "host")
        #expect(joined.settings.node == "mesh-7" && joined.cluster?.controllers == ["10.0.0.1:7441"])
        #expect(joined.controllerAPI == ["10.0.0.1:7440"] && joined.advertise == HostPort(host: "10.0.0.7", port: 4243))
        #expect(throws: ConfigurationErrors.self) {
            try MeshAgentConfiguration.parse("""
                controllerAPI: ["10.0.0.1:7440"]
                cluster: {nodeName: m, controllers: ["10.0.0.1:7441"], tls: {caFile: a, certFile: b, keyFile: c}}
                """, file: "mesh.yaml", hostName: "host")  // listening everywhere, advertising nothing
        }
    }

    @Test("mistakes are reported with file, line and what to do", arguments: [
        ("listen: 4243\nstandalone: {meshFile: a, caCertFile: b, caKeyFile: c}", "mesh.yaml:1", "HOST:PORT"),
        ("peers: {db-1: nowhere}\nstandalone: {meshFile: a, caCertFile: b, caKeyFile: c}", "mesh.yaml:1", "HOST:PORT"),
        ("standalone: {meshFile: a, caCertFile: b, caKeyFile: c}\nupstreams: [\"api\"]", "mesh.yaml:2", "[HOST:]PORT=SERVICE.NAMESPACE"),
        ("standalone: {meshFile: a}", "mesh.yaml:1", "caCertFile"),
        ("node: x", "mesh.yaml:1", "either standalone"),
        ("nodes: x\nstandalone: {meshFile: a, caCertFile: b, caKeyFile: c}", "mesh.yaml:1", "nodes"),
    ])
    func mistakes(text: String, location: String, hint: String) {
        #expect {
            try MeshAgentConfiguration.parse(text, file: "mesh.yaml", hostName: "host")
        } throws: { error in
            "\(error)".contains(location) && "\(error)".contains(hint)
        }
    }

    @Test("the examples in examples/mesh/ load")
    func examples() throws {
        let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../examples/mesh").standardized.path
        let agent = try MeshAgentConfiguration.parse(try String(contentsOfFile: "\(directory)/agent-standalone.yaml", encoding: .utf8),
                                                     file: "agent-standalone.yaml", hostName: "host")
        #expect(agent.settings.node == "web-1" && agent.meshFile != nil && agent.settings.upstreams.count == 1)
        let mesh = try MeshConfigurationParser().parse(try String(contentsOfFile: "\(directory)/mesh.yaml", encoding: .utf8), file: "mesh.yaml")
        #expect(mesh.services.count == 3 && mesh.trafficTargets.count == 2 && mesh.policy(for: MeshServiceIdentity(name: "api", namespace: "shop")) != nil)
    }
}
