/// Why a provider's source failed, in words for the log and the API.
struct ProviderError: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
