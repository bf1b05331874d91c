import SluiceJSON

/// sluiced.json's `"Api"`: where the AWS API listens (`Listen`, `127.0.0.1:4599` unless set; `null` turns it
/// off), the access keys it accepts besides the ones in its credentials file (`Keys`), and the bearer token that
/// lets a Prometheus server elsewhere scrape `/metrics` (`MetricsToken`; loopback needs none).
package struct APISettings: Sendable, Equatable {
    package var listen: String? = "127.0.0.1:4599"
    package var keys: [APIKey] = []
    package var metricsToken: String?

    package init() {}

    /// `Listen` as host and port; nil when it is off.
    package var endpoint: (host: String, port: Int)? {
        get throws(SettingsError) {
            guard let listen else { return nil }
            guard let colon = listen.lastIndex(of: ":"), let port = Int(listen[listen.index(after: colon)...]),
                (0...65535).contains(port)
            else {
                throw SettingsError(description: "Api.Listen must be HOST:PORT, not '\(listen)'")
            }
            var host = String(listen[..<colon])
            if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
            guard !host.isEmpty else { throw SettingsError(description: "Api.Listen has no host: '\(listen)'") }
            return (host, port)
        }
    }

    /// Reads `"Api"`; a field of the wrong type is an error rather than a silent default.
    package static func decode(_ value: JSONValue) throws(SettingsError) -> APISettings {
        var settings = APISettings()
        if case .null = value {
            settings.listen = nil
            return settings
        }
        guard case .object(let o) = value else { throw SettingsError(description: "Api must be an object or null") }
        switch o["Listen"] {
        case nil: break
        case .null?: settings.listen = nil
        case .string(let s)?: settings.listen = s
        default: throw SettingsError(description: "Api.Listen must be \"HOST:PORT\" or null")
        }
        _ = try settings.endpoint
        switch o["MetricsToken"] {
        case nil, .null?: break
        case .string(let token)? where token.count >= 16: settings.metricsToken = token
        default: throw SettingsError(description: "Api.MetricsToken must be a string of at least 16 characters")
        }
        if let keys = o["Keys"] {
            guard case .array(let list) = keys else { throw SettingsError(description: "Api.Keys must be an array") }
            for (index, key) in list.enumerated() {
                guard let id = key["AccessKeyId"]?.stringValue, let secret = key["SecretAccessKey"]?.stringValue,
                    !id.isEmpty, !secret.isEmpty
                else {
                    throw SettingsError(
                        description: "Api.Keys[\(index)] needs AccessKeyId and SecretAccessKey (non-empty strings)"
                    )
                }
                settings.keys.append(APIKey(accessKeyId: id, secretAccessKey: secret))
            }
        }
        return settings
    }
}

/// An access key pair that may sign API requests.
package struct APIKey: Sendable, Equatable {
    package var accessKeyId: String
    package var secretAccessKey: String

    package init(accessKeyId: String, secretAccessKey: String) {
        self.accessKeyId = accessKeyId
        self.secretAccessKey = secretAccessKey
    }
}
