import TEEModel
import Testing

@Suite("cluster configuration: sources, diffs, proxy membership")
struct ClusterConfigurationTests {
    static func document(_ provider: String, _ name: String, _ content: String) -> ConfigurationDocument {
        ConfigurationDocument(provider: provider, name: name, format: "yaml", content: content)
    }

    @Test("documents of several sources merge, each object named after its source")
    func merge() throws {
        let configuration = try ConfigurationDocument.load([
            Self.document("file", "a.yaml", "http:\n  services:\n    s:\n      loadBalancer:\n        servers: [{url: \"http://127.0.0.1:1\"}]\n"),
            Self.document("api", "main", "http:\n  routers:\n    r:\n      rule: \"Host(`a`)\"\n      service: s@file\n"),
        ])
        #expect(Set(configuration.services.keys) == ["s@file"])
        #expect(configuration.routers["r@api"]?.service == "s@file")
        #expect(configuration.problems.isEmpty)
    }

    @Test("an object defined differently in two documents of a source is disabled in both")
    func conflict() throws {
        let service = { (port: Int) in "http:\n  services:\n    s:\n      loadBalancer:\n        servers: [{url: \"http://127.0.0.1:\(port)\"}]\n" }
        let configuration = try ConfigurationDocument.load([Self.document("file", "a.yaml", service(1)), Self.document("file", "b.yaml", service(2))])
        #expect(configuration.services.isEmpty)
        #expect(configuration.problems.map(\.name) == ["s@file"])
        #expect(configuration.problems.first?.description.contains("file/a.yaml") == true)
    }

    @Test("a document that does not parse fails the whole load, naming the document and line")
    func unparsable() {
        #expect {
            try ConfigurationDocument.load([Self.document("api", "main", "http:\n  routers: [x\n")])
        } throws: { error in
            (error as? ConfigurationErrors)?.errors.first?.description.hasPrefix("api/main:") == true
        }
    }

    @Test("diffs list added, removed and changed objects by kind")
    func diff() throws {
        let old = try ConfigurationDocument.load([Self.document("api", "main", """
            http:
              routers:
                kept: {rule: "Host(`k`)", service: s}
                changed: {rule: "Host(`c`)", service: s}
                gone: {rule: "Host(`g`)", service: s}
            """)])
        let new = try ConfigurationDocument.load([Self.document("api", "main", """
            http:
              routers:
                kept: {rule: "Host(`k`)", service: s}
                changed: {rule: "Host(`c2`)", service: s}
                added: {rule: "Host(`a`)", service: s}
            """)])
        #expect(ConfigurationDiff(from: old, to: new).changes.map(\.description)
            == ["+ router added@api", "~ router changed@api", "- router gone@api"])
        #expect(ConfigurationDiff(from: new, to: new).isEmpty)
    }

    @Test("cluster: in a proxy's static configuration, with errors that say what to add", arguments: [
        ("cluster:\n  nodeName: p1\n  controllers: [\"10.0.0.1:7441\"]\n", nil),
        ("cluster:\n  controllers: [\"10.0.0.1:7441\"]\n", "missing nodeName"),
        ("cluster:\n  nodeName: p1\n", "missing controllers"),
        ("cluster:\n  nodeName: p1\n  controllers: [\"10.0.0.1\"]\n", "is not HOST:PORT"),
        ("cluster:\n  nodeName: p1\n  controllers: [\"a:1\"]\n  tls:\n    caFile: ca.pem\n", "give caFile, certFile and keyFile together"),
    ] as [(String, String?)])
    func membership(text: String, expected: String?) {
        let yaml = "entryPoints:\n  web:\n    address: \":80\"\n" + text
        do {
            let configuration = try StaticConfigurationParser().parse(yaml, file: "proxy.yaml")
            #expect(expected == nil)
            #expect(configuration.cluster?.nodeName == "p1")
            #expect(configuration.cluster?.stateDirectory == "/var/lib/tee/proxy")
        } catch {
            let message = error.description
            #expect(expected != nil && message.contains(expected!) && message.contains("proxy.yaml:"), "\(message)")
        }
    }
}
