/// The parser found a request head too large, and its request line alone was longer than
/// 64 KiB: answered with 414 (URI Too Long) where other oversized heads get 431.
public struct RequestLineTooLong: Error, Equatable {
    public init() {}
}
