import NIOHTTP1

extension HTTPHeaders {
    /// Removes the header `name` if the headers have it. Unlike `remove(name:)`, headers without
    /// it are not written to, so a head shared with the message it came from is not copied.
    mutating func removeIfPresent(name: String) {
        if self.contains(name: name) { self.remove(name: name) }
    }
}
