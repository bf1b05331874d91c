import SluiceEngine
import SluiceInterpreter
import SluiceJSON
import Testing

/// The journal keeps every event an execution handled; each must read back as the same event.
struct JournalEntryTests {
    @Test("Every kind of event survives the journal's JSON; items read are kept as a count")
    func roundTrip() throws {
        let events: [ExecutionEvent] = [
            .taskSucceeded(token: 3, output: ["a": [1, 2.5, "x", nil, true]]),
            .taskFailed(token: 4, error: "Boom", cause: "{\"errorMessage\":\"no\"}"),
            .taskFailed(token: 5, error: nil, cause: nil),
            .taskHeartbeat(token: 6),
            .taskSubmitted(token: 11, output: ["ExecutionArn": "arn:c", "StartDate": 1_795_755_662_123]),
            .taskSubmitted(token: 6, output: ["MessageId": "m"]),
            .timerFired(token: 7),
            .stop(error: "Manual", cause: nil),
            .redrive,
            .itemReaderFailed(token: 8, cause: "missing"),
            .resultsWritten(token: 9, details: ["Bucket": "b", "Key": "k/manifest.json"]),
            .resultWriterFailed(token: 10, cause: "disk full"),
            .mapRunUpdated(
                mapRunArn: "arn:m",
                maxConcurrency: 5,
                toleratedFailureCount: nil,
                toleratedFailurePercentage: 2.5
            ),
        ]
        for event in events {
            let text = JournalEntry(event).json.serialized()
            #expect(JournalEntry(json: try JSONParser.parse(text)) == .event(event), "\(text)")
        }
        let read = JournalEntry(.itemsRead(token: 2, items: [1, 2, 3], exhausted: false, sizes: [1, 1, 1]))
        #expect(read == .itemsRead(token: 2, count: 3, exhausted: false))
        #expect(JournalEntry(json: try JSONParser.parse(read.json.serialized())) == read)
        // The read that opened an object keeps its version, for the check on resume.
        let opened = JournalEntry(.itemsRead(token: 2, items: [1], exhausted: false, version: "size 9, inode 3"))
        #expect(opened == .itemsRead(token: 2, count: 1, exhausted: false, version: "size 9, inode 3"))
        #expect(JournalEntry(json: try JSONParser.parse(opened.json.serialized())) == opened)
        #expect(JournalEntry(json: ["e": "fromTheFuture"]) == nil)
    }
}
