import Foundation
import Logging
import SluiceASL
import SluiceInterpreter
import SluiceJSON
import SluiceTesting
import Testing

@testable import SluiceEngine
@testable import SluiceWorkers

/// Distributed Maps run from the shell as users run them: objects in a bucket folder, results read back from files.
@Suite(.serialized)
struct DistributedMapRunTests {
    private func root() throws -> String {
        let root = NSTemporaryDirectory() + "sluice-map-" + UUID().uuidString
        for dir in ["inbox", "results"] {
            try FileManager.default.createDirectory(
                atPath: root + "/var/lib/sluice/buckets/" + dir,
                withIntermediateDirectories: true
            )
        }
        return root
    }

    private func run(_ definition: String, root: String) async throws -> ExecutionOutcome {
        guard case .success(let machine) = DefinitionDecoder.decode(text: definition) else {
            throw TestDefinitionError()
        }
        let host = FunctionHost(
            definitions: [],
            maxWorkers: 4,
            logger: .init(label: "test") { _ in SwiftLogNoOpLogHandler() }
        )
        return await PipelineRunner.run(machine, name: "m", input: [:], root: root, host: host, maxWorkers: 4)
    }

    @Test("A million items: the result files hold each one exactly once", .timeLimit(.minutes(10)))
    func millionItems() async throws {
        let root = try root()
        defer { try? FileManager.default.removeItem(atPath: root) }
        // A tenth under a sanitizer (`make sanitize`): what it checks there is the threads, not the volume, and a
        // million items under ThreadSanitizer held both cores for 4 minutes, starving the suites beside it.
        let count = Sanitizer.name == nil ? 1_000_000 : 100_000
        var text = ""
        text.reserveCapacity(count * 12)
        for i in 0..<count { text += "{\"i\":\(i)}\n" }
        try text.write(toFile: root + "/var/lib/sluice/buckets/inbox/items.jsonl", atomically: true, encoding: .utf8)
        text = ""
        let outcome = try await run(
            #"""
            {"StartAt":"M","States":{"M":{"Type":"Map",
              "ItemReader":{"Resource":"arn:aws:states:::s3:getObject","ReaderConfig":{"InputType":"JSONL"},
                "Parameters":{"Bucket":"inbox","Key":"items.jsonl"}},
              "ItemBatcher":{"MaxItemsPerBatch":1000},
              "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},
                "StartAt":"P","States":{"P":{"Type":"Pass","OutputPath":"$.Items","End":true}}},
              "ResultWriter":{"Resource":"arn:aws:states:::s3:putObject","Parameters":{"Bucket":"results","Prefix":"all"},
                "WriterConfig":{"OutputType":"JSONL","Transformation":"FLATTEN"}},
              "End":true}}}
            """#,
            root: root
        )
        guard case .succeeded(let output) = outcome else {
            Issue.record("the map run failed: \(outcome)")
            return
        }
        #expect(output["ResultWriterDetails"]?["Bucket"] == "results")
        let indices = try resultIndices(root + "/var/lib/sluice/buckets/results/all")
        #expect(indices.count == count)
        var seen = [Bool](repeating: false, count: count)
        var duplicates = 0
        for i in indices where i >= 0 && i < count {
            if seen[i] { duplicates += 1 }
            seen[i] = true
        }
        #expect(duplicates == 0)
        #expect(seen.allSatisfy { $0 })
    }

    /// The `i` of every line of the SUCCEEDED result files under `folder`, each line required to be exactly
    /// `{"i":N}`. Read as bytes: parsing a million lines into values held one of the two cooperative threads for
    /// many seconds in a debug build and starved the suites running beside this one.
    private func resultIndices(_ folder: String) throws -> [Int] {
        let prefix = Array(#"{"i":"#.utf8)
        var indices: [Int] = []
        for file in FileManager.default.enumerator(atPath: folder)?.compactMap({ $0 as? String }) ?? []
        where file.hasSuffix(".jsonl") && file.contains("SUCCEEDED") {
            let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: folder + "/" + file)))
            for line in bytes.split(separator: UInt8(ascii: "\n")) {
                let digits = line.dropFirst(prefix.count).dropLast()
                guard line.starts(with: prefix), line.last == UInt8(ascii: "}"), !digits.isEmpty,
                    digits.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
                    let i = Int(String(decoding: digits, as: UTF8.self))
                else {
                    Issue.record("not an item's result: \(String(decoding: line, as: UTF8.self))")
                    continue
                }
                indices.append(i)
            }
        }
        return indices
    }

    @Test("CSV rows become string-valued items; failed children land in FAILED files; the manifest lists them")
    func csvWithFailures() async throws {
        let root = try root()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try "id,name\n1,\"Acme, Inc.\"\n2,Bluebird\n3,\"say \"\"hi\"\"\"\n".write(
            toFile: root + "/var/lib/sluice/buckets/inbox/rows.csv",
            atomically: true,
            encoding: .utf8
        )
        let outcome = try await run(
            #"""
            {"StartAt":"M","States":{"M":{"Type":"Map","ToleratedFailureCount":1,
              "ItemReader":{"Resource":"arn:aws:states:::s3:getObject","ReaderConfig":{"InputType":"CSV","CSVHeaderLocation":"FIRST_ROW"},
                "Parameters":{"Bucket":"inbox","Key":"rows.csv"}},
              "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},"StartAt":"C","States":{
                "C":{"Type":"Choice","Choices":[{"Variable":"$.id","StringEquals":"2","Next":"F"}],"Default":"P"},
                "F":{"Type":"Fail","Error":"NoBluebirds","Cause":"not today"},
                "P":{"Type":"Pass","End":true}}},
              "ResultWriter":{"Resource":"arn:aws:states:::s3:putObject","Parameters":{"Bucket":"results","Prefix":"csv"}},
              "End":true}}}
            """#,
            root: root
        )
        guard case .succeeded(let output) = outcome, let key = output["ResultWriterDetails"]?["Key"]?.stringValue else {
            Issue.record("the map run failed: \(outcome)")
            return
        }
        let base = root + "/var/lib/sluice/buckets/results/"
        let manifest = try JSONParser.parse(String(contentsOfFile: base + key, encoding: .utf8))
        #expect(manifest["DestinationBucket"] == "results")
        #expect(manifest["MapRunArn"] == output["MapRunArn"])
        let succeededKey = try #require(manifest["ResultFiles"]?["SUCCEEDED"]?.arrayValue?.first?["Key"]?.stringValue)
        let failedKey = try #require(manifest["ResultFiles"]?["FAILED"]?.arrayValue?.first?["Key"]?.stringValue)
        let succeeded =
            try JSONParser.parse(String(contentsOfFile: base + succeededKey, encoding: .utf8)).arrayValue ?? []
        let failed = try JSONParser.parse(String(contentsOfFile: base + failedKey, encoding: .utf8)).arrayValue ?? []
        let inputs = Set(succeeded.compactMap { $0["Input"]?.stringValue })
        #expect(inputs == [#"{"id":"1","name":"Acme, Inc."}"#, #"{"id":"3","name":"say \"hi\""}"#])
        #expect(failed.count == 1)
        #expect(failed.first?["Error"] == "NoBluebirds")
        #expect(failed.first?["Cause"] == "not today")
        #expect(failed.first?["Status"] == "FAILED")
    }

    @Test("Batches of CSV rows reach a lambda:invoke function intact: quoting, escapes, unicode, short and long rows")
    func csvBatchesPassThrough() async throws {
        let root = try root()
        defer { try? FileManager.default.removeItem(atPath: root) }
        // Quotes, escaped quotes, delimiters and newlines in quotes, a tab, unicode, invalid UTF-8, a short row and
        // a long one: every value reaches the worker and comes back as the reader gave it (batch sizes come from
        // the reader here, so this checks its weighing too).
        var csv: [UInt8] = Array("id,name,note\n".utf8)
        csv += Array("1,\"Acme, Inc.\",\"say \"\"hi\"\"\"\n2,Bluebird,tab\there\n3,Zürich 🚀,\"two\nlines\"\n".utf8)
        csv += Array("4,short\n5,long,x,extra,fields\n6,back\\slash,".utf8) + [0xFF, 0xFE] + Array("\n".utf8)
        try Data(csv).write(to: URL(fileURLWithPath: root + "/var/lib/sluice/buckets/inbox/rows.csv"))
        let functions = root + "/functions"
        try FileManager.default.createDirectory(atPath: functions, withIntermediateDirectories: true)
        try #"""
        #!/usr/bin/env python3
        import json, sys
        for line in sys.stdin:
            r = json.loads(line)
            sys.stdout.write(json.dumps({"requestId": r["requestId"], "result": r["payload"]}) + "\n")
            sys.stdout.flush()
        """#.write(toFile: functions + "/echo.py", atomically: true, encoding: .utf8)
        try #"{"Command": ["python3", "echo.py"], "Runtime": "persistent", "Timeout": 120}"#.write(
            toFile: functions + "/echo.json",
            atomically: true,
            encoding: .utf8
        )
        guard
            case .success(let machine) = DefinitionDecoder.decode(
                text: #"""
                    {"StartAt":"M","States":{"M":{"Type":"Map",
                      "ItemReader":{"Resource":"arn:aws:states:::s3:getObject","ReaderConfig":{"InputType":"CSV","CSVHeaderLocation":"FIRST_ROW"},
                        "Parameters":{"Bucket":"inbox","Key":"rows.csv"}},
                      "ItemBatcher":{"MaxItemsPerBatch":4,"BatchInput":{"run":"t\u00e9st"}},
                      "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},"StartAt":"Echo","States":{
                        "Echo":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",
                          "Parameters":{"FunctionName":"echo","Payload.$":"$"},"OutputPath":"$.Payload","End":true}}},
                      "End":true}}}
                    """#
            )
        else {
            Issue.record("invalid test definition")
            return
        }
        let host = FunctionHost(
            directory: functions,
            maxWorkers: 2,
            logger: .init(label: "test") { _ in SwiftLogNoOpLogHandler() }
        )
        let outcome = await PipelineRunner.run(machine, name: "m", input: [:], root: root, host: host, maxWorkers: 2)
        await host.shutdown()
        guard case .succeeded(.array(let batches)) = outcome else {
            Issue.record("the map run failed: \(outcome)")
            return
        }
        #expect(batches.count == 2)
        #expect(batches.allSatisfy { $0["BatchInput"] == ["run": "t\u{e9}st"] })
        let rows = batches.flatMap { $0["Items"]?.arrayValue ?? [] }
        #expect(rows.map { $0["id"]?.stringValue } == ["1", "2", "3", "4", "5", "6"])
        #expect(rows[0] == ["id": "1", "name": "Acme, Inc.", "note": "say \"hi\""])
        #expect(rows[1]["note"] == "tab\there")
        #expect(rows[2] == ["id": "3", "name": "Zürich 🚀", "note": "two\nlines"])
        #expect(rows[3] == ["id": "4", "name": "short", "note": ""])
        #expect(rows[4] == ["id": "5", "name": "long", "note": "x"])
        // A backslash before anything but a backslash, quote or delimiter is dropped, as AWS reads CSV.
        #expect(rows[5]["name"] == "backslash")
        #expect(rows[5]["note"] == "\u{FFFD}\u{FFFD}")
    }

    @Test("A missing object fails the Map with States.ItemReaderFailed naming it")
    func missingObject() async throws {
        let root = try root()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let outcome = try await run(
            #"""
            {"StartAt":"M","States":{"M":{"Type":"Map",
              "ItemReader":{"Resource":"arn:aws:states:::s3:getObject","ReaderConfig":{"InputType":"JSONL"},
                "Parameters":{"Bucket":"inbox","Key":"nope.jsonl"}},
              "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},
                "StartAt":"P","States":{"P":{"Type":"Pass","End":true}}},"End":true}}}
            """#,
            root: root
        )
        guard case .failed(let error, let cause) = outcome else {
            Issue.record("expected a failure, got \(outcome)")
            return
        }
        #expect(error == "States.ItemReaderFailed")
        #expect(cause?.contains("nope.jsonl") == true)
    }
}
