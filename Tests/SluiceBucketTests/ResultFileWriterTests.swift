import Foundation
import SluiceBucket
import SluiceCore
import SluiceJSON
import SluiceVocabulary
import Testing

/// A buckets folder in a fresh temporary directory, removed when the test ends.
private final class ResultBuckets {
    let root: String
    var directory: String { root + "/var/lib/sluice/buckets" }

    init(_ names: String...) throws {
        root = NSTemporaryDirectory() + "sluice-results-" + UUID().uuidString
        for name in names {
            try FileManager.default.createDirectory(atPath: directory + "/" + name, withIntermediateDirectories: true)
        }
    }

    deinit {
        try? FileManager.default.removeItem(atPath: root)
    }

    func path(_ bucket: String, _ key: String) -> String { directory + "/" + bucket + "/" + key }

    func text(_ bucket: String, _ key: String) throws -> String {
        try String(contentsOfFile: path(bucket, key), encoding: .utf8)
    }

    func json(_ bucket: String, _ key: String) throws -> JSONValue {
        try JSONParser.parse(text(bucket, key))
    }

    /// Names in a folder, hidden ones included, sorted.
    func names(_ bucket: String, _ folder: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: path(bucket, folder)).sorted()
    }
}

private let testMapRunUUID = "ad9b5f27-090b-3ac6-9beb-243cd77144a7"
private let testMapRunArn = "arn:aws:states:us-east-2:123456789012:mapRun:csvProcess/Map:\(testMapRunUUID)"

private func writerRequest(
    bucket: String = "results",
    prefix: JSONValue? = "csvProcessJobs",
    config: JSONObject = [:]
) -> ResultWriterRequest {
    var parameters: JSONObject = ["Bucket": .string(bucket)]
    if let prefix { parameters["Prefix"] = prefix }
    return ResultWriterRequest(
        token: 1,
        mapRunArn: testMapRunArn,
        resource: "arn:aws:states:::s3:putObject",
        parameters: .object(parameters),
        writerConfig: config
    )
}

private func childDate(_ text: String) -> Timestamp { Timestamp.parse(text)! }

/// A succeeded child shaped like the example in AWS's "ResultWriter (Map)" page (Transformation NONE).
private func succeededChild(
    _ name: String = "da4e9fc7-abab-3b27-9a77-a277e463b709",
    input: JSONValue = ["orderId": "100000"],
    output: JSONValue = [
        ["customer_id": "145538", "order_id": "100000"], ["customer_id": "898037", "order_id": "100001"],
    ]
) -> ChildExecutionRecord {
    ChildExecutionRecord(
        executionArn: "arn:aws:states:us-east-2:123456789012:execution:orderProcessing/getOrders:\(name)",
        name: name,
        stateMachineArn: "arn:aws:states:us-east-2:123456789012:stateMachine:orderProcessing/getOrders",
        input: input,
        output: output,
        error: nil,
        cause: nil,
        status: .succeeded,
        startDate: childDate("2025-02-04T01:49:50.099Z"),
        stopDate: childDate("2025-02-04T01:49:50.163Z"),
        itemCount: 1
    )
}

/// A failed child shaped like a FAILED_0.json record AWS wrote (a Lambda timeout caught by a Fail state).
private func failedChild(_ name: String = "55334b15-7c04-3b8d-8ee4-5c6f72f90dbc") -> ChildExecutionRecord {
    ChildExecutionRecord(
        executionArn: "arn:aws:states:us-east-2:123456789012:execution:orderProcessing/getOrders:\(name)",
        name: name,
        stateMachineArn: "arn:aws:states:us-east-2:123456789012:stateMachine:orderProcessing/getOrders",
        input: ["Key": "orders/1.json"],
        output: nil,
        error: "States.TaskFailed",
        cause: "Task timed out after 60.16 seconds",
        status: .failed,
        startDate: childDate("2025-01-07T10:38:47.702Z"),
        stopDate: childDate("2025-01-07T10:40:38.759Z"),
        itemCount: 1
    )
}

private let resultsKeyPrefix = "csvProcessJobs/\(testMapRunUUID)/"

@Suite("ResultFileWriter")
struct ResultFileWriterTests {
    // MARK: - Record format (Transformation NONE, OutputType JSON)

    @Test("a succeeded child is written as AWS's record: keys in order, Input and Output as strings")
    func succeededRecord() throws {
        let buckets = try ResultBuckets("results")
        let writer = try ResultFileWriter(bucketsDirectory: buckets.directory, request: writerRequest())
        try writer.append(succeededChild())
        _ = try writer.finish()

        let expected =
            #"[{"ExecutionArn":"arn:aws:states:us-east-2:123456789012:execution:orderProcessing/getOrders:"#
            + #"da4e9fc7-abab-3b27-9a77-a277e463b709","Input":"{\"orderId\":\"100000\"}","InputDetails":"#
            + #"{"Included":true},"Name":"da4e9fc7-abab-3b27-9a77-a277e463b709","Output":"#
            + #""[{\"customer_id\":\"145538\",\"order_id\":\"100000\"},"#
            + #"{\"customer_id\":\"898037\",\"order_id\":\"100001\"}]","OutputDetails":{"Included":true},"#
            + #""RedriveCount":0,"RedriveStatus":"NOT_REDRIVABLE","#
            + #""RedriveStatusReason":"Execution is SUCCEEDED and cannot be redriven","#
            + #""StartDate":"2025-02-04T01:49:50.099Z","#
            + #""StateMachineArn":"arn:aws:states:us-east-2:123456789012:stateMachine:orderProcessing/getOrders","#
            + #""Status":"SUCCEEDED","StopDate":"2025-02-04T01:49:50.163Z"}]"#
        #expect(try buckets.text("results", resultsKeyPrefix + "SUCCEEDED_0.json") == expected)
    }

    @Test("field by field, a succeeded record matches AWS's documented example")
    func succeededFields() throws {
        let buckets = try ResultBuckets("results")
        let writer = try ResultFileWriter(bucketsDirectory: buckets.directory, request: writerRequest())
        try writer.append(succeededChild())
        _ = try writer.finish()

        let records = try #require(try buckets.json("results", resultsKeyPrefix + "SUCCEEDED_0.json").arrayValue)
        let record = try #require(records.first?.objectValue)
        #expect(
            record.keys == [
                "ExecutionArn", "Input", "InputDetails", "Name", "Output", "OutputDetails", "RedriveCount",
                "RedriveStatus", "RedriveStatusReason", "StartDate", "StateMachineArn", "Status", "StopDate",
            ]
        )
        #expect(record["Input"] == .string(#"{"orderId":"100000"}"#))
        let output = try #require(record["Output"]?.stringValue)
        #expect(try JSONParser.parse(output) == succeededChild().output)
        #expect(record["InputDetails"] == ["Included": true])
        #expect(record["OutputDetails"] == ["Included": true])
        #expect(record["RedriveCount"] == 0)
        #expect(record["Status"] == "SUCCEEDED")
        #expect(record["StartDate"] == "2025-02-04T01:49:50.099Z")
        #expect(record["StopDate"] == "2025-02-04T01:49:50.163Z")
    }

    @Test("a failed child has Cause and Error first, no Output, and is redrivable by its map run")
    func failedRecord() throws {
        let buckets = try ResultBuckets("results")
        let writer = try ResultFileWriter(bucketsDirectory: buckets.directory, request: writerRequest())
        try writer.append(failedChild())
        _ = try writer.finish()

        let records = try #require(try buckets.json("results", resultsKeyPrefix + "FAILED_0.json").arrayValue)
        let record = try #require(records.first?.objectValue)
        #expect(
            record.keys == [
                "Cause", "Error", "ExecutionArn", "Input", "InputDetails", "Name", "OutputDetails", "RedriveCount",
                "RedriveStatus", "StartDate", "StateMachineArn", "Status", "StopDate",
            ]
        )
        #expect(record["Cause"] == "Task timed out after 60.16 seconds")
        #expect(record["Error"] == "States.TaskFailed")
        #expect(record["Input"] == .string(#"{"Key":"orders/1.json"}"#))
        #expect(record["RedriveStatus"] == "REDRIVABLE_BY_MAP_RUN")
        #expect(record["Status"] == "FAILED")
        #expect(record["StartDate"] == "2025-01-07T10:38:47.702Z")
        #expect(!FileManager.default.fileExists(atPath: buckets.path("results", resultsKeyPrefix + "SUCCEEDED_0.json")))
    }

    @Test("timed out and aborted children go to FAILED_n with their own status; PENDING to PENDING_n")
    func statusGroups() throws {
        let buckets = try ResultBuckets("results")
        let writer = try ResultFileWriter(bucketsDirectory: buckets.directory, request: writerRequest())
        var timedOut = failedChild("t")
        timedOut.status = .timedOut
        var aborted = failedChild("a")
        aborted.status = .aborted
        var pending = failedChild("p")
        (pending.status, pending.error, pending.cause) = (.pendingRedrive, nil, nil)
        for record in [timedOut, aborted, pending] { try writer.append(record) }
        _ = try writer.finish()

        let failedFile = try #require(try buckets.json("results", resultsKeyPrefix + "FAILED_0.json").arrayValue)
        #expect(failedFile.map { $0.objectValue?["Status"] } == ["TIMED_OUT", "ABORTED"])
        let pendingFile = try #require(try buckets.json("results", resultsKeyPrefix + "PENDING_0.json").arrayValue)
        #expect(pendingFile.map { $0.objectValue?["Name"] } == ["p"])
    }

    @Test("strings are escaped as JSON, and a succeeded child without output records \"null\"")
    func escaping() throws {
        let buckets = try ResultBuckets("results")
        let writer = try ResultFileWriter(bucketsDirectory: buckets.directory, request: writerRequest())
        var record = succeededChild(input: ["text": "line\n\"quoted\" \\ é"])
        record.output = nil
        try writer.append(record)
        var withCause = failedChild()
        withCause.cause = "{\"errorMessage\":\"boom\"}\t"
        try writer.append(withCause)
        _ = try writer.finish()

        let ok = try #require(try buckets.json("results", resultsKeyPrefix + "SUCCEEDED_0.json").arrayValue?.first)
        let input = try #require(ok.objectValue?["Input"]?.stringValue)
        #expect(try JSONParser.parse(input) == ["text": "line\n\"quoted\" \\ é"])
        #expect(ok.objectValue?["Output"] == "null")
        let bad = try #require(try buckets.json("results", resultsKeyPrefix + "FAILED_0.json").arrayValue?.first)
        #expect(bad.objectValue?["Cause"] == "{\"errorMessage\":\"boom\"}\t")
    }

    // MARK: - Manifest

    @Test("manifest.json lists every file with its size, in AWS's order, and finish answers its location")
    func manifest() throws {
        let buckets = try ResultBuckets("results")
        let writer = try ResultFileWriter(bucketsDirectory: buckets.directory, request: writerRequest())
        try writer.append(succeededChild("a"))
        try writer.append(failedChild("b"))
        try writer.append(succeededChild("c"))
        let details = try writer.finish()

        #expect(details == ["Bucket": "results", "Key": .string(resultsKeyPrefix + "manifest.json")])
        let manifest = try #require(try buckets.json("results", resultsKeyPrefix + "manifest.json").objectValue)
        #expect(manifest.keys == ["DestinationBucket", "MapRunArn", "ResultFiles"])
        #expect(manifest["DestinationBucket"] == "results")
        #expect(manifest["MapRunArn"] == .string(testMapRunArn))
        let files = try #require(manifest["ResultFiles"]?.objectValue)
        #expect(files.keys == ["FAILED", "PENDING", "SUCCEEDED"])
        #expect(files["PENDING"] == [])
        for (status, count) in [("FAILED", 1), ("SUCCEEDED", 2)] {
            let entries = try #require(files[status]?.arrayValue)
            let entry = try #require(entries.first?.objectValue)
            let key = "\(resultsKeyPrefix)\(status)_0.json"
            #expect(entries.count == 1)
            #expect(entry.keys == ["Key", "Size"])
            #expect(entry["Key"] == .string(key))
            let size = try FileManager.default.attributesOfItem(atPath: buckets.path("results", key))[.size] as? Int
            #expect(entry["Size"]?.intValue == size)
            #expect(try buckets.json("results", key).arrayValue?.count == count)
        }
    }

    @Test(
        "Prefix maps to folders as AWS forms keys: a \"/\" is added when missing, and no Prefix writes at the top",
        arguments: [
            (JSONValue?.some("out"), "out/"), (.some("out/"), "out/"), (.some("a/b"), "a/b/"), (.some(""), ""),
            (nil, ""),
        ]
    )
    func prefixes(prefix: JSONValue?, expected: String) throws {
        let buckets = try ResultBuckets("results")
        let writer = try ResultFileWriter(bucketsDirectory: buckets.directory, request: writerRequest(prefix: prefix))
        try writer.append(succeededChild())
        let details = try writer.finish()
        #expect(details.objectValue?["Key"] == .string("\(expected)\(testMapRunUUID)/manifest.json"))
        let manifest = try buckets.json("results", "\(expected)\(testMapRunUUID)/manifest.json")
        let first = manifest.objectValue?["ResultFiles"]?.objectValue?["SUCCEEDED"]?.arrayValue?.first
        #expect(first?.objectValue?["Key"] == .string("\(expected)\(testMapRunUUID)/SUCCEEDED_0.json"))
    }

    @Test("a map run with no children still writes a manifest with empty lists")
    func emptyRun() throws {
        let buckets = try ResultBuckets("results")
        let writer = try ResultFileWriter(bucketsDirectory: buckets.directory, request: writerRequest())
        _ = try writer.finish()
        #expect(try buckets.names("results", resultsKeyPrefix) == ["manifest.json"])
        let files = try buckets.json("results", resultsKeyPrefix + "manifest.json").objectValue?["ResultFiles"]
        #expect(files == ["FAILED": [], "PENDING": [], "SUCCEEDED": []])
    }

    // MARK: - WriterConfig

    @Test("OutputType JSONL writes one record per line in .jsonl files")
    func jsonLines() throws {
        let buckets = try ResultBuckets("results")
        let config: JSONObject = ["OutputType": "JSONL", "Transformation": "NONE"]
        let writer = try ResultFileWriter(bucketsDirectory: buckets.directory, request: writerRequest(config: config))
        try writer.append(succeededChild("a"))
        try writer.append(succeededChild("b"))
        try writer.append(failedChild("c"))
        _ = try writer.finish()

        let text = try buckets.text("results", resultsKeyPrefix + "SUCCEEDED_0.jsonl")
        #expect(text.hasSuffix("}\n"))
        let lines = text.split(separator: "\n").map(String.init)
        #expect(try lines.map { try JSONParser.parse($0).objectValue?["Name"] } == ["a", "b"])
        #expect(lines[0] == ResultFileWriterTests.expectedRecordText(succeededChild("a")))
        #expect(try buckets.text("results", resultsKeyPrefix + "FAILED_0.jsonl").split(separator: "\n").count == 1)
        let manifest = try buckets.json("results", resultsKeyPrefix + "manifest.json")
        let key = manifest.objectValue?["ResultFiles"]?.objectValue?["SUCCEEDED"]?.arrayValue?.first?.objectValue?[
            "Key"
        ]
        #expect(key == .string(resultsKeyPrefix + "SUCCEEDED_0.jsonl"))
    }

    @Test("COMPACT writes only the outputs of succeeded children; failed children keep their full record")
    func compact() throws {
        let buckets = try ResultBuckets("results")
        let writer = try ResultFileWriter(
            bucketsDirectory: buckets.directory,
            request: writerRequest(config: ["Transformation": "COMPACT"])
        )
        try writer.append(succeededChild())
        try writer.append(succeededChild("b", output: ["score": 7]))
        try writer.append(failedChild())
        _ = try writer.finish()

        // AWS's COMPACT example: the output of each child, unchanged, one entry per child.
        #expect(
            try buckets.json("results", resultsKeyPrefix + "SUCCEEDED_0.json") == [
                [["customer_id": "145538", "order_id": "100000"], ["customer_id": "898037", "order_id": "100001"]],
                ["score": 7],
            ]
        )
        #expect(
            try buckets.text("results", resultsKeyPrefix + "SUCCEEDED_0.json")
                == #"[[{"customer_id":"145538","order_id":"100000"},{"customer_id":"898037","order_id":"100001"}],"#
                + #"{"score":7}]"#
        )
        let failedRecord = try buckets.json("results", resultsKeyPrefix + "FAILED_0.json").arrayValue?.first?
            .objectValue
        #expect(failedRecord?["Error"] == "States.TaskFailed")
        #expect(failedRecord?["ExecutionArn"] != nil)
    }

    @Test("FLATTEN spreads array outputs into the result list; other outputs and failures stay whole")
    func flatten() throws {
        let buckets = try ResultBuckets("results")
        let writer = try ResultFileWriter(
            bucketsDirectory: buckets.directory,
            request: writerRequest(config: ["Transformation": "FLATTEN", "OutputType": "JSON"])
        )
        try writer.append(succeededChild())
        try writer.append(succeededChild("b", output: ["score": 7]))
        try writer.append(succeededChild("c", output: []))
        try writer.append(succeededChild("d", output: [[1, 2]]))
        try writer.append(failedChild())
        _ = try writer.finish()

        // AWS's FLATTEN example: the two orders of one child become two entries of the file.
        #expect(
            try buckets.json("results", resultsKeyPrefix + "SUCCEEDED_0.json") == [
                ["customer_id": "145538", "order_id": "100000"], ["customer_id": "898037", "order_id": "100001"],
                ["score": 7], [1, 2],
            ]
        )
        #expect(
            try buckets.json("results", resultsKeyPrefix + "FAILED_0.json").arrayValue?.first?.objectValue?["Cause"]
                != nil
        )
    }

    @Test("FLATTEN with JSONL writes one array element per line")
    func flattenLines() throws {
        let buckets = try ResultBuckets("results")
        let writer = try ResultFileWriter(
            bucketsDirectory: buckets.directory,
            request: writerRequest(config: ["Transformation": "FLATTEN", "OutputType": "JSONL"])
        )
        try writer.append(succeededChild())
        _ = try writer.finish()
        #expect(
            try buckets.text("results", resultsKeyPrefix + "SUCCEEDED_0.jsonl")
                == "{\"customer_id\":\"145538\",\"order_id\":\"100000\"}\n"
                + "{\"customer_id\":\"898037\",\"order_id\":\"100001\"}\n"
        )
    }

    @Test(
        "a WriterConfig or Parameters the writer cannot act on is refused",
        arguments: [
            writerRequest(config: ["OutputType": "CSV"]),
            writerRequest(config: ["Transformation": "DEFLATE"]),
            writerRequest(config: ["Transformation": 1]),
            writerRequest(prefix: 5),
            writerRequest(prefix: "../escape"),
            writerRequest(prefix: "a//b"),
            writerRequest(prefix: "/abs"),
            writerRequest(prefix: ".hidden/x"),
        ]
    )
    func invalidRequests(request: ResultWriterRequest) throws {
        let buckets = try ResultBuckets("results")
        #expect(throws: ResultWriterError.self) {
            _ = try ResultFileWriter(bucketsDirectory: buckets.directory, request: request)
        }
        #expect(try buckets.names("results", "") == [])
    }

    @Test("a Resource other than s3:putObject is refused")
    func invalidResource() throws {
        let buckets = try ResultBuckets("results")
        var getObject = writerRequest()
        getObject.resource = "arn:aws:states:::s3:getObject"
        let error = #expect(throws: ResultWriterError.self) {
            _ = try ResultFileWriter(bucketsDirectory: buckets.directory, request: getObject)
        }
        #expect(error?.cause.contains("s3:putObject") == true)
    }

    // MARK: - Splitting

    @Test("a file that would pass the size limit is closed and the next one numbered", arguments: ["JSON", "JSONL"])
    func splitting(outputType: String) throws {
        let buckets = try ResultBuckets("results")
        let limit = 2_000
        let writer = try ResultFileWriter(
            bucketsDirectory: buckets.directory,
            request: writerRequest(config: ["OutputType": .string(outputType)]),
            maximumFileSize: limit
        )
        let names = (0..<40).map { "child-\($0)" }
        for name in names { try writer.append(succeededChild(name)) }
        _ = try writer.finish()

        let manifest = try buckets.json("results", resultsKeyPrefix + "manifest.json")
        let entries = try #require(manifest.objectValue?["ResultFiles"]?.objectValue?["SUCCEEDED"]?.arrayValue)
        #expect(entries.count > 3)
        var seen: [JSONValue] = []
        let ext = outputType == "JSON" ? "json" : "jsonl"
        for (n, entry) in entries.enumerated() {
            let key = "\(resultsKeyPrefix)SUCCEEDED_\(n).\(ext)"
            #expect(entry.objectValue?["Key"] == .string(key))
            let text = try buckets.text("results", key)
            #expect(entry.objectValue?["Size"]?.intValue == text.utf8.count)
            #expect(text.utf8.count <= limit)
            let records =
                outputType == "JSON"
                ? try #require(try JSONParser.parse(text).arrayValue)
                : try text.split(separator: "\n").map { try JSONParser.parse(String($0)) }
            #expect(!records.isEmpty)
            seen += records.compactMap { $0.objectValue?["Name"] }
        }
        #expect(seen == names.map { .string($0) })
    }

    @Test("an entry larger than the limit still gets a file of its own")
    func oversizedEntry() throws {
        let buckets = try ResultBuckets("results")
        let writer = try ResultFileWriter(
            bucketsDirectory: buckets.directory,
            request: writerRequest(),
            maximumFileSize: 10
        )
        try writer.append(succeededChild("a"))
        try writer.append(succeededChild("b"))
        _ = try writer.finish()
        #expect(try buckets.json("results", resultsKeyPrefix + "SUCCEEDED_0.json").arrayValue?.count == 1)
        #expect(try buckets.json("results", resultsKeyPrefix + "SUCCEEDED_1.json").arrayValue?.count == 1)
    }

    @Test("AWS's limit of 5 GB per file is the default")
    func defaultLimit() {
        #expect(ResultFileWriter.maximumFileSize == 5 * 1024 * 1024 * 1024)
    }

    // MARK: - Atomic writes

    @Test("until a file is complete only hidden temporary files exist; afterwards no temporary file is left")
    func atomicRename() throws {
        let buckets = try ResultBuckets("results")
        let writer = try ResultFileWriter(
            bucketsDirectory: buckets.directory,
            request: writerRequest(),
            maximumFileSize: 2_000
        )
        try writer.append(succeededChild("first"))
        try writer.append(failedChild("second"))
        var names = try buckets.names("results", resultsKeyPrefix)
        #expect(names.count == 2)
        #expect(names.allSatisfy { $0.hasPrefix(".") && $0.hasSuffix(".tmp") })
        #expect(!names.contains { ObjectName.isObject($0) })

        for n in 0..<20 { try writer.append(succeededChild("more-\(n)")) }
        names = try buckets.names("results", resultsKeyPrefix)
        // Completed parts are in place and whole; the part being written is still hidden.
        let visible = names.filter { !$0.hasPrefix(".") }
        #expect(!visible.isEmpty)
        #expect(!visible.contains("manifest.json"))
        for name in visible {
            #expect(try buckets.json("results", resultsKeyPrefix + name).arrayValue?.isEmpty == false)
        }
        #expect(names.filter { $0.hasPrefix(".") }.count == 2)

        _ = try writer.finish()
        names = try buckets.names("results", resultsKeyPrefix)
        #expect(names.allSatisfy { !$0.hasPrefix(".") })
        #expect(names.contains("manifest.json"))
    }

    @Test("dropping an unfinished writer removes its temporary files")
    func dropped() throws {
        let buckets = try ResultBuckets("results")
        do {
            let writer = try ResultFileWriter(bucketsDirectory: buckets.directory, request: writerRequest())
            try writer.append(succeededChild())
        }
        #expect(try buckets.names("results", resultsKeyPrefix) == [])
    }

    @Test("abandon completes the files and still writes the manifest, as AWS does for a failed map run")
    func abandon() throws {
        let buckets = try ResultBuckets("results")
        let writer = try ResultFileWriter(bucketsDirectory: buckets.directory, request: writerRequest())
        try writer.append(succeededChild("a"))
        try writer.append(failedChild("b"))
        writer.abandon()
        #expect(
            try buckets.names("results", resultsKeyPrefix) == ["FAILED_0.json", "SUCCEEDED_0.json", "manifest.json"]
        )
        let files = try buckets.json("results", resultsKeyPrefix + "manifest.json").objectValue?["ResultFiles"]?
            .objectValue
        #expect(files?["FAILED"]?.arrayValue?.count == 1)
        #expect(throws: ResultWriterError.self) { try writer.append(succeededChild("late")) }
    }

    // MARK: - Failures

    @Test("a bucket that does not exist is refused as S3 refuses it")
    func missingBucket() throws {
        let buckets = try ResultBuckets("results")
        let error = #expect(throws: ResultWriterError.self) {
            _ = try ResultFileWriter(bucketsDirectory: buckets.directory, request: writerRequest(bucket: "nowhere"))
        }
        #expect(error?.cause.contains("NoSuchBucket") == true)
        #expect(error?.cause.contains("nowhere") == true)
    }

    @Test("a prefix folder that cannot be created fails with the path and the system's reason")
    func blockedPrefix() throws {
        let buckets = try ResultBuckets("results")
        #expect(
            FileManager.default.createFile(atPath: buckets.path("results", "csvProcessJobs"), contents: Data("x".utf8))
        )
        let error = #expect(throws: ResultWriterError.self) {
            _ = try ResultFileWriter(bucketsDirectory: buckets.directory, request: writerRequest())
        }
        #expect(error?.cause.contains("s3://results/csvProcessJobs/") == true)
        #expect(error?.cause.contains(buckets.path("results", "csvProcessJobs")) == true)
        #expect(error?.cause.contains("Not a directory") == true)
    }

    @Test(
        "a bucket folder without write permission is refused",
        .enabled(if: geteuid() != 0, "root writes anywhere; the blocked-prefix test covers the failure path")
    )
    func readOnlyBucket() throws {
        let buckets = try ResultBuckets("results")
        try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: buckets.path("results", ""))
        defer {
            try? FileManager.default.setAttributes(
                [.posixPermissions: 0o755],
                ofItemAtPath: buckets.path("results", "")
            )
        }
        let error = #expect(throws: ResultWriterError.self) {
            _ = try ResultFileWriter(bucketsDirectory: buckets.directory, request: writerRequest())
        }
        #expect(error?.cause.contains("Permission denied") == true)
    }

    @Test("a write that fails names the file and the system's reason, and leaves no partial file behind")
    func failedWrite() throws {
        let buckets = try ResultBuckets("results")
        let writer = try ResultFileWriter(
            bucketsDirectory: buckets.directory,
            request: writerRequest(),
            maximumFileSize: 2_000
        )
        // A folder where SUCCEEDED_1.json must go makes its rename fail, however privileged the process is.
        try FileManager.default.createDirectory(
            atPath: buckets.path("results", resultsKeyPrefix + "SUCCEEDED_1.json/occupied"),
            withIntermediateDirectories: true
        )
        var thrown: ResultWriterError?
        for n in 0..<40 {
            do {
                try writer.append(succeededChild("child-\(n)"))
            } catch {
                thrown = error
                break
            }
        }
        let error = try #require(thrown)
        #expect(error.cause.contains("s3://results/\(resultsKeyPrefix)SUCCEEDED_1.json"))
        #expect(error.cause.contains(buckets.path("results", resultsKeyPrefix + "SUCCEEDED_1.json")))
        #expect(error.cause.contains("rename"))
        #expect(error.cause.contains("directory"))

        // The file completed before the failure is whole; nothing hidden or half-written is left; no manifest.
        #expect(try buckets.names("results", resultsKeyPrefix) == ["SUCCEEDED_0.json", "SUCCEEDED_1.json"])
        #expect(try buckets.json("results", resultsKeyPrefix + "SUCCEEDED_0.json").arrayValue?.isEmpty == false)
        #expect(throws: error) { try writer.append(succeededChild("late")) }
        #expect(throws: error) { _ = try writer.finish() }
        writer.abandon()
        #expect(!FileManager.default.fileExists(atPath: buckets.path("results", resultsKeyPrefix + "manifest.json")))
    }

    // MARK: - Volume

    @Test("many records stream through the buffer into one file with exact sizes")
    func volume() throws {
        let buckets = try ResultBuckets("results")
        let writer = try ResultFileWriter(
            bucketsDirectory: buckets.directory,
            request: writerRequest(config: ["Transformation": "NONE", "OutputType": "JSONL"])
        )
        // Enough to pass the 1 MiB write buffer several times; the release-build rate is measured outside the tests.
        let count = 20_000
        var record = succeededChild(input: ["company": "Acme Holdings", "country": "DE"], output: ["score": 0.73])
        for n in 0..<count {
            record.name = "child-\(n)"
            try writer.append(record)
        }
        _ = try writer.finish()
        let key = resultsKeyPrefix + "SUCCEEDED_0.jsonl"
        let manifest = try buckets.json("results", resultsKeyPrefix + "manifest.json")
        let entry = manifest.objectValue?["ResultFiles"]?.objectValue?["SUCCEEDED"]?.arrayValue?.first?.objectValue
        let data = try Data(contentsOf: URL(fileURLWithPath: buckets.path("results", key)))
        #expect(entry?["Size"]?.intValue == data.count)
        let lines = data.split(separator: UInt8(ascii: "\n"))
        #expect(lines.count == count)
        let last = try JSONParser.parse(bytes: Array(lines[count - 1]))
        #expect(last.objectValue?["Name"] == .string("child-\(count - 1)"))
    }

    @Test(
        "outputs are written exactly as SluiceJSON serializes them",
        arguments: [
            JSONValue.null, true, 0, -5, .int(.max), .int(.min), 0.1, 1.0, -0.0, 1e300, 2.5e-8, "", "plain",
            "quote \" backslash \\ slash /", "\u{0}\u{1}\u{8}\u{9}\u{A}\u{C}\u{D}\u{1F}\u{7F}", "é ü 漢字 🎉",
            [], [:], [1, [2, [3, []]], ["a": [:]]], ["b": 1, "a": ["z": "\n", "y": nil]],
        ]
    )
    func serialization(value: JSONValue) throws {
        let buckets = try ResultBuckets("results")
        let writer = try ResultFileWriter(
            bucketsDirectory: buckets.directory,
            request: writerRequest(config: ["Transformation": "COMPACT"])
        )
        try writer.append(succeededChild(output: value))
        try writer.append(succeededChild(input: ["v": value], output: value))
        _ = try writer.finish()
        #expect(
            try buckets.text("results", resultsKeyPrefix + "SUCCEEDED_0.json")
                == "[\(value.serialized()),\(value.serialized())]"
        )

        let full = try ResultBuckets("results")
        let noneWriter = try ResultFileWriter(bucketsDirectory: full.directory, request: writerRequest())
        let record = succeededChild(input: ["v": value], output: value)
        try noneWriter.append(record)
        _ = try noneWriter.finish()
        let text = try full.text("results", resultsKeyPrefix + "SUCCEEDED_0.json")
        #expect(text == "[\(ResultFileWriterTests.expectedRecordText(record))]")
    }

    @Test("dates keep their own second and millisecond when consecutive records change second")
    func dates() throws {
        let buckets = try ResultBuckets("results")
        let writer = try ResultFileWriter(bucketsDirectory: buckets.directory, request: writerRequest())
        let times = [
            "2025-02-04T01:49:50.099Z", "2025-02-04T01:49:51.000Z", "2025-02-04T01:49:50.007Z",
            "1999-12-31T23:59:59.999Z", "2000-01-01T00:00:00.000Z",
        ]
        for (n, time) in times.enumerated() {
            var record = succeededChild("c\(n)")
            record.startDate = childDate(time)
            record.stopDate = childDate(times[(n + 1) % times.count])
            try writer.append(record)
        }
        _ = try writer.finish()
        let records = try #require(try buckets.json("results", resultsKeyPrefix + "SUCCEEDED_0.json").arrayValue)
        #expect(records.map { $0.objectValue?["StartDate"] } == times.map { .string($0) })
        #expect(records.map { $0.objectValue?["StopDate"] } == (times.dropFirst() + [times[0]]).map { .string($0) })
    }

    /// A succeeded child's full record built the slow way, key by key, to check the writer's hand-rolled encoding.
    private static func expectedRecordText(_ record: ChildExecutionRecord) -> String {
        let pairs: [(String, JSONValue)] = [
            ("ExecutionArn", .string(record.executionArn)),
            ("Input", .string(record.input.serialized())),
            ("InputDetails", ["Included": true]),
            ("Name", .string(record.name)),
            ("Output", .string((record.output ?? .null).serialized())),
            ("OutputDetails", ["Included": true]),
            ("RedriveCount", 0),
            ("RedriveStatus", "NOT_REDRIVABLE"),
            ("RedriveStatusReason", "Execution is SUCCEEDED and cannot be redriven"),
            ("StartDate", .string(record.startDate.iso8601())),
            ("StateMachineArn", .string(record.stateMachineArn)),
            ("Status", .string(record.status.rawValue)),
            ("StopDate", .string(record.stopDate.iso8601())),
        ]
        return JSONValue.object(JSONObject(pairs)).serialized()
    }
}
