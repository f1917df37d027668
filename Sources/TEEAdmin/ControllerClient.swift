import AsyncHTTPClient
import Foundation
import NIOCore
import NIOFoundationCompat
import NIOHTTP1
import NIOPosix

/// A client of the controller's REST API, over its unix socket or its TCP address.
public struct ControllerClient: Sendable {
    /// `unix:/run/tee/controller.sock` or `http://127.0.0.1:7440`.
    public let address: String

    public init(address: String) {
        self.address = address
    }

    /// The socket when it exists (this node runs a controller), else the default TCP address.
    public static func local(socket: String = "/run/tee/controller.sock") -> ControllerClient {
        FileManager.default.fileExists(atPath: socket) ? ControllerClient(address: "unix:\(socket)")
            : ControllerClient(address: "http://127.0.0.1:7440")
    }

    /// An answer of the API.
    public struct Answer: Sendable {
        public var status: Int
        public var headers: [String: String]
        public var body: String

        /// The API's `error` message (JSON answers), or the body.
        public var errorMessage: String {
            if let object = try? JSONSerialization.jsonObject(with: Data(self.body.utf8)) as? [String: Any], let error = object["error"] as? String {
                let details = (object["details"] as? [String]) ?? []
                return ([error] + details.map { "  \($0)" }).joined(separator: "\n")
            }
            return self.body
        }
    }

    public func send(_ method: APIMethod, _ path: String, body: String? = nil, headers: [String: String] = [:]) async throws(AdminError) -> Answer {
        let url = try self.url(path)
        try await self.checkReachable()
        var request = HTTPClientRequest(url: url)
        request.method = HTTPMethod(rawValue: method.rawValue)
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let body { request.body = .bytes(ByteBuffer(string: body)) }
        do {
            let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
            let bytes = try await response.body.collect(upTo: 64 * 1024 * 1024)
            var fields: [String: String] = [:]
            for header in response.headers { fields[header.name.lowercased()] = header.value }
            return Answer(status: Int(response.status.code), headers: fields, body: String(buffer: bytes))
        } catch {
            throw Self.unreachable(self.address, error)
        }
    }

    /// A GET whose answer is bytes (the etcd snapshot).
    public func sendForBytes(_ path: String) async throws(AdminError) -> [UInt8] {
        let url = try self.url(path)
        try await self.checkReachable()
        do {
            let response = try await HTTPClient.shared.execute(HTTPClientRequest(url: url), timeout: .seconds(300))
            let bytes = try await response.body.collect(upTo: 4 * 1024 * 1024 * 1024)
            guard response.status == .ok else { throw AdminError("the controller refused (\(response.status.code)): \(String(buffer: bytes))") }
            return Array(bytes.readableBytesView)
        } catch let error as AdminError {
            throw error
        } catch {
            throw Self.unreachable(self.address, error)
        }
    }

    /// The URL of `path` at this controller (a unix socket becomes `http+unix://`).
    private func url(_ path: String) throws(AdminError) -> String {
        guard self.address.hasPrefix("unix:") else { return self.address + path }
        guard let socketURL = URL(httpURLWithSocketPath: String(self.address.dropFirst(5)), uri: path) else {
            throw AdminError("\(self.address) is not a usable socket path")
        }
        return socketURL.absoluteString
    }

    private static func unreachable(_ address: String, _ error: any Error) -> AdminError {
        AdminError("cannot reach the controller at \(address): \(error)\n"
            + "Is tee-controller running on this node (systemctl status tee-controller)? Or name one with --controller.")
    }

    /// Fails at once, rather than after the client's retries, when nothing listens at the address.
    private func checkReachable() async throws(AdminError) {
        let target: SocketAddress
        do {
            if self.address.hasPrefix("unix:") {
                target = try SocketAddress(unixDomainSocketPath: String(self.address.dropFirst(5)))
            } else {
                guard let url = URL(string: self.address), let host = url.host else { throw AdminError("\(self.address) is not http(s)://HOST:PORT or unix:PATH") }
                target = try SocketAddress.makeAddressResolvingHost(host, port: url.port ?? (url.scheme == "https" ? 443 : 80))
            }
            let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .connectTimeout(.seconds(3))
                .connect(to: target).get()
            try? await channel.close()
        } catch let error as AdminError {
            throw error
        } catch {
            throw Self.unreachable(self.address, error)
        }
    }
}
