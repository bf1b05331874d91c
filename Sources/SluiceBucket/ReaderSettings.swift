import SluiceJSON

/// A ReaderConfig read and checked: the combinations AWS documents, and a message naming the field otherwise.
struct ReaderSettings {
    enum InputType: String, CaseIterable {
        case csv = "CSV"
        case json = "JSON"
        case jsonl = "JSONL"
        case parquet = "PARQUET"
        case manifest = "MANIFEST"
    }

    enum ManifestType: String, CaseIterable {
        case athenaData = "ATHENA_DATA"
        case s3Inventory = "S3_INVENTORY"
    }

    enum HeaderLocation: Equatable {
        case firstRow
        case given([String])
    }

    /// "You can specify a limit of up to 100,000,000 after which the Distributed Map stops reading items."
    static let maximumItems = 100_000_000

    var inputType: InputType?
    var loadAndFlatten = false
    var manifestType: ManifestType?
    var delimiter = UInt8(ascii: ",")
    var headerLocation = HeaderLocation.firstRow
    var maxItems = maximumItems
    var itemsPointer: JSONPointer?
    /// Whether any CSV field was set, to refuse them where AWS does not read CSV.
    private var hasCSVFields = false

    init(_ config: JSONObject) throws(ItemReaderError) {
        if let value = config["InputType"] {
            inputType = try Self.choice(value, field: "InputType", InputType.self)
        }
        if let value = config["Transformation"] {
            let name = try Self.string(value, field: "Transformation")
            switch name {
            case "NONE": loadAndFlatten = false
            case "LOAD_AND_FLATTEN": loadAndFlatten = true
            default: throw Self.badChoice(field: "Transformation", name, ["NONE", "LOAD_AND_FLATTEN"])
            }
        }
        if let value = config["ManifestType"] {
            manifestType = try Self.choice(value, field: "ManifestType", ManifestType.self)
        }
        if let value = config["CSVDelimiter"] {
            hasCSVFields = true
            let delimiters: [String: Character] = [
                "COMMA": ",", "PIPE": "|", "SEMICOLON": ";", "SPACE": " ", "TAB": "\t",
            ]
            let name = try Self.string(value, field: "CSVDelimiter")
            guard let character = delimiters[name] else {
                throw Self.badChoice(field: "CSVDelimiter", name, ["COMMA", "PIPE", "SEMICOLON", "SPACE", "TAB"])
            }
            delimiter = character.asciiValue!
        }
        try readHeaders(config)
        if let value = config["MaxItems"] {
            maxItems = try Self.maxItems(value)
        }
        if let value = config["ItemsPointer"] {
            itemsPointer = try JSONPointer(parsing: try Self.string(value, field: "ItemsPointer"))
        }
    }

    private mutating func readHeaders(_ config: JSONObject) throws(ItemReaderError) {
        let headers = config["CSVHeaders"]
        if let value = config["CSVHeaderLocation"] {
            hasCSVFields = true
            switch try Self.string(value, field: "CSVHeaderLocation") {
            case "FIRST_ROW":
                guard headers == nil else {
                    throw .config("ReaderConfig.CSVHeaders is only used with CSVHeaderLocation GIVEN, not FIRST_ROW")
                }
                headerLocation = .firstRow
            case "GIVEN":
                guard let headers else {
                    throw .config("ReaderConfig.CSVHeaderLocation GIVEN needs CSVHeaders, an array of column names")
                }
                headerLocation = .given(try Self.headerNames(headers))
            case let other:
                throw Self.badChoice(field: "CSVHeaderLocation", other, ["FIRST_ROW", "GIVEN"])
            }
        } else if headers != nil {
            throw .config("ReaderConfig.CSVHeaders needs CSVHeaderLocation GIVEN")
        }
    }

    private static func headerNames(_ value: JSONValue) throws(ItemReaderError) -> [String] {
        guard case .array(let items) = value, !items.isEmpty else {
            throw .config("ReaderConfig.CSVHeaders must be a non-empty array of strings, not \(value.serialized())")
        }
        var names: [String] = []
        for item in items {
            guard case .string(let name) = item else {
                throw .config("ReaderConfig.CSVHeaders must hold strings only, not \(item.serialized())")
            }
            names.append(name)
        }
        return names
    }

    /// What a resource may combine with, as the ItemReader documentation lays out the fields.
    func check(listing: Bool) throws(ItemReaderError) {
        if listing {
            guard manifestType == nil else {
                throw .config("ReaderConfig.ManifestType needs the s3:getObject resource")
            }
            if loadAndFlatten {
                guard let inputType, inputType != .manifest else {
                    throw .config(
                        "ReaderConfig.Transformation LOAD_AND_FLATTEN needs InputType CSV, JSON, JSONL or PARQUET"
                    )
                }
            } else if let inputType {
                throw .config(
                    "ReaderConfig.InputType \(inputType.rawValue) with s3:listObjectsV2 needs "
                        + "Transformation LOAD_AND_FLATTEN (without it the items are the objects' metadata)"
                )
            }
        } else {
            guard !loadAndFlatten else {
                throw .config("ReaderConfig.Transformation LOAD_AND_FLATTEN needs the s3:listObjectsV2 resource")
            }
            switch manifestType {
            case .s3Inventory:
                guard inputType == nil else {
                    throw .config("ReaderConfig.ManifestType S3_INVENTORY must not have an InputType (it is CSV)")
                }
            case .athenaData:
                guard let inputType, [.csv, .jsonl, .parquet].contains(inputType) else {
                    throw .config("ReaderConfig.ManifestType ATHENA_DATA needs InputType CSV, JSONL or PARQUET")
                }
            case nil:
                guard inputType != nil else {
                    throw .config("ReaderConfig.InputType is required with s3:getObject (CSV, JSON, JSONL, MANIFEST)")
                }
            }
        }
        if itemsPointer != nil && inputType != .json {
            throw .config("ReaderConfig.ItemsPointer applies to InputType JSON only")
        }
        if hasCSVFields && !(inputType == .csv || inputType == .manifest || manifestType == .s3Inventory) {
            throw .config("ReaderConfig.CSVDelimiter and CSVHeaderLocation apply to InputType CSV or MANIFEST only")
        }
        if inputType == .parquet {
            throw .config("InputType PARQUET is not supported by sluice; convert the data to CSV, JSON or JSONL")
        }
    }

    /// MaxItems: a non-negative integer; 0 means no limit, and anything above 100,000,000 reads 100,000,000.
    private static func maxItems(_ value: JSONValue) throws(ItemReaderError) -> Int {
        guard let number = value.intValue else {
            throw .config("ReaderConfig.MaxItems must be an integer, not \(value.serialized())")
        }
        guard number >= 0 else { throw .config("field MaxItems must be positive, not \(number)") }
        return number == 0 ? maximumItems : min(number, maximumItems)
    }

    private static func string(_ value: JSONValue, field: String) throws(ItemReaderError) -> String {
        guard case .string(let text) = value else {
            throw .config("ReaderConfig.\(field) must be a string, not \(value.serialized())")
        }
        return text
    }

    private static func choice<T: RawRepresentable & CaseIterable>(
        _ value: JSONValue,
        field: String,
        _ type: T.Type
    ) throws(ItemReaderError) -> T where T.RawValue == String {
        let name = try string(value, field: field)
        guard let parsed = T(rawValue: name) else { throw badChoice(field: field, name, T.allCases.map(\.rawValue)) }
        return parsed
    }

    private static func badChoice(field: String, _ value: String, _ allowed: [String]) -> ItemReaderError {
        let choices = allowed.joined(separator: ", ")
        return .config("ReaderConfig.\(field) must be one of \(choices), not \(ItemReaderError.quoted(value))")
    }
}
