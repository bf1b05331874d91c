/// Prometheus's text format read back simply: each sample line's value by its name and labels as printed.
struct MetricsText {
    var values: [String: Double] = [:]
    var help: [String: String] = [:]
    var families: [String] = []

    init(_ text: String) {
        for line in text.split(separator: "\n") {
            if line.hasPrefix("# HELP ") {
                let rest = line.dropFirst("# HELP ".count)
                let name = String(rest.prefix { $0 != " " })
                help[name] = String(rest.dropFirst(name.count + 1))
            } else if line.hasPrefix("# TYPE ") {
                families.append(String(line.dropFirst("# TYPE ".count).prefix { $0 != " " }))
            } else if let space = line.lastIndex(of: " "), let value = Double(line[line.index(after: space)...]) {
                values[String(line[..<space])] = value
            }
        }
    }

    func value(_ series: String) -> Double? { values[series] }
}
