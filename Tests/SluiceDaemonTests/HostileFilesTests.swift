import Foundation
import SluiceStore
import SluiceTesting
import SluiceVocabulary
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Files no one should drop but someone will (issue 19), into a bucket whose rule reads each as CSV in a
/// Distributed Map: each fails its own execution with an error naming the file, or is no object at all (a FIFO, a
/// symlink out of the bucket), and a good file dropped after them is scored as ever.
extension HostileEnvironmentTests {
    func readingPipeline(_ root: Root) throws {
        try root.write(
            "etc/sluice/rules/inbox.json",
            #"""
            {"EventPattern": {"source": ["aws.s3"], "detail-type": ["Object Created"], "detail": {"bucket": {"name": ["inbox"]}}},
             "Targets": [{"Id": "read", "Arn": "arn:aws:states:local:000000000000:stateMachine:readit",
               "InputTransformer": {"InputPathsMap": {"key": "$.detail.object.key"}, "InputTemplate": "{\"Key\": <key>}"}}]}
            """#
        )
        try root.write(
            "etc/sluice/state-machines/readit.asl.json",
            #"""
            {"StartAt": "Each", "States": {"Each": {"Type": "Map",
              "ItemReader": {"Resource": "arn:aws:states:::s3:getObject", "ReaderConfig": {"InputType": "CSV", "CSVHeaderLocation": "FIRST_ROW"},
                             "Parameters": {"Bucket": "inbox", "Key.$": "$.Key"}},
              "ItemBatcher": {"MaxItemsPerBatch": 100},
              "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                "StartAt": "P", "States": {"P": {"Type": "Pass", "Result": "ok", "End": true}}},
              "End": true}}}
            """#
        )
    }

    /// The execution started for `key`'s object (its input names the key), once it has ended.
    func ended(_ root: Root, _ key: String) async throws -> ExecutionRecord? {
        var found: ExecutionRecord?
        try await waitFor(seconds: 30) {
            found = root.executions().first {
                (try? JSONSerialization.jsonObject(with: Data($0.input.utf8)) as? [String: Any])?["Key"] as? String
                    == key
            }
            return found.map { $0.status != .running } ?? false
        }
        return found
    }

    @Test(
        "Binary data, a bad CSV, a header of a million columns, a gzip bomb, invalid UTF-8, 1,024- and 1,025-byte keys, a FIFO, a symlink to /etc/shadow: each fails alone or is no object",
        .timeLimit(.minutes(3))
    )
    func hostileFiles() async throws {
        let root = try Root()
        defer { root.remove() }
        try readingPipeline(root)
        let (daemon, _) = try await start(root)
        defer { if daemon.isRunning { daemon.terminate() } }
        let inbox = root.path + "/var/lib/sluice/buckets/inbox"

        func drop(_ key: String, _ bytes: Data) throws {
            let temporary = inbox + "/.drop.part"
            try bytes.write(to: URL(fileURLWithPath: temporary))
            let folder = (inbox + "/" + key as NSString).deletingLastPathComponent
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            #expect(rename(temporary, inbox + "/" + key) == 0)
        }
        // Neither is an object S3 could hold: nothing starts, nothing blocks on the FIFO, /etc/shadow is not read.
        #expect(mkfifo(inbox + "/fifo.csv", 0o644) == 0)
        #expect(symlink("/etc/shadow", inbox + "/shadow.csv") == 0)

        // Made on a thread of their own: building them takes seconds of CPU that the concurrency pool's few threads
        // (the in-process sluiced of the suites beside this one) must not wait for.
        let files = try await onOwnThread { () throws -> [(String, Data)] in
            var random = SystemRandomNumberGenerator()
            let columns = 1_000_000
            // A gzip bomb: 100 MB of zeros after the header, in about 100 KB.
            let bomb = Process()
            bomb.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            bomb.arguments = [
                "python3", "-c",
                "import gzip, sys; sys.stdout.buffer.write(gzip.compress(b'a,b\\n' + bytes(100_000_000), 9))",
            ]
            let out = Pipe()
            bomb.standardOutput = out
            try bomb.run()
            let compressed = out.fileHandleForReading.readDataToEndOfFile()
            bomb.waitUntilExit()
            return [
                ("binary.csv", Data((0..<1_000_000).map { _ in UInt8.random(in: 0...255, using: &random) })),
                ("quote.csv", Data("a,b\n\"open,2\n".utf8)),
                ("wide.csv", Data(((0..<columns).map { "c\($0)" }.joined(separator: ",") + "\n1\n").utf8)),
                ("badutf8.csv", Data([0xFF, 0xFE, 0x2C, 0x62, 0x0A, 0x31, 0x2C, 0x32, 0x0A])),
                ("bomb.csv", compressed),
            ]
        }
        for (key, bytes) in files { try drop(key, bytes) }
        // S3's longest key: 1,024 bytes (folders of 250).
        let long =
            (["p", "q", "r", "s"].map { String(repeating: $0, count: 250) } + [String(repeating: "t", count: 20)])
            .joined(separator: "/")
        #expect(long.utf8.count == 1_024)
        try drop(long, Data("a\n1\n".utf8))
        // One byte more is no object S3 could hold: nothing starts, and the journal says why.
        try drop(long + "u", Data("a\n1\n".utf8))

        let binary = try await ended(root, "binary.csv")
        // Random bytes are CSV to a CSV reader as they are to AWS's: read (or refused on a stray quote), never a hang.
        #expect(binary?.status == .succeeded || binary?.error == "States.ItemReaderFailed")
        let quote = try await ended(root, "quote.csv")
        #expect(quote?.error == "States.ItemReaderFailed")
        #expect(quote?.cause?.contains("s3://inbox/quote.csv") == true, "\(String(describing: quote?.cause))")
        let wide = try await ended(root, "wide.csv")
        #expect(wide?.error == "States.ItemReaderFailed")
        #expect(wide?.cause?.contains("header row is larger than 10 KiB") == true, "\(String(describing: wide?.cause))")
        let bad = try await ended(root, "badutf8.csv")
        #expect(bad?.status == .succeeded, "invalid UTF-8 is read, not a crash")
        let gz = try await ended(root, "bomb.csv")
        #expect(gz?.error == "States.ItemReaderFailed")
        #expect(gz?.cause?.contains("larger than 8 MiB") == true, "\(String(describing: gz?.cause))")
        let longest = try await ended(root, long)
        #expect(longest?.status == .succeeded)

        // And then a good one, as ever; the FIFO and the symlink never became objects.
        try drop("good.csv", Data("a,b\n1,2\n".utf8))
        let good = try await ended(root, "good.csv")
        #expect(good?.status == .succeeded)
        #expect(!root.recorded("inbox", "fifo.csv"))
        #expect(!root.recorded("inbox", "shadow.csv"))
        #expect(!root.recorded("inbox", long + "u"))
        #expect(logContains(root.path + "/sluiced.log", "longer than S3's 1024"))
        #expect(root.executions().count == 7)
        #expect(daemon.isRunning)
    }
}
