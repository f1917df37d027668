import TEEModel
import Testing

@Suite("buffering configuration")
struct BufferingConfigurationTests {
    @Test("two buffering middlewares: the stricter limit of each (0 is no limit)", arguments: [
        ((0, 0), (10, 5), (10, 5)),
        ((10, 0), (20, 0), (10, 0)),
        ((0, 100), (0, 0), (0, 100)),
        ((30, 100), (20, 200), (20, 100)),
    ] as [((Int, Int), (Int, Int), (Int, Int))])
    func merged(first: (Int, Int), second: (Int, Int), expected: (Int, Int)) {
        let a = BufferingConfiguration(maxRequestBodyBytes: first.0, memRequestBodyBytes: 50, maxResponseBodyBytes: first.1)
        let b = BufferingConfiguration(maxRequestBodyBytes: second.0, memRequestBodyBytes: 70, maxResponseBodyBytes: second.1,
                                       memResponseBodyBytes: 9)
        let merged = a.merged(with: b)
        #expect(merged.maxRequestBodyBytes == expected.0)
        #expect(merged.maxResponseBodyBytes == expected.1)
        #expect(merged.memRequestBodyBytes == 50 && merged.memResponseBodyBytes == 9)
    }
}
