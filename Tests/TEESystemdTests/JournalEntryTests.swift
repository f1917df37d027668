import Logging
import TEESystemd
import Testing

@Suite struct JournalEntryTests {
    static func record(_ level: Logger.Level, metadata: Logger.Metadata = [:]) -> LogRecord {
        LogRecord(label: "tee-proxy.reload", level: level, message: "Reload complete\nsecond line", metadata: metadata,
                  file: "TEEDaemon/ReloadSignalService.swift", function: "run()", line: 42)
    }

    @Test("PRIORITY follows the log level", arguments: [
        (Logger.Level.trace, "7"), (.debug, "7"), (.info, "6"), (.notice, "5"),
        (.warning, "4"), (.error, "3"), (.critical, "2"),
    ])
    func priority(level: Logger.Level, expected: String) {
        #expect(JournalEntry(record: Self.record(level), syslogIdentifier: "tee-proxy").value(of: "PRIORITY") == expected)
    }

    @Test func standardFields() {
        let entry = JournalEntry(record: Self.record(.info), syslogIdentifier: "tee-proxy")
        #expect(entry.fields.first?.name == "MESSAGE")
        #expect(entry.value(of: "MESSAGE") == "Reload complete\nsecond line")
        #expect(entry.value(of: "SYSLOG_IDENTIFIER") == "tee-proxy")
        #expect(entry.value(of: "CODE_FILE") == "TEEDaemon/ReloadSignalService.swift")
        #expect(entry.value(of: "CODE_LINE") == "42")
        #expect(entry.value(of: "CODE_FUNC") == "run()")
        #expect(entry.value(of: "TEE_LOGGER") == "tee-proxy.reload")
    }

    @Test func metadataBecomesSanitisedTeeFields() {
        let entry = JournalEntry(
            record: Self.record(.info, metadata: ["entry_point": "web", "request.id": "7", "peer": .dictionary(["ip": "::1"])]),
            syslogIdentifier: "tee-proxy"
        )
        #expect(entry.value(of: "TEE_ENTRY_POINT") == "web")
        #expect(entry.value(of: "TEE_REQUEST_ID") == "7")
        #expect(entry.value(of: "TEE_PEER")?.contains("::1") == true)
        for field in entry.fields {
            #expect(JournalFieldName.isValid(field.name), "invalid journal field \(field.name)")
        }
    }

    @Test("metadata keys become valid field names", arguments: [
        ("entryPoint", "TEE_ENTRYPOINT"),
        ("request.id", "TEE_REQUEST_ID"),
        ("x-forwarded-for", "TEE_X_FORWARDED_FOR"),
        ("_private", "TEE__PRIVATE"),
        ("9lives", "TEE_9LIVES"),
        ("ünïcode", "TEE__N_CODE"),
        (String(repeating: "k", count: 100), "TEE_" + String(repeating: "K", count: 60)),
    ])
    func fieldName(key: String, expected: String) {
        let name = JournalFieldName.metadataField(for: key)
        #expect(name == expected)
        #expect(JournalFieldName.isValid(name))
    }

    @Test("field name validity", arguments: [
        ("MESSAGE", true), ("TEE_X", true), ("_PID", false), ("1ABC", false), ("lower", false),
        ("A-B", false), ("", false), (String(repeating: "A", count: 65), false), (String(repeating: "A", count: 64), true),
    ])
    func validity(name: String, valid: Bool) {
        #expect(JournalFieldName.isValid(name) == valid)
    }
}
