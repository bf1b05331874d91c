import SluiceASL
import SluiceJSON
import SluiceVocabulary

/// Map: INLINE iterations and DISTRIBUTED child executions, with items from ItemsPath or streamed from an
/// ItemReader, batched by ItemBatcher, and results collected in order or streamed to a ResultWriter.
///
/// Items flow through a buffer: children are started while fewer than MaxConcurrency run, more items are asked for
/// while the buffer runs low, so only what is in flight is held in memory however large the source.
extension Execution {
    /// How many items to ask an ItemReader for at a time.
    static let readChunk = 1_000
    /// The most items a map run keeps read ahead of its children.
    static let maxBuffered = 10_000

    mutating func runMap(_ id: Int, _ map: MapState) throws(StatesError) {
        guard let frame = frames[id] else { return }
        let state = frame.state
        let effective = try applyInputPath(state.inputPath, to: frame.input, frame: id)
        let limits = try mapLimits(map, input: effective, frame: id)
        var run = MapRun(limits: limits, effectiveInput: effective, mapRunArn: "")
        if let reader = map.itemReader {
            run.readerToken = try openReader(reader, input: effective, frame: id)
        } else {
            run.buffer = try items(map, effective: effective, frame: id)
            run.sizesKnown = false
            run.exhausted = true
        }
        if let template = map.itemBatcher?.batchInput {
            run.batchInput = try evaluate(template, input: effective, frame: id, fieldName: "ItemBatcher/BatchInput")
        }
        // A redrive of this Map state carries its map run on: same ARN, successes kept.
        let redrive = frame.parent == nil ? mapRedrive.take() : nil
        if limits.distributed {
            run.mapRunArn = redrive?.mapRunArn ?? mapRunArn(label: map.label ?? state.name)
            if let redrive {
                run.redriven = redrive.succeeded
                run.redriveCount = redrive.redriveCount
            }
            if let writer = map.resultWriter {
                run.writerToken = try openWriter(
                    writer,
                    mapRunArn: run.mapRunArn,
                    redriveCount: run.redriveCount,
                    input: effective,
                    frame: id
                )
            }
        }
        var join = Join(kind: .map(run), results: [])
        if limits.distributed {
            join.startedEventId = record(
                redrive == nil ? "MapRunStarted" : "MapRunRedriven",
                ["mapRunArn": .string(run.mapRunArn)]
            )
            mapRunsStarted += 1
        } else {
            join.startedEventId = record("MapStateStarted", ["length": .int(run.bufferedCount)])
        }
        modifyFrame(id) { $0.phase = .joining(join) }
        guard var join = takeJoin(id) else { return }
        fill(id, &join)
        settle(id, join)
    }

    /// The array ItemsPath selects (the whole effective input by default).
    func items(_ map: MapState, effective: JSONValue, frame id: Int) throws(StatesError) -> [JSONValue] {
        if frames[id]?.state.queryLanguage == .jsonata { return try jsonataItems(map, effective: effective, frame: id) }
        switch map.itemsPath {
        case .null, .path("$"):
            guard case .array(let a) = effective else {
                throw StatesError.runtime("Map state input must be an array but was: \(effective.serialized())")
            }
            return a
        case .path(let p):
            guard let value = try resolve(p, input: effective, frame: id) else {
                throw StatesError.runtime(noResults(p))
            }
            guard case .array(let a) = value else {
                throw StatesError.runtime(
                    "Unable to apply ItemsPath \(p) to input \(effective.serialized()): the value is not an array: \(value.serialized())"
                )
            }
            return a
        }
    }

    /// JSONata `Items`: an array (its `{% %}` members evaluated) or an expression giving one; the input by default.
    func jsonataItems(_ map: MapState, effective: JSONValue, frame id: Int) throws(StatesError) -> [JSONValue] {
        guard let items = map.items, case .jsonata(let template) = items else {
            guard case .array(let a) = effective else {
                throw StatesError(
                    StatesError.Name.queryEvaluationError,
                    cause: "Map state input must be an array but was: \(effective.serialized())"
                )
            }
            return a
        }
        let value = try evaluate(template, field: "Items", scope: JSONataScope(input: effective), frame: id)
        guard case .array(let a) = value else {
            if let query = template.query {
                throw unexpectedType(query, field: "Items", expected: "array", value: value)
            }
            throw StatesError(StatesError.Name.queryEvaluationError, cause: "Items must be an array")
        }
        return a
    }

    /// Evaluates the ItemReader's Parameters and ReaderConfig (MaxItemsPath resolved) and opens the stream.
    mutating func openReader(_ reader: ItemReader, input: JSONValue, frame id: Int) throws(StatesError) -> Int {
        let parameters =
            try reader.parameters.map { (t: PayloadTemplate) throws(StatesError) -> JSONValue in
                try evaluate(t, input: input, frame: id, fieldName: "ItemReader/Arguments")
            } ?? .object(JSONObject())
        var config = reader.readerConfig?.objectValue ?? JSONObject()
        if case .string(let path)? = config["MaxItemsPath"] {
            let v = try resolve(path, input: input, frame: id)
            guard let n = Self.integer(v), n >= 0 else {
                throw StatesError.runtime(
                    "The MaxItemsPath field refers to value \"\(Self.shown(v))\" which is not a valid integer: \(path)"
                )
            }
            config["MaxItemsPath"] = nil
            config["MaxItems"] = .int(n)
        }
        if let query = reader.maxItemsQuery {
            let v = try evaluate(
                query,
                field: "ItemReader/ReaderConfig/MaxItems",
                scope: JSONataScope(input: input),
                frame: id
            )
            guard let n = Self.integer(v), n >= 0 else {
                throw unexpectedType(query, field: "ItemReader/ReaderConfig/MaxItems", expected: "integer", value: v)
            }
            config["MaxItems"] = .int(n)
        }
        let token = allocate()
        tokens[token] = id
        readerRequests[token] = ItemReadRequest(
            token: token,
            resource: reader.resource,
            parameters: parameters,
            readerConfig: config,
            count: 0
        )
        return token
    }

    mutating func openWriter(
        _ writer: ResultWriter,
        mapRunArn: String,
        redriveCount: Int,
        input: JSONValue,
        frame id: Int
    ) throws(StatesError) -> Int {
        let parameters =
            try writer.parameters.map { (t: PayloadTemplate) throws(StatesError) -> JSONValue in
                try evaluate(t, input: input, frame: id, fieldName: "ResultWriter/Arguments")
            } ?? .object(JSONObject())
        let token = allocate()
        tokens[token] = id
        effects.append(
            .openResultWriter(
                ResultWriterRequest(
                    token: token,
                    mapRunArn: mapRunArn,
                    resource: writer.resource ?? "arn:aws:states:::s3:putObject",
                    parameters: parameters,
                    writerConfig: writer.writerConfig?.objectValue ?? JSONObject(),
                    redriveCount: redriveCount
                )
            )
        )
        return token
    }

    /// `arn:aws:states:REGION:ACCOUNT:mapRun:STATE_MACHINE/LABEL:UUID`.
    mutating func mapRunArn(label: String) -> String {
        let parts = context.executionArn.split(separator: ":", omittingEmptySubsequences: false)
        let prefix = parts.count > 4 ? parts[0...4].joined(separator: ":") : "arn:aws:states:local:000000000000"
        let cleaned = String(label.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" ? $0 : "-" }.prefix(40))
        return "\(prefix):mapRun:\(context.stateMachineName)/\(cleaned):\(uuid())"
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// A version 4 UUID from the execution's generator (deterministic given its persisted state).
    mutating func uuid() -> String {
        var bytes = (0..<16).map { _ in UInt8.random(in: 0...255, using: &rng) }
        bytes[6] = (bytes[6] & 0x0F) | 0x40
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        // Written straight into the string: one per child, a million in a large map run.
        return String(unsafeUninitializedCapacity: 36) { text in
            var at = 0
            for (i, byte) in bytes.enumerated() {
                if i == 4 || i == 6 || i == 8 || i == 10 {
                    text[at] = UInt8(ascii: "-")
                    at += 1
                }
                text[at] = Self.hexDigits[Int(byte >> 4)]
                text[at + 1] = Self.hexDigits[Int(byte & 0x0F)]
                at += 2
            }
            return at
        }
    }
}
