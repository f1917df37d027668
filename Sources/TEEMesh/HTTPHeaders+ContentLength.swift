import NIOHTTP1

extension HTTPHeaders {
    /// Makes `content-length` say `length`. Headers that already say it are not written to, so a
    /// head shared with the message it came from is not copied.
    mutating func setContentLength(_ length: Int) {
        if self.first(name: "content-length").flatMap(Int.init) != length {
            self.replaceOrAdd(name: "content-length", value: String(length))
        }
    }
}
