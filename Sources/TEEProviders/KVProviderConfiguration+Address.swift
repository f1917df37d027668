import TEEModel

extension KVProviderConfiguration {
    /// The endpoint in use (the first: ``EndpointRotation`` puts the one to try first), as
    /// written and as an address; `store` names the store in the error.
    func currentEndpoint(of store: String) throws -> (text: String, address: HostPort) {
        let text = self.endpoints[0]
        guard let address = HostPort(parsing: Self.withoutScheme(text)) else {
            throw ProviderError("\(store) endpoint \(text) is not host:port")
        }
        return (text, address)
    }
}
