import NIOCore

/// An entry point's listening channel.
struct EntryPointListener: Sendable {
    let name: String
    let channel: any Channel
}
