import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
public import TEEModel

/// `providers.http`: the document at `endpoint` (JSON, or YAML), fetched every `pollInterval`;
/// its objects are named `name@http`.
public struct HTTPProvider: ConfigurationProvider {
    public let name = "http"
    public let settings: HTTPProviderConfiguration

    public init(settings: HTTPProviderConfiguration) {
        self.settings = settings
    }

    public func watch(_ publish: @escaping @Sendable (ProviderUpdate) async throws -> Void) async throws {
        var configuration = HTTPClient.Configuration()
        if let tls = self.settings.tls { configuration.tlsConfiguration = try tls.clientConfiguration() }
        configuration.timeout = .init(connect: .init(self.settings.pollTimeout), read: .init(self.settings.pollTimeout))
        let client = HTTPClient(eventLoopGroup: MultiThreadedEventLoopGroup.singleton, configuration: configuration)
        do {
            var last: String?
            while true {
                let body = try await self.fetch(client)
                if body != last {
                    try await publish(ProviderUpdate(documents: [ConfigurationDocument(provider: self.name, name: "endpoint",
                                                                                          format: "yaml", content: body)]))
                    last = body
                }
                try await Task.sleep(for: self.settings.pollInterval)
            }
        } catch {
            try? await client.shutdown()
            throw error
        }
    }

    private func fetch(_ client: HTTPClient) async throws -> String {
        var request = HTTPClientRequest(url: self.settings.endpoint)
        for (name, value) in self.settings.headers { request.headers.add(name: name, value: value) }
        let response: HTTPClientResponse
        do {
            response = try await client.execute(request, timeout: .init(self.settings.pollTimeout))
        } catch {
            throw ProviderError("cannot fetch \(self.settings.endpoint): \(error)")
        }
        let body = try await response.body.collect(upTo: 64 << 20)
        guard response.status == .ok else {
            throw ProviderError("\(self.settings.endpoint) answered \(response.status.code) \(response.status.reasonPhrase); expected 200 with the configuration")
        }
        return String(buffer: body)
    }
}
