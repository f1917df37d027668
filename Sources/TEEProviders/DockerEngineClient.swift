import AsyncHTTPClient
import Foundation
import NIOCore
import NIOFoundationCompat
import NIOHTTP1
import NIOPosix
import TEEModel

/// The parts of the Docker Engine API the provider uses (Docker, or Podman's compatible
/// service): the running containers, each one's details, and the stream of container events.
struct DockerEngineClient {
    let settings: DockerProviderConfiguration
    let client: HTTPClient
    /// The API's base URL (`http+unix://%2Fvar%2Frun%2Fdocker.sock/v1.41`).
    let base: String

    init(settings: DockerProviderConfiguration) throws {
        self.settings = settings
        var configuration = HTTPClient.Configuration()
        if let tls = settings.tls { configuration.tlsConfiguration = try tls.clientConfiguration() }
        // No read timeout: the event stream is quiet for as long as nothing happens.
        configuration.timeout = .init(connect: .seconds(5), read: nil)
        self.client = HTTPClient(eventLoopGroup: MultiThreadedEventLoopGroup.singleton, configuration: configuration)
        let endpoint = settings.endpoint
        if endpoint.hasPrefix("unix://") {
            let path = String(endpoint.dropFirst("unix://".count))
            self.base = "http+unix://\(path.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? path)/v1.41"
        } else if endpoint.hasPrefix("tcp://") {
            self.base = "\(settings.tls == nil ? "http" : "https")://\(endpoint.dropFirst("tcp://".count))/v1.41"
        } else {
            self.base = endpoint.hasSuffix("/") ? "\(endpoint)v1.41" : "\(endpoint)/v1.41"
        }
    }

    func shutdown() async {
        try? await self.client.shutdown()
    }

    /// The running containers, with their details: those in `known` are reused unless `changed`
    /// names them; the others are inspected.
    func containers(known: [String: DockerContainer] = [:], changed: Set<String> = []) async throws -> [DockerContainer] {
        guard let list = try await self.get("/containers/json") as? [[String: Any]] else {
            throw ProviderError("the Docker engine at \(self.settings.endpoint) sent a container list that is not a JSON array")
        }
        var containers: [DockerContainer] = []
        for entry in list {
            guard let id = entry["Id"] as? String else { continue }
            if let container = known[id], !changed.contains(id) {
                containers.append(container)
                continue
            }
            // A container that went between the list and its details is simply left out.
            guard let details = try? await self.get("/containers/\(id)/json") as? [String: Any] else { continue }
            containers.append(Self.container(id: id, details))
        }
        return containers
    }

    /// Calls `onEvent` with the container of each container or network event (its id, or "" when
    /// the event names none) until the stream ends (which throws).
    func events(_ onEvent: @Sendable (String) -> Void) async throws {
        let filters = #"{"type":["container","network"]}"#.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
        let request = self.request("/events?filters=\(filters)")
        let response = try await self.client.execute(request, deadline: .distantFuture)
        guard response.status == .ok else {
            throw ProviderError("the Docker engine at \(self.settings.endpoint) refused the event stream: \(response.status.code)")
        }
        var pending = ByteBuffer()
        for try await var chunk in response.body {
            pending.writeBuffer(&chunk)
            while let newline = pending.readableBytesView.firstIndex(of: UInt8(ascii: "\n")) {
                let line = pending.readSlice(length: newline - pending.readerIndex + 1)!
                onEvent(Self.containerID(ofEvent: line))
            }
            pending.discardReadBytes()
        }
        throw ProviderError("the Docker engine at \(self.settings.endpoint) ended the event stream")
    }

    /// The container an event is about: a network event's `Actor.Attributes.container`, else its `Actor.ID`.
    static func containerID(ofEvent line: ByteBuffer) -> String {
        guard let event = try? JSONSerialization.jsonObject(with: Data(buffer: line)) as? [String: Any] else { return "" }
        let actor = event["Actor"] as? [String: Any] ?? [:]
        if event["Type"] as? String == "network" {
            return (actor["Attributes"] as? [String: Any])?["container"] as? String ?? ""
        }
        return actor["ID"] as? String ?? event["id"] as? String ?? ""
    }

    /// A request of the API, with the `Host` the engine's HTTP server requires (a socket has none).
    private func request(_ path: String) -> HTTPClientRequest {
        var request = HTTPClientRequest(url: self.base + path)
        if self.settings.endpoint.hasPrefix("unix://") { request.headers.replaceOrAdd(name: "Host", value: "api.moby.localhost") }
        return request
    }

    private func get(_ path: String) async throws -> Any {
        let response: HTTPClientResponse
        do {
            response = try await self.client.execute(self.request(path), timeout: .init(self.settings.httpClientTimeout))
        } catch {
            throw ProviderError("cannot reach the Docker engine at \(self.settings.endpoint): \(error)")
        }
        let body = try await response.body.collect(upTo: 64 << 20)
        guard response.status == .ok else {
            throw ProviderError("the Docker engine at \(self.settings.endpoint) answered \(response.status.code) to GET \(path)")
        }
        return try JSONSerialization.jsonObject(with: Data(buffer: body))
    }

    /// A container from the engine's inspect answer.
    static func container(id: String, _ details: [String: Any]) -> DockerContainer {
        let config = details["Config"] as? [String: Any] ?? [:]
        let state = details["State"] as? [String: Any] ?? [:]
        let network = details["NetworkSettings"] as? [String: Any] ?? [:]
        let host = details["HostConfig"] as? [String: Any] ?? [:]
        var networks: [String: String] = [:]
        for (name, value) in network["Networks"] as? [String: Any] ?? [:] {
            networks[name] = (value as? [String: Any])?["IPAddress"] as? String ?? ""
        }
        var ports: [Int: DockerContainer.Port] = [:]
        func privatePort(_ key: String) -> (Int, String)? {
            let parts = key.split(separator: "/")
            guard let port = parts.first.flatMap({ Int($0) }) else { return nil }
            return (port, parts.count > 1 ? String(parts[1]) : "tcp")
        }
        for key in (config["ExposedPorts"] as? [String: Any] ?? [:]).keys {
            if let (port, proto) = privatePort(key) { ports[port] = DockerContainer.Port(privatePort: port, proto: proto) }
        }
        for (key, value) in network["Ports"] as? [String: Any] ?? [:] {
            guard let (port, proto) = privatePort(key) else { continue }
            let binding = (value as? [[String: Any]])?.first
            ports[port] = DockerContainer.Port(privatePort: port, proto: proto, hostIP: binding?["HostIp"] as? String,
                                               publicPort: (binding?["HostPort"] as? String).flatMap { Int($0) })
        }
        let health = (state["Health"] as? [String: Any])?["Status"] as? String ?? ""
        return DockerContainer(id: id, name: details["Name"] as? String ?? id, labels: config["Labels"] as? [String: String] ?? [:],
                               running: state["Running"] as? Bool ?? false, health: health, networks: networks,
                               networkMode: host["NetworkMode"] as? String ?? "",
                               ports: ports.values.sorted { $0.privatePort < $1.privatePort })
    }
}
