import TEESystemd
import Testing
#if canImport(Glibc)
import Glibc
#endif

@Suite struct JournalStreamTests {
    @Test func matchesOnlyOurStderr() {
        var status = stat()
        #expect(fstat(STDERR_FILENO, &status) == 0)
        let ours = "\(status.st_dev):\(status.st_ino)"
        #expect(JournalStream.isStderrJournal(environment: ["JOURNAL_STREAM": ours]))
        #expect(!JournalStream.isStderrJournal(environment: ["JOURNAL_STREAM": "\(status.st_dev):\(status.st_ino + 1)"]))
        #expect(!JournalStream.isStderrJournal(environment: ["JOURNAL_STREAM": "garbage"]))
        #expect(!JournalStream.isStderrJournal(environment: [:]))
    }
}
