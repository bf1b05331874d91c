/// One HTTP request as an AWS client sent it, before anything is decoded: the signature covers the raw request
/// target and the headers exactly as they came, so nothing may be normalised before it is checked.
package struct AWSRequest: Sendable {
    package var method: String
    /// The request target as sent: the path, percent-encoded, then `?` and the query.
    package var target: String
    package var headers: [(name: String, value: String)]

    package init(method: String, target: String, headers: [(name: String, value: String)]) {
        self.method = method
        self.target = target
        self.headers = headers
    }

    /// The path as sent (still percent-encoded).
    package var rawPath: String {
        guard let mark = target.firstIndex(of: "?") else { return target }
        return String(target[..<mark])
    }

    /// The query as sent (still percent-encoded), without its `?`.
    package var rawQuery: String {
        guard let mark = target.firstIndex(of: "?") else { return "" }
        return String(target[target.index(after: mark)...])
    }

    /// The path's segments, decoded (`/inbox/companies%2Fa.csv` is `["inbox", "companies/a.csv"]`).
    package var pathSegments: [String] {
        rawPath.split(separator: "/", omittingEmptySubsequences: true).map {
            PercentEncoding.decode($0) ?? String($0)
        }
    }

    /// The query's parameters, decoded, in the order sent; a parameter without `=` has an empty value.
    package var queryItems: [(name: String, value: String)] {
        FormBody.pairs(rawQuery, plusIsSpace: false)
    }

    /// The first value of query parameter `name`.
    package func query(_ name: String) -> String? {
        queryItems.first { $0.name == name }?.value
    }

    /// Header `name` (any case), several values joined with commas as HTTP allows.
    package func header(_ name: String) -> String? {
        let values = headers.filter { $0.name.lowercased() == name.lowercased() }.map(\.value)
        return values.isEmpty ? nil : values.joined(separator: ",")
    }

    /// The Host header without its port.
    package var hostName: String? {
        guard let host = header("host") else { return nil }
        if host.hasPrefix("[") {
            return host.firstIndex(of: "]").map { String(host[...$0]) }
        }
        return host.split(separator: ":", maxSplits: 1).first.map(String.init)
    }
}
