/// How an exchange with an upstream (a peer agent or a local instance) failed: before a
/// connection was made (nothing was sent), or after (the request may have arrived).
enum MeshExchangeError: Error, CustomStringConvertible {
    case connect(any Error)
    case failed(any Error)

    /// Whether the request was sent, or may have been.
    var mayHaveBeenSent: Bool {
        if case .connect = self { return false }
        return true
    }

    var description: String {
        switch self {
        case .connect(let error): "cannot connect: \(error)"
        case .failed(let error): "\(error)"
        }
    }
}
