/// Execution names made from what started them: readable, unique, and within AWS's rules (1–80 characters,
/// no whitespace, no `< > { } [ ] ? * " # % \ ^ | ~ ` $ & , ; : /`, no control characters).
package enum ExecutionNames {
    /// `companies-2026-csv-1a2b3c4d` for key `companies/2026.csv`.
    package static func make(from key: String?, unique: String) -> String {
        var base = ""
        if let key {
            let last = key.split(separator: "/").last.map(String.init) ?? key
            for scalar in last.unicodeScalars {
                let allowed =
                    scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar))
                    || scalar == "-" || scalar == "_"
                base.unicodeScalars.append(allowed ? scalar : "-")
            }
        }
        let suffix = String(unique.filter { $0.isHexDigit }.prefix(8))
        base = String(base.prefix(80 - suffix.count - 1))
        return base.isEmpty ? suffix : base + "-" + suffix
    }
}
