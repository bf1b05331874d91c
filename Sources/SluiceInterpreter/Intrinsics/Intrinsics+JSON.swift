import SluiceASL
import SluiceJSON

extension IntrinsicEvaluator {
    /// `States.StringToJson(string)`: the string parsed as JSON; an empty or blank string gives null, as on AWS.
    static func stringToJson(_ arguments: Arguments) throws(StatesError) -> JSONValue {
        let text = try arguments.string(0)
        if text.unicodeScalars.allSatisfy({ $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }) { return .null }
        do {
            return try JSONParser.parse(text)
        } catch {
            throw arguments.failure("the string is not valid JSON (\(error.message)): \(excerpt(.string(text)))")
        }
    }

    /// `States.JsonToString(value)`: compact JSON text.
    static func jsonToString(_ arguments: Arguments) -> JSONValue {
        .string(jsonText(arguments[0]))
    }

    /// `States.JsonMerge(left, right, deep)`: `right`'s members over `left`'s, one level deep (a nested object in
    /// `right` replaces the one in `left` whole). AWS supports only this shallow mode, so `deep` must be false.
    static func jsonMerge(_ arguments: Arguments) throws(StatesError) -> JSONValue {
        var merged = try arguments.object(0)
        let right = try arguments.object(1)
        guard try !arguments.bool(2) else {
            throw arguments.failure(
                "deep merging is not supported; the third argument must be false (Step Functions only supports the "
                    + "shallow merging mode)"
            )
        }
        // A key already in `left` keeps its position and takes the new value, as Java's LinkedHashMap.putAll does.
        for (key, value) in right.entries { merged[key] = value }
        return .object(merged)
    }

    /// Compact JSON text the way Step Functions' Jackson writes it: no spaces, members in order, decimals as Java
    /// prints them (`1.0E20`, not `1e+20`), control characters as `\n`-style or uppercase `\u00XX` escapes.
    static func jsonText(_ value: JSONValue) -> String {
        var out = ""
        writeJSON(value, to: &out)
        return out
    }

    private static func writeJSON(_ value: JSONValue, to out: inout String) {
        switch value {
        case .null: out += "null"
        case .bool(let flag): out += flag ? "true" : "false"
        case .int(let number): out += String(number)
        case .double(let number): out += number.isFinite ? javaDouble(number) : "null"
        case .string(let text): writeJSONString(text, to: &out)
        case .array(let items):
            out += "["
            for (position, item) in items.enumerated() {
                if position > 0 { out += "," }
                writeJSON(item, to: &out)
            }
            out += "]"
        case .object(let object):
            out += "{"
            for (position, entry) in object.entries.enumerated() {
                if position > 0 { out += "," }
                writeJSONString(entry.key, to: &out)
                out += ":"
                writeJSON(entry.value, to: &out)
            }
            out += "}"
        }
    }

    private static func writeJSONString(_ text: String, to out: inout String) {
        out += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16, uppercase: true)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }
}
