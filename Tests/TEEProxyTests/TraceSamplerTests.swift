import NIOHTTP1
import TEEProxy
import Testing

/// Which requests are traced, decided before any span is made.
@Suite struct TraceSamplerTests {
    @Test("the caller's decision wins, and its traceparent passes on untouched")
    func callerDecides() {
        let sampler = TraceSampler(sampleRate: 0)
        var sampled: HTTPHeaders = ["traceparent": "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"]
        #expect(sampler.shouldTrace(&sampled))
        var unsampled: HTTPHeaders = ["traceparent": "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00"]
        #expect(!TraceSampler(sampleRate: 1).shouldTrace(&unsampled))
        #expect(unsampled["traceparent"] == ["00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00"])
    }

    @Test("without a traceparent, sampleRate decides; a request left out gets a new unsampled context")
    func rate() throws {
        let sampler = TraceSampler(sampleRate: 0.25)
        var traced = 0
        var contexts = Set<String>()
        for _ in 0..<10_000 {
            var headers = HTTPHeaders()
            if sampler.shouldTrace(&headers) {
                traced += 1
                #expect(headers["traceparent"].isEmpty)
            } else {
                let context = try #require(headers.first(name: "traceparent"))
                #expect(context.wholeMatch(of: /00-[0-9a-f]{32}-[0-9a-f]{16}-00/) != nil, "\(context)")
                contexts.insert(context)
            }
        }
        #expect((2_200...2_800).contains(traced), "\(traced) of 10000 at 0.25")
        #expect(contexts.count == 10_000 - traced, "every context is new")
        var malformed: HTTPHeaders = ["traceparent": "nonsense"]
        _ = TraceSampler(sampleRate: 0).shouldTrace(&malformed)
        #expect(malformed.first(name: "traceparent")?.hasSuffix("-00") == true, "a malformed context is replaced")
    }
}
