import SluiceAWS

/// Which `Host` headers the API answers: its own address and the loopback names (with `BUCKET.localhost`, S3's
/// virtual-hosted style), at its own port. Anything else is refused before the signature is read, so that a web
/// page cannot reach sluiced through a name that merely resolves to it (DNS rebinding).
struct APIHostPolicy: Sendable {
    /// The address the API listens on, as configured.
    var listenHost: String
    /// The port it is bound to (the system's choice for port 0).
    var port: Int

    private static let loopback: Set<String> = ["127.0.0.1", "localhost", "[::1]", "::1"]
    private static let wildcard: Set<String> = ["0.0.0.0", "::", "[::]"]

    func allows(_ request: AWSRequest) -> Bool {
        guard let host = request.header("host"), let name = request.hostName?.lowercased() else { return false }
        if let portText = host.hasPrefix("[")
            ? host.split(separator: "]").last?.dropFirst()
            : host.split(
                separator: ":"
            ).dropFirst().first,
            !portText.isEmpty
        {
            guard Int(portText) == port else { return false }
        } else if port != 80 {
            return false
        }
        if Self.loopback.contains(name) || name.hasSuffix(".localhost") { return true }
        if name == listenHost.lowercased() { return true }
        // Listening on every address: any name the machine is reached by, the signature still deciding.
        return Self.wildcard.contains(listenHost)
    }

    /// The error for a refused Host, in the shape the request's client parses.
    func refusal(_ request: AWSRequest) -> AWSError {
        AWSError(
            "InvalidHostHeader",
            "Host '\(request.header("host") ?? "")' is not this endpoint (\(listenHost):\(port))",
            status: 400
        )
    }
}
