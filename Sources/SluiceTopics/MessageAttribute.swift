import SluiceJSON

/// One Publish message attribute: a name, a data type (`String`, `Number`, `Binary`, `String.Array`, or one of the
/// first three with a custom suffix such as `Number.float`) and its value.
package struct MessageAttribute: Sendable, Hashable {
    package var name: String
    package var dataType: String
    /// The `StringValue`, or for Binary types the `BinaryValue` as base64 text (how SNS shows it to subscribers).
    package var value: String

    package init(name: String, dataType: String, value: String) {
        self.name = name
        self.dataType = dataType
        self.value = value
    }

    /// SNS's limit on attributes per message.
    package static let maximumCount = 10

    /// Whether the value is base64 binary data rather than text.
    package var isBinary: Bool { dataType == "Binary" || dataType.hasPrefix("Binary.") }

    /// As Publish takes it: `{"DataType": …, "StringValue" | "BinaryValue": …}`.
    package var publishValue: JSONValue {
        ["DataType": .string(dataType), isBinary ? "BinaryValue" : "StringValue": .string(value)]
    }

    /// As SNS shows it in a notification: `{"Type": …, "Value": …}`.
    package var notificationValue: JSONValue {
        ["Type": .string(dataType), "Value": .string(value)]
    }

    /// The bytes SNS counts towards the 256 KiB message limit: name, type and value.
    var size: Int { name.utf8.count + dataType.utf8.count + value.utf8.count }
}

// MARK: - Validation

extension MessageAttribute {
    /// Reads and checks Publish's `MessageAttributes` object the way SNS does, keeping the caller's order.
    package static func parse(publish attributes: JSONObject) throws(TopicError) -> [MessageAttribute] {
        if attributes.count > maximumCount {
            throw .invalidParameterValue(
                "Number of message attributes [\(attributes.count)] exceeds the allowed maximum [\(maximumCount)]."
            )
        }
        var parsed: [MessageAttribute] = []
        for (name, entry) in attributes.entries {
            try checkName(name)
            parsed.append(try parseEntry(name: name, entry))
        }
        return parsed
    }

    /// Reads the `MessageAttributes` of a stored notification (`{"name": {"Type", "Value"}}`); nil if malformed.
    static func parse(notification attributes: JSONObject) -> [MessageAttribute]? {
        var parsed: [MessageAttribute] = []
        for (name, entry) in attributes.entries {
            guard case .string(let type)? = entry["Type"], case .string(let value)? = entry["Value"] else { return nil }
            parsed.append(MessageAttribute(name: name, dataType: type, value: value))
        }
        return parsed
    }

    private static func parseEntry(name: String, _ entry: JSONValue) throws(TopicError) -> MessageAttribute {
        guard case .object(let fields) = entry else {
            throw .invalidParameterValue(
                "The message attribute '\(name)' must be an object with DataType and StringValue or BinaryValue."
            )
        }
        guard case .string(let dataType)? = fields["DataType"] else {
            throw .invalidParameterValue(
                "1 validation error detected: Value null at 'messageAttributes.\(name).member.dataType' failed to "
                    + "satisfy constraint: Member must not be null"
            )
        }
        guard let base = baseType(dataType) else {
            throw .invalidParameterValue(
                "The message attribute '\(name)' has an invalid message attribute type, the set of supported type "
                    + "prefixes is Binary, Number, and String."
            )
        }
        let empty = TopicError.invalidParameterValue(
            "The message attribute '\(name)' must contain non-empty message attribute value for message attribute "
                + "type '\(dataType)'."
        )
        let field = base == "Binary" ? "Binary" : "String"
        guard let raw = fields[field + "Value"] else {
            if fields.keys.contains(where: { $0.hasSuffix("Value") }) {
                throw .invalidParameterValue(
                    "The message attribute '\(name)' with type '\(dataType)' must use field '\(field)'."
                )
            }
            throw empty
        }
        let value: String
        switch raw {
        case .string(let text): value = text
        // A number from a JSONPath (`"StringValue.$": "$.count"`) is taken as its text rather than refused.
        case .int, .double: value = raw.serialized()
        default: throw empty
        }
        guard !value.isEmpty else { throw empty }
        switch base {
        case "Number":
            guard isNumber(value) else {
                throw .invalidParameterValue("Could not cast message attribute '\(name)' value to number.")
            }
        case "Binary":
            guard isBase64(value) else {
                throw .invalidParameterValue("The message attribute '\(name)' has a BinaryValue that is not base64.")
            }
        default:
            if dataType == "String.Array", !isStringArray(value) {
                throw .invalidParameterValue(
                    "The message attribute '\(name)' with type 'String.Array' must hold a JSON array of strings, "
                        + "numbers, true, false or null."
                )
            }
        }
        return MessageAttribute(name: name, dataType: dataType, value: value)
    }

    /// `String`, `Number` or `Binary` for a valid data type (the bare type or the type, a dot and a custom label).
    private static func baseType(_ dataType: String) -> String? {
        let parts = dataType.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard let first = parts.first, ["String", "Number", "Binary"].contains(first), dataType.utf8.count <= 256
        else { return nil }
        if parts.count == 2 {
            let label = parts[1]
            guard !label.isEmpty, label.unicodeScalars.allSatisfy({ isNameCharacter($0) }) else { return nil }
        }
        return String(first)
    }

    /// SNS's attribute name rules, with its messages.
    private static func checkName(_ name: String) throws(TopicError) {
        guard !name.isEmpty else { throw .invalidParameterValue("The message attribute name must not be empty.") }
        if name.utf8.count > 256 {
            throw .invalidParameterValue("Length of message attribute name must be less than 256 bytes.")
        }
        if name.hasPrefix(".") {
            throw .invalidParameterValue("Invalid message attribute name starting with character '.' was found.")
        }
        if name.hasSuffix(".") {
            throw .invalidParameterValue("Invalid message attribute name ending with character '.' was found.")
        }
        var previous: Unicode.Scalar?
        for scalar in name.unicodeScalars {
            guard isNameCharacter(scalar) else {
                let hex = String(scalar.value, radix: 16, uppercase: true)
                throw .invalidParameterValue(
                    "Invalid non-alphanumeric character '#x\(hex)' was found in the message attribute name. Can only "
                        + "include alphanumeric characters, hyphens, underscores, or dots."
                )
            }
            if scalar == ".", previous == "." {
                throw .invalidParameterValue("Message attribute name can not have successive '.' character.")
            }
            previous = scalar
        }
        let lowered = name.lowercased()
        if lowered.hasPrefix("aws.") || lowered.hasPrefix("amazon.") {
            throw .invalidParameterValue(
                "The message attribute name '\(name)' uses a reserved prefix ('AWS.' or 'Amazon.')."
            )
        }
    }

    private static func isNameCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "a"..."z", "A"..."Z", "0"..."9", "-", "_", ".": true
        default: false
        }
    }

    /// A decimal number as SNS reads Number attributes: an optional sign, digits with an optional fraction (`5`,
    /// `5.`, `.5`), an optional exponent.
    private static func isNumber(_ text: String) -> Bool {
        var bytes = Substring(text).utf8[...]
        if let sign = bytes.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") { bytes = bytes.dropFirst() }
        let isDigit = { (b: UInt8) in b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }
        let whole = bytes.prefix(while: isDigit).count
        bytes = bytes.dropFirst(whole)
        var fraction = 0
        if bytes.first == UInt8(ascii: ".") {
            bytes = bytes.dropFirst()
            fraction = bytes.prefix(while: isDigit).count
            bytes = bytes.dropFirst(fraction)
        }
        guard whole + fraction > 0 else { return false }
        if let e = bytes.first, e == UInt8(ascii: "e") || e == UInt8(ascii: "E") {
            bytes = bytes.dropFirst()
            if let sign = bytes.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
                bytes = bytes.dropFirst()
            }
            let exponent = bytes.prefix(while: isDigit).count
            guard exponent > 0 else { return false }
            bytes = bytes.dropFirst(exponent)
        }
        return bytes.isEmpty
    }

    /// Standard base64 with padding, as BinaryValue travels in JSON.
    private static func isBase64(_ text: String) -> Bool {
        guard text.utf8.count % 4 == 0 else { return false }
        var padding = 0
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "="): padding += 1
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "/"):
                if padding > 0 { return false }
            default: return false
            }
        }
        return padding <= 2
    }

    private static func isStringArray(_ text: String) -> Bool {
        guard case .array(let elements)? = try? JSONParser.parse(text) else { return false }
        return elements.allSatisfy { $0.arrayValue == nil && $0.objectValue == nil }
    }
}
