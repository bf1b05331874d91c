import SluiceJSON

extension DefinitionDecoder {
    mutating func map(_ r: inout FieldReader, language: QueryLanguage) -> StateKind? {
        // ItemProcessor is the current name; Iterator the legacy one (INLINE only).
        let processorKey = r.has("ItemProcessor") ? "ItemProcessor" : "Iterator"
        if r.has("ItemProcessor"), r.has("Iterator") {
            problems.append(
                DefinitionProblem(location: r.location, message: "'ItemProcessor' and 'Iterator' cannot both be set")
            )
        }
        guard let processorJSON = r.raw(processorKey) else {
            problems.append(DefinitionProblem(location: r.location, message: "The field 'ItemProcessor' is required"))
            return nil
        }
        let here = r.at(processorKey)
        guard
            let processor = machine(
                processorJSON,
                location: here,
                topLevel: false,
                inherited: language,
                allowProcessorConfig: true
            )
        else { return nil }
        problems += GraphValidator.validate(processor, location: here)
        var map = MapState(processor: processor)
        if case .object(let p) = processorJSON, let config = p["ProcessorConfig"] {
            processorConfig(config, location: here + "/ProcessorConfig", into: &map)
        }
        items(&map, &r)
        limits(&map, &r)
        if let reader = r.object("ItemReader", &problems) {
            map.itemReader = itemReader(reader, location: r.at("ItemReader"))
        }
        if let batcher = r.object("ItemBatcher", &problems) {
            map.itemBatcher = itemBatcher(batcher, location: r.at("ItemBatcher"))
        }
        if let writer = r.object("ResultWriter", &problems) {
            map.resultWriter = resultWriter(writer, location: r.at("ResultWriter"))
        }
        if let label = r.string("Label", &problems) {
            if label.count > 40 || label.contains(where: { " <>{}[]?*\"#%\\^|~`$&,;:/".contains($0) }) {
                problems.append(
                    DefinitionProblem(
                        location: r.at("Label"),
                        message: "Label must be at most 40 characters without spaces or special characters"
                    )
                )
            }
            map.label = label
        }
        if map.mode == .inline {
            for (key, set) in [
                ("ItemReader", map.itemReader != nil), ("ItemBatcher", map.itemBatcher != nil),
                ("ResultWriter", map.resultWriter != nil),
            ] where set {
                problems.append(
                    DefinitionProblem(
                        location: r.at(key),
                        message: "The field '\(key)' is only supported in DISTRIBUTED mode"
                    )
                )
            }
        }
        return .map(map)
    }

    /// An ItemReader's or ResultWriter's `Parameters` (JSONPath) or `Arguments` (JSONata).
    private mutating func arguments(_ r: inout FieldReader) -> PayloadTemplate? {
        if language == .jsonata {
            guard let a = r.raw("Arguments") else { return nil }
            return jsonataTemplate(a, location: r.at("Arguments"))
        }
        guard let p = r.raw("Parameters") else { return nil }
        return PayloadTemplate.compile(p, location: r.at("Parameters"), problems: &problems)
    }

    /// Where the items come from (`ItemsPath` or `Items`) and how each is shaped (`ItemSelector`, or the legacy
    /// `Parameters`).
    private mutating func items(_ map: inout MapState, _ r: inout FieldReader) {
        if language == .jsonata {
            if let items = r.raw("Items") { map.items = jsonataTemplate(items, location: r.at("Items")) }
            if let s = r.raw("ItemSelector") { map.itemSelector = jsonataTemplate(s, location: r.at("ItemSelector")) }
        } else if let p = optionalPath("ItemsPath", &r) {
            if case .null = p {
                problems.append(DefinitionProblem(location: r.at("ItemsPath"), message: "'ItemsPath' cannot be null"))
            } else {
                map.itemsPath = p
            }
        }
        if r.has("ItemSelector"), r.has("Parameters") {
            problems.append(
                DefinitionProblem(location: r.location, message: "'ItemSelector' and 'Parameters' cannot both be set")
            )
        }
        for key in ["ItemSelector", "Parameters"] where language == .jsonPath {
            if let s = r.raw(key) {
                map.itemSelector = PayloadTemplate.compile(s, location: r.at(key), problems: &problems)
            }
        }
    }

    /// MaxConcurrency and the tolerated failures, each a literal, a path or an expression.
    private mutating func limits(_ map: inout MapState, _ r: inout FieldReader) {
        map.maxConcurrency = valueOrPath("MaxConcurrency", &r) { r, p in
            r.int("MaxConcurrency", &p, minimum: 0, maximum: 2_147_483_647)
        }
        map.toleratedFailurePercentage = valueOrPath("ToleratedFailurePercentage", &r) { r, p in
            guard let v = r.number("ToleratedFailurePercentage", &p) else { return nil }
            if v < 0 || v > 100 {
                p.append(
                    DefinitionProblem(
                        location: r.at("ToleratedFailurePercentage"),
                        message: "ToleratedFailurePercentage must be between 0 and 100"
                    )
                )
                return nil
            }
            return v
        }
        map.toleratedFailureCount = valueOrPath("ToleratedFailureCount", &r) { r, p in
            r.int("ToleratedFailureCount", &p, minimum: 0)
        }
    }

    private mutating func processorConfig(_ json: JSONValue, location: String, into map: inout MapState) {
        guard case .object(let object) = json else {
            problems.append(DefinitionProblem(location: location, message: "ProcessorConfig must be an object"))
            return
        }
        var r = FieldReader(object, location: location)
        if let mode = r.string("Mode", &problems) {
            if let m = MapState.ProcessorMode(rawValue: mode) {
                map.mode = m
            } else {
                problems.append(
                    DefinitionProblem(location: r.at("Mode"), message: "Mode must be INLINE or DISTRIBUTED")
                )
            }
        }
        if let type = r.string("ExecutionType", &problems) {
            if let t = MapState.ExecutionType(rawValue: type) {
                map.executionType = t
            } else {
                problems.append(
                    DefinitionProblem(
                        location: r.at("ExecutionType"),
                        message: "ExecutionType must be STANDARD or EXPRESS"
                    )
                )
            }
        }
        if map.mode == .distributed, map.executionType == nil {
            problems.append(
                DefinitionProblem(location: location, message: "ExecutionType is required when Mode is DISTRIBUTED")
            )
        }
        r.reportUnknown(&problems)
    }

    private mutating func itemReader(_ object: JSONObject, location: String) -> ItemReader? {
        var r = FieldReader(object, location: location)
        let resource = r.string("Resource", &problems)
        if resource == nil, !r.has("Resource") {
            problems.append(DefinitionProblem(location: location, message: "The field 'Resource' is required"))
        }
        var reader = ItemReader(resource: resource ?? "")
        reader.parameters = arguments(&r)
        if let config = r.object("ReaderConfig", &problems) {
            reader.readerConfig = .object(config)
            var c = FieldReader(config, location: r.at("ReaderConfig"))
            if let type = c.string("InputType", &problems),
                !["CSV", "JSON", "JSONL", "MANIFEST", "PARQUET"].contains(type)
            {
                problems.append(
                    DefinitionProblem(
                        location: c.at("InputType"),
                        message: "InputType must be CSV, JSON, JSONL, MANIFEST or PARQUET"
                    )
                )
            }
            if let h = c.string("CSVHeaderLocation", &problems), !["FIRST_ROW", "GIVEN"].contains(h) {
                problems.append(
                    DefinitionProblem(
                        location: c.at("CSVHeaderLocation"),
                        message: "CSVHeaderLocation must be FIRST_ROW or GIVEN"
                    )
                )
            }
            _ = c.array("CSVHeaders", &problems)
            if let d = c.string("CSVDelimiter", &problems), !["COMMA", "PIPE", "SEMICOLON", "SPACE", "TAB"].contains(d)
            {
                problems.append(
                    DefinitionProblem(
                        location: c.at("CSVDelimiter"),
                        message: "CSVDelimiter must be COMMA, PIPE, SEMICOLON, SPACE or TAB"
                    )
                )
            }
            let maxItems = valueOrPath("MaxItems", &c) { r, p in r.int("MaxItems", &p, minimum: 0, maximum: 100_000_000)
            }
            if case .query(let q)? = maxItems { reader.maxItemsQuery = q }
            _ = c.string("ItemsPointer", &problems)
            _ = c.string("Transformation", &problems)
            _ = c.string("ManifestType", &problems)
            c.reportUnknown(&problems)
        }
        r.reportUnknown(&problems)
        return reader
    }

    private mutating func itemBatcher(_ object: JSONObject, location: String) -> ItemBatcher {
        var r = FieldReader(object, location: location)
        var batcher = ItemBatcher()
        batcher.maxItemsPerBatch = valueOrPath("MaxItemsPerBatch", &r) { r, p in
            r.int("MaxItemsPerBatch", &p, minimum: 1)
        }
        batcher.maxInputBytesPerBatch = valueOrPath("MaxInputBytesPerBatch", &r) { r, p in
            r.int("MaxInputBytesPerBatch", &p, minimum: 1, maximum: 262_144)
        }
        if let b = r.raw("BatchInput") {
            batcher.batchInput =
                language == .jsonata
                ? jsonataTemplate(b, location: r.at("BatchInput"))
                : PayloadTemplate.compile(b, location: r.at("BatchInput"), problems: &problems)
        }
        if batcher.maxItemsPerBatch == nil, batcher.maxInputBytesPerBatch == nil {
            problems.append(
                DefinitionProblem(
                    location: location,
                    message: "ItemBatcher needs MaxItemsPerBatch(Path) or MaxInputBytesPerBatch(Path)"
                )
            )
        }
        r.reportUnknown(&problems)
        return batcher
    }

    private mutating func resultWriter(_ object: JSONObject, location: String) -> ResultWriter {
        var r = FieldReader(object, location: location)
        var writer = ResultWriter()
        writer.resource = r.string("Resource", &problems)
        writer.parameters = arguments(&r)
        if let config = r.object("WriterConfig", &problems) {
            writer.writerConfig = .object(config)
            var c = FieldReader(config, location: r.at("WriterConfig"))
            if let t = c.string("OutputType", &problems), !["JSON", "JSONL"].contains(t) {
                problems.append(
                    DefinitionProblem(location: c.at("OutputType"), message: "OutputType must be JSON or JSONL")
                )
            }
            if let t = c.string("Transformation", &problems), !["NONE", "COMPACT", "FLATTEN"].contains(t) {
                problems.append(
                    DefinitionProblem(
                        location: c.at("Transformation"),
                        message: "Transformation must be NONE, COMPACT or FLATTEN"
                    )
                )
            }
            c.reportUnknown(&problems)
        }
        r.reportUnknown(&problems)
        return writer
    }
}
