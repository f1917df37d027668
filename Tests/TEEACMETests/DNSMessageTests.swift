import Foundation
@testable import TEEACME
import Testing

@Suite struct DNSMessageTests {
    @Test func updateMessageCountsItsSections() {
        var message = DNSMessageWriter(id: 0x1234, opcode: 5)
        message.question("tee.test", type: DNSMessageWriter.typeSOA)
        message.updateTXT("_acme-challenge.tee.test", text: "abc", ttl: 120, class: DNSMessageWriter.classIN)
        let bytes = message.bytes
        #expect(Array(bytes.prefix(12)) == [0x12, 0x34, 0x28, 0x00, 0, 1, 0, 0, 0, 1, 0, 0])
        // The zone: 3"tee"4"test"0, SOA, IN.
        #expect(Array(bytes[12..<26]) == [3, 116, 101, 101, 4, 116, 101, 115, 116, 0, 0, 6, 0, 1])
        // The record ends with TTL 120, rdata length 4 and the character-string "abc".
        #expect(Array(bytes.suffix(10)) == [0, 0, 0, 120, 0, 4, 3, 97, 98, 99])
    }

    @Test func deletionHasClassNoneAndTTLZero() {
        var message = DNSMessageWriter(id: 1, opcode: 5)
        message.updateTXT("a.test", text: "v", ttl: 120, class: DNSMessageWriter.classNONE)
        #expect(Array(message.bytes.suffix(12)) == [0, 16, 0, 254, 0, 0, 0, 0, 0, 2, 1, 118])
    }

    @Test func tsigIsAddedAsAnAdditionalRecord() throws {
        let key = try TSIGKey(name: "tee-key.", algorithm: "hmac-sha256.", secretBase64: Data(repeating: 7, count: 32).base64EncodedString())
        var message = DNSMessageWriter(id: 9, opcode: 5)
        message.question("tee.test", type: DNSMessageWriter.typeSOA)
        let signed = key.sign(message, id: 9, now: Date(timeIntervalSince1970: 1_700_000_000))
        #expect(signed[11] == 1, "ARCOUNT is 1")
        #expect(Array(signed.prefix(message.bytes.count))[12...] == message.bytes[12...])
        // Signing the same message at the same time gives the same MAC.
        #expect(signed == key.sign(message, id: 9, now: Date(timeIntervalSince1970: 1_700_000_000)))
        #expect(signed != key.sign(message, id: 9, now: Date(timeIntervalSince1970: 1_700_000_001)))
    }

    @Test func badKeysAreExplained() {
        #expect { try TSIGKey(name: "k", algorithm: "hmac-sha3", secretBase64: "AAAA") } throws: { "\($0)".contains("RFC2136_TSIG_ALGORITHM") }
        #expect { try TSIGKey(name: "k", algorithm: "hmac-sha256", secretBase64: "not base64!") } throws: { "\($0)".contains("RFC2136_TSIG_SECRET") }
    }

    @Test func readsCompressedNamesAndTXT() throws {
        // A response: one question (tee.test SOA), one answer whose owner points at offset 12, TXT "hi".
        var bytes: [UInt8] = [0, 7, 0x84, 0x00, 0, 1, 0, 1, 0, 0, 0, 0]
        bytes += [3, 116, 101, 101, 4, 116, 101, 115, 116, 0, 0, 16, 0, 1]
        bytes += [0xc0, 12, 0, 16, 0, 1, 0, 0, 0, 60, 0, 3, 2, 104, 105]
        let reader = try #require(DNSMessageReader(bytes))
        #expect(reader.id == 7)
        #expect(reader.responseCode == 0)
        #expect(reader.answers.first?.name == "tee.test")
        #expect(reader.answers.first.map { DNSMessageReader.text($0.data) } == "hi")
        #expect(DNSMessageReader(Array(bytes.prefix(20))) == nil)
    }

    @Test func challengeRecordNameAndValue() {
        let (name, value) = RFC2136Solver.record(domain: "*.tee.test", keyAuthorization: "token.thumb")
        #expect(name == "_acme-challenge.tee.test")
        #expect(value.count == 43 && !value.contains("="))
    }
}
