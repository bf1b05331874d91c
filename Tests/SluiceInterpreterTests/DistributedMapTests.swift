import SluiceASL
import SluiceInterpreter
import SluiceJSON
import SluiceVocabulary
import Testing

/// Drives executions whose Distributed Maps read from a fake ItemReader and write to a fake ResultWriter.
private struct MapHarness {
    var source: [JSONValue]
    var failReader: String?
    var readSizes: [Int] = []
    var maxBuffered = 0
    var written: [ChildExecutionRecord] = []
    var writerOpened: ResultWriterRequest?
    var committed = false
    var concurrentPeak = 0
    var endedMapRuns: [MapRunProgress] = []
    var mapRunsStarted = 0
    /// UpdateMapRun sent after this many task results, built from the running map run's ARN.
    var updateAfter: Int?
    var update: ((String) -> ExecutionEvent)?

    mutating func run(
        _ text: String,
        input: JSONValue = [:],
        ceiling: Int = 10_000,
        task: (JSONValue) -> Result<JSONValue, StatesError> = { .success($0) }
    ) throws -> ExecutionOutcome {
        guard case .success(let machine) = DefinitionDecoder.decode(text: text) else {
            throw StatesError("Harness.InvalidDefinition")
        }
        let t0 = Timestamp(epochMilliseconds: 0)
        var e = Execution(
            definition: machine,
            context: .make(stateMachineName: "m", executionName: "e", startTime: t0),
            input: input,
            seed: 3
        )
        e.distributedConcurrencyCeiling = ceiling
        var queue = e.start()
        var position = 0
        var invocations: [TaskInvocation] = []
        var completed = 0
        for _ in 0..<1_000_000 {
            var next: [Effect] = []
            for effect in queue {
                switch effect {
                case .finished(let outcome):
                    endedMapRuns = e.endedMapRuns
                    mapRunsStarted = e.mapRunsStarted
                    return outcome
                case .invoke(let i): invocations.append(i)
                case .readItems(let request):
                    readSizes.append(request.count)
                    if let failReader {
                        next += e.handle(.itemReaderFailed(token: request.token, cause: failReader), at: t0)
                    } else {
                        let end = min(source.count, position + request.count)
                        let chunk = Array(source[position..<end])
                        position = end
                        next += e.handle(
                            .itemsRead(token: request.token, items: chunk, exhausted: end == source.count),
                            at: t0
                        )
                    }
                case .openResultWriter(let request): writerOpened = request
                case .writeResult(_, let record): written.append(record)
                case .closeResultWriter(let token, let commit):
                    committed = commit
                    if commit {
                        next += e.handle(
                            .resultsWritten(token: token, details: ["Bucket": "out", "Key": "p/manifest.json"]),
                            at: t0
                        )
                    }
                default: break
                }
            }
            concurrentPeak = max(concurrentPeak, invocations.count)
            if next.isEmpty, !invocations.isEmpty {
                let i = invocations.removeFirst()
                switch task(i.input) {
                case .success(let v): next = e.handle(.taskSucceeded(token: i.token, output: v), at: t0)
                case .failure(let err):
                    next = e.handle(.taskFailed(token: i.token, error: err.name, cause: err.cause), at: t0)
                }
                completed += 1
                if completed == updateAfter, let update, let arn = e.mapRunProgress.first?.mapRunArn {
                    next += e.handle(update(arn), at: t0)
                }
            }
            queue = next
            if queue.isEmpty, invocations.isEmpty { break }
        }
        return e.outcome ?? .failed(error: "Harness.Stalled", cause: nil)
    }
}

private func definition(_ map: String) -> String {
    """
    {"StartAt":"M","States":{"M":{"Type":"Map",\(map),
      "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},
        "StartAt":"T","States":{"T":{"Type":"Task","Resource":"f","End":true}}},"End":true}}}
    """
}

private let reader =
    #""ItemReader":{"Resource":"arn:aws:states:::s3:getObject","Parameters":{"Bucket":"in","Key":"k"},"ReaderConfig":{"InputType":"JSONL"}}"#

struct DistributedMapTests {
    @Test("Items stream from the reader in bounded chunks, batched, each exactly once, results in order")
    func streamingBatches() throws {
        var h = MapHarness(source: (0..<10_000).map { .int($0) })
        let outcome = try h.run(
            definition(reader + #","MaxConcurrency":4,"ItemBatcher":{"MaxItemsPerBatch":100,"BatchInput":{"b":1}}"#)
        ) { input in .success(.int(input["Items"]?.arrayValue?.count ?? -1)) }
        guard case .succeeded(let output) = outcome, case .array(let counts) = output else {
            Issue.record("expected success, got \(outcome)")
            return
        }
        #expect(counts.count == 100)
        #expect(counts.allSatisfy { $0 == 100 })
        // Bounds that would also hold if nothing had run: what ran is checked with them.
        #expect(!h.readSizes.isEmpty && h.readSizes.allSatisfy { $0 <= 10_000 })
        #expect(h.concurrentPeak == 4)
    }

    @Test("ItemSelector sees $$.Map.Item.Index across reader chunks; BatchInput goes with every batch")
    func selectorIndexes() throws {
        var h = MapHarness(source: (0..<2500).map { .string("v\($0)") })
        let outcome = try h.run(
            definition(
                reader
                    + #","ItemSelector":{"i.$":"$$.Map.Item.Index","v.$":"$$.Map.Item.Value"},"ItemBatcher":{"MaxItemsPerBatch":1000,"BatchInput":{"b":1}}"#
            )
        ) { input in
            let items = input["Items"]?.arrayValue ?? []
            let ok = items.enumerated().allSatisfy { _, item in
                item["v"]?.stringValue == "v\(item["i"]?.intValue ?? -1)"
            }
            return .success(ok ? input["BatchInput"] ?? .null : "mismatch")
        }
        #expect(outcome == .succeeded([["b": 1], ["b": 1], ["b": 1]]))
    }

    @Test(
        "A ResultWriter receives one record per child execution and the Map outputs MapRunArn and ResultWriterDetails"
    )
    func resultWriter() throws {
        var h = MapHarness(source: (0..<5).map { .int($0) })
        let outcome = try h.run(
            definition(
                reader
                    + #","ResultWriter":{"Resource":"arn:aws:states:::s3:putObject","Parameters":{"Bucket":"out","Prefix":"p"}},"ToleratedFailureCount":1"#
            )
        ) { input in
            input == 3
                ? .failure(StatesError("Boom", cause: "three")) : .success(["doubled": .int((input.intValue ?? 0) * 2)])
        }
        guard case .succeeded(let output) = outcome else {
            Issue.record("expected success, got \(outcome)")
            return
        }
        let arn = output["MapRunArn"]?.stringValue ?? ""
        #expect(arn.hasPrefix("arn:aws:states:local:000000000000:mapRun:m/M:"))
        #expect(output["ResultWriterDetails"] == ["Bucket": "out", "Key": "p/manifest.json"])
        #expect(h.writerOpened?.parameters == ["Bucket": "out", "Prefix": "p"])
        #expect(h.committed)
        #expect(h.written.count == 5)
        #expect(h.written.filter(\.succeeded).count == 4)
        let failed = try #require(h.written.first { !$0.succeeded })
        #expect(failed.error == "Boom")
        #expect(failed.cause == "three")
        #expect(failed.input == 3)
        #expect(h.written.allSatisfy { $0.executionArn.hasPrefix("arn:aws:states:local:000000000000:execution:m/M:") })
    }

    @Test(
        "Tolerated failures at their boundaries",
        arguments: [
            (#""ToleratedFailureCount":2"#, 2, true), (#""ToleratedFailureCount":2"#, 3, false),
            (#""ToleratedFailurePercentage":20"#, 2, true), (#""ToleratedFailurePercentage":20"#, 3, false),
            ("\"Label\":\"x\"", 1, false), ("\"Label\":\"x\"", 0, true),
        ]
    )
    func toleratedFailures(setting: String, failures: Int, succeeds: Bool) throws {
        var h = MapHarness(source: (0..<10).map { .int($0) })
        let outcome = try h.run(definition(reader + "," + setting)) { input in
            (input.intValue ?? 0) < failures ? .failure(StatesError("Bad")) : .success(input)
        }
        if succeeds {
            #expect(outcome.status == .succeeded)
        } else {
            #expect(
                outcome
                    == .failed(
                        error: "States.ExceedToleratedFailureThreshold",
                        cause: "The specified tolerated failure threshold was exceeded"
                    )
            )
        }
    }

    @Test(
        "An ended map run is reported with its final counters and status",
        arguments: [(2, "SUCCEEDED"), (3, "FAILED")]
    )
    func endedMapRun(failures: Int, status: String) throws {
        var h = MapHarness(source: (0..<10).map { .int($0) })
        _ = try h.run(definition(reader + #","ToleratedFailureCount":2,"MaxConcurrency":1"#)) { input in
            (input.intValue ?? 0) < failures ? .failure(StatesError("Bad")) : .success(input)
        }
        #expect(h.mapRunsStarted == 1)
        let run = try #require(h.endedMapRuns.first)
        #expect(h.endedMapRuns.count == 1)
        #expect(run.status.rawValue == status)
        #expect(run.maxConcurrency == 1)
        #expect(run.toleratedFailureCount == 2)
        #expect(run.itemsFailed == failures)
        #expect(run.childrenFailed == failures)
        #expect(run.running == 0)
        if status == "SUCCEEDED" {
            #expect(run.itemsSucceeded == 8 && run.childrenSucceeded == 8 && run.totalKnown && run.itemsRead == 10)
        }
    }

    @Test("UpdateMapRun raises MaxConcurrency at once; DescribeMapRun shows the new value")
    func updateConcurrency() throws {
        var h = MapHarness(source: (0..<20).map { .int($0) })
        h.updateAfter = 2
        h.update = {
            .mapRunUpdated(
                mapRunArn: $0,
                maxConcurrency: 5,
                toleratedFailureCount: nil,
                toleratedFailurePercentage: nil
            )
        }
        let outcome = try h.run(definition(reader + #","MaxConcurrency":1"#))
        #expect(outcome.status == .succeeded)
        #expect(h.concurrentPeak == 5)
        #expect(h.endedMapRuns.first?.maxConcurrency == 5)
    }

    @Test("UpdateMapRun lowering the tolerated failures below what already failed fails the run")
    func updateTolerance() throws {
        var h = MapHarness(source: (0..<10).map { .int($0) })
        h.updateAfter = 4
        h.update = {
            .mapRunUpdated(
                mapRunArn: $0,
                maxConcurrency: nil,
                toleratedFailureCount: 1,
                toleratedFailurePercentage: nil
            )
        }
        let outcome = try h.run(definition(reader + #","MaxConcurrency":1,"ToleratedFailureCount":5"#)) { input in
            (input.intValue ?? 0) < 3 ? .failure(StatesError("Bad")) : .success(input)
        }
        #expect(outcome.status == .failed)
        #expect(h.endedMapRuns.first?.status == .failed)
        #expect(h.endedMapRuns.first?.toleratedFailureCount == 1)
        #expect(h.endedMapRuns.first?.itemsSucceeded == 1)
    }

    @Test("A reader failure fails the Map with States.ItemReaderFailed and AWS's location prefix")
    func readerFailure() throws {
        var h = MapHarness(source: [])
        h.failReader = "line 3 is not JSON"
        let outcome = try h.run(definition(reader))
        #expect(
            outcome
                == .failed(
                    error: "States.ItemReaderFailed",
                    cause:
                        "An error occurred while executing the state 'M' (entered at the event id #2). line 3 is not JSON"
                )
        )
    }

    @Test("A child execution numbers its own events: its cause texts say #2, not the parent's ids")
    func childNumbering() throws {
        var h = MapHarness(source: [1])
        let outcome = try h.run(
            """
            {"StartAt":"Before","States":{"Before":{"Type":"Pass","Next":"M"},"M":{"Type":"Map",\(reader),
              "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},
                "StartAt":"P","States":{"P":{"Type":"Pass","InputPath":"$.missing","End":true}}},"End":true}}}
            """
        )
        #expect(outcome.errorName == "States.ExceedToleratedFailureThreshold")
        var w = MapHarness(source: [1])
        _ = try w.run(
            """
            {"StartAt":"M","States":{"M":{"Type":"Map",\(reader),
              "ResultWriter":{"Parameters":{"Bucket":"out","Prefix":"p"}},"ToleratedFailurePercentage":100,
              "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},
                "StartAt":"P","States":{"P":{"Type":"Pass","InputPath":"$.missing","End":true}}},"End":true}}}
            """
        )
        #expect(
            w.written.first?.cause?.hasPrefix(
                "An error occurred while executing the state 'P' (entered at the event id #2)."
            ) == true
        )
    }

    @Test("A child execution counts its StateExited events: the second state is entered at #4, after #3")
    func childNumberingAcrossStates() throws {
        var w = MapHarness(source: [1])
        _ = try w.run(
            """
            {"StartAt":"M","States":{"M":{"Type":"Map",\(reader),
              "ResultWriter":{"Parameters":{"Bucket":"out","Prefix":"p"}},"ToleratedFailurePercentage":100,
              "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},
                "StartAt":"First","States":{"First":{"Type":"Pass","Next":"P"},
                  "P":{"Type":"Pass","InputPath":"$.missing","End":true}}},"End":true}}}
            """
        )
        // ExecutionStarted #1, PassStateEntered #2, PassStateExited #3, then P's PassStateEntered.
        #expect(
            w.written.first?.cause?.hasPrefix(
                "An error occurred while executing the state 'P' (entered at the event id #4)."
            ) == true
        )
    }

    @Test("The concurrency ceiling an owner sets bounds the children in flight")
    func ceiling() throws {
        var h = MapHarness(source: (0..<50).map { .int($0) })
        let outcome = try h.run(definition(reader), ceiling: 3)
        guard case .succeeded(.array(let results)) = outcome else {
            Issue.record("expected success, got \(outcome)")
            return
        }
        #expect(results.count == 50)
        #expect(h.concurrentPeak == 3)
    }

    @Test("Batches weighed by MaxInputBytesPerBatch: Parameters around the whole batch still meet the 256 KiB quota")
    func batchQuotaThroughParameters() throws {
        // 100 items of 2,620 bytes: a batch of 100 with its BatchInput is 262,139 bytes, under the quota;
        // wrapped in {"FunctionName":"f","Payload": batch} it is 262,170, over it, unless batches are smaller.
        let item = JSONValue.string(String(repeating: "x", count: 2_620 - 2))
        func machine(_ maxBytes: Int) -> String {
            """
            {"StartAt":"M","States":{"M":{"Type":"Map",\(reader),
              "ItemBatcher":{"MaxItemsPerBatch":100,"MaxInputBytesPerBatch":\(maxBytes),"BatchInput":{"run":"q\\"1"}},
              "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},
                "StartAt":"T","States":{"T":{"Type":"Task","Resource":"f",
                  "Parameters":{"FunctionName":"f","Payload.$":"$"},"End":true}}},"End":true}}}
            """
        }
        var fits = MapHarness(source: Array(repeating: item, count: 1_000))
        let ok = try fits.run(machine(200_000)) { input in
            .success(.int(input["Payload"]?["Items"]?.arrayValue?.count ?? -1))
        }
        guard case .succeeded(.array(let counts)) = ok else {
            Issue.record("expected success, got \(ok)")
            return
        }
        #expect(counts.reduce(0) { $0 + ($1.intValue ?? 0) } == 1_000)
        #expect(counts.allSatisfy { ($0.intValue ?? 0) == 76 || ($0.intValue ?? 0) == 1_000 % 76 })

        var over = MapHarness(source: Array(repeating: item, count: 1_000))
        let failed = try over.run(machine(262_144)) { _ in .success(.null) }
        guard case .failed(let error, _) = failed else {
            Issue.record("expected a failure, got \(failed)")
            return
        }
        #expect(error == "States.ExceedToleratedFailureThreshold" || error == "States.DataLimitExceeded")
    }

    @Test(
        "MaxInputBytesPerBatch bounds the child's whole input, its Items wrapper and BatchInput included, to the byte",
        arguments: [
            // (limit, BatchInput, items per batch): 1,000-byte items (with their comma); `{"Items":[...]}` adds 11,
            // `"BatchInput":{"a":1},` 21 more.
            (10_011, nil, 10), (10_010, nil, 9), (10_005, nil, 9), (10_032, #"{"a":1}"#, 10), (10_031, #"{"a":1}"#, 9),
        ] as [(Int, String?, Int)]
    )
    func batchByteLimitAtItsBoundary(limit: Int, batchInput: String?, perBatch: Int) throws {
        let item = JSONValue.string(String(repeating: "x", count: 997))
        let extra = batchInput.map { #","BatchInput":\#($0)"# } ?? ""
        var h = MapHarness(source: Array(repeating: item, count: 40))
        let outcome = try h.run(
            """
            {"StartAt":"M","States":{"M":{"Type":"Map",\(reader),
              "ItemBatcher":{"MaxInputBytesPerBatch":\(limit)\(extra)},
              "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},
                "StartAt":"T","States":{"T":{"Type":"Task","Resource":"f","End":true}}},"End":true}}}
            """
        ) { input in
            .success(["bytes": .int(input.serializedByteCount), "items": .int(input["Items"]?.arrayValue?.count ?? 0)])
        }
        guard case .succeeded(.array(let batches)) = outcome else {
            Issue.record("expected success, got \(outcome)")
            return
        }
        #expect(batches.allSatisfy { ($0["bytes"]?.intValue ?? .max) <= limit })
        #expect(batches.map { $0["items"]?.intValue ?? 0 }.reduce(0, +) == 40)
        #expect(batches.first?["items"]?.intValue == perBatch)
    }

    @Test(
        "An ItemBatcher with only a byte limit batches a source larger than the read-ahead buffer (no overflow, no stall)"
    )
    func byteLimitOnlyOverALargeSource() throws {
        var h = MapHarness(source: (0..<25_000).map { .int($0) })
        let outcome = try h.run(
            """
            {"StartAt":"M","States":{"M":{"Type":"Map",\(reader),"ItemBatcher":{"MaxInputBytesPerBatch":60000},
              "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},
                "StartAt":"T","States":{"T":{"Type":"Task","Resource":"f","End":true}}},"End":true}}}
            """
        ) { input in .success(.int(input["Items"]?.arrayValue?.count ?? 0)) }
        guard case .succeeded(.array(let counts)) = outcome else {
            Issue.record("expected success, got \(outcome)")
            return
        }
        #expect(counts.map { $0.intValue ?? 0 }.reduce(0, +) == 25_000)
    }

    @Test("A map run that fails stops its running children: ABORTED records in the results, DescribeMapRun counts them")
    func failureAbortsRunningChildren() throws {
        var h = MapHarness(source: (0..<20).map { .int($0) })
        let outcome = try h.run(
            definition(
                reader
                    + #","MaxConcurrency":3,"ItemBatcher":{"MaxItemsPerBatch":2},"ResultWriter":{"Resource":"arn:aws:states:::s3:putObject","Parameters":{"Bucket":"out","Prefix":"p"}}"#
            )
        ) { _ in .failure(StatesError("Boom", cause: "first")) }
        guard case .failed(let error, _) = outcome else {
            Issue.record("expected failure, got \(outcome)")
            return
        }
        #expect(error == "States.ExceedToleratedFailureThreshold")
        // The first batch failed while two more were running: those two are stopped by the failure. The 14 items
        // never started are kept as the 7 batches they would have been, PENDING, for a redrive.
        #expect(h.written.map(\.status) == [.failed, .aborted, .aborted] + Array(repeating: .pendingRedrive, count: 7))
        let pending = h.written.filter { $0.status == .pendingRedrive }
        #expect(pending.flatMap { $0.input["Items"]?.arrayValue ?? [] } == (6..<20).map { .int($0) })
        #expect(pending.allSatisfy { $0.itemCount == 2 && $0.output == nil && $0.error == nil })
        #expect(h.written.filter { $0.status == .aborted }.allSatisfy { $0.error == nil && $0.output == nil })
        #expect(!h.committed)
        let run = try #require(h.endedMapRuns.last)
        #expect(run.status == .failed)
        #expect(run.childrenFailed == 1)
        #expect(run.childrenAborted == 2)
        #expect(run.itemsAborted == 4)
        #expect(run.running == 0)
    }
}
