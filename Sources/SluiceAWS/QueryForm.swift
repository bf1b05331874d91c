/// An awsQuery request's parameters (SNS): a form whose names flatten lists and maps with numbered parts, read
/// back as the operation's shape.
///
/// A list member is `Name.member.N` and a map entry `Name.entry.N.key` / `Name.entry.N.value` (SNS writes
/// `Name`/`Value` for MessageAttributes); a member that is itself a structure continues the name
/// (`PublishBatchRequestEntries.member.1.Message`). `N` counts from 1 and the order sent does not matter.
package struct QueryForm: Sendable {
    package let pairs: [(name: String, value: String)]

    package init(_ pairs: [(name: String, value: String)]) {
        self.pairs = pairs
    }

    /// The form of a request body (`application/x-www-form-urlencoded`).
    package init(body: [UInt8]) {
        self.init(FormBody.pairs(String(decoding: body, as: UTF8.self)))
    }

    /// The first value sent as `name`.
    package subscript(name: String) -> String? {
        pairs.first { $0.name == name }?.value
    }

    /// The parameters under `prefix.` with that prefix taken off (a member's fields).
    package func scoped(_ prefix: String) -> QueryForm {
        let start = prefix + "."
        return QueryForm(
            pairs.compactMap { pair in
                pair.name.hasPrefix(start) ? (String(pair.name.dropFirst(start.count)), pair.value) : nil
            }
        )
    }

    /// The numbered members under `prefix` (`Ids.member`, `Attributes.entry`) in the order of their numbers, each
    /// as the form of its fields; a member sent as a plain value has it under the name "".
    package func members(_ prefix: String) -> [QueryForm] {
        var byNumber: [Int: [(name: String, value: String)]] = [:]
        let start = prefix + "."
        for pair in pairs where pair.name.hasPrefix(start) {
            let rest = pair.name.dropFirst(start.count)
            let number = rest.prefix { $0 != "." }
            guard let n = Int(number), n >= 1, String(n) == number else { continue }
            let field = rest.dropFirst(number.count).drop { $0 == "." }
            byNumber[n, default: []].append((String(field), pair.value))
        }
        return byNumber.keys.sorted().map { QueryForm(byNumber[$0] ?? []) }
    }

    /// A list of plain values (`Ids.member.N=...`).
    package func strings(_ prefix: String) -> [String] {
        members(prefix).compactMap { $0[""] }
    }

    /// A map of plain values (`Attributes.entry.N.key` / `.value`), in the order of the entries' numbers.
    package func stringMap(_ prefix: String, key: String = "key", value: String = "value") -> [(
        key: String, value: String
    )] {
        members(prefix).compactMap { entry in
            guard let k = entry[key] else { return nil }
            return (k, entry[value] ?? "")
        }
    }
}
