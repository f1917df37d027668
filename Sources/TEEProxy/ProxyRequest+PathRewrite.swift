import NIOHTTP1

extension ProxyRequest {
    /// Sets the path a middleware rewrote, with a leading `/`; a path left with `.` or `..`
    /// segments (which the server behind would resolve outside what was routed) is answered with
    /// 400, as Traefik answers it.
    mutating func rewritePath(_ path: String) -> MiddlewareOutcome {
        let path = path.hasPrefix("/") ? path : "/" + path
        guard !PercentDecoding.hasDotSegments(path) else {
            return .respond(SyntheticResponse(status: .badRequest, body: "400 Bad Request: dot segments in the rewritten path\n"))
        }
        self.setPath(path)
        return .proceed
    }
}
