import Logging

/// The journald fields of one log record: MESSAGE, PRIORITY, SYSLOG_IDENTIFIER, CODE_* and the metadata, with
/// keys turned into journald field names (`sluice.execution.id` → `SLUICE_EXECUTION_ID`, only `A-Z 0-9 _`).
/// Pure, so the mapping is tested without journald.
package enum JournalFields {
    package static func make(
        level: Logger.Level,
        message: String,
        metadata: Logger.Metadata,
        identifier: String,
        file: String,
        function: String,
        line: UInt
    ) -> [(String, String)] {
        var fields: [(String, String)] = [
            ("MESSAGE", message),
            ("PRIORITY", String(priority(level))),
            ("SYSLOG_IDENTIFIER", identifier),
            ("CODE_FILE", file),
            ("CODE_FUNC", function),
            ("CODE_LINE", String(line)),
        ]
        for (key, value) in metadata.sorted(by: { $0.key < $1.key }) {
            let name = fieldName(key)
            guard !name.isEmpty else { continue }
            fields.append((name, "\(value)"))
        }
        return fields
    }

    /// syslog priorities: 2 critical, 3 error, 4 warning, 5 notice, 6 info, 7 debug.
    package static func priority(_ level: Logger.Level) -> Int {
        switch level {
        case .critical: 2
        case .error: 3
        case .warning: 4
        case .notice: 5
        case .info: 6
        case .debug, .trace: 7
        }
    }

    /// `sluice.map.run` → `SLUICE_MAP_RUN`; journald names are upper-case letters, digits and underscores and
    /// may not start with a digit or an underscore.
    package static func fieldName(_ key: String) -> String {
        var name = ""
        for scalar in key.unicodeScalars {
            switch scalar {
            case "a"..."z": name.unicodeScalars.append(Unicode.Scalar(scalar.value - 32)!)
            case "A"..."Z", "0"..."9": name.unicodeScalars.append(scalar)
            default: name.append("_")
            }
        }
        while let first = name.first, first == "_" || first.isNumber { name.removeFirst() }
        return String(name.prefix(64))
    }
}
