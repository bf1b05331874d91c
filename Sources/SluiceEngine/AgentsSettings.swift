import SluiceJSON

/// sluiced.json's `"Agents"`: where sluiced listens for `sluice-agent`s (`Listen`, HOST:PORT; off unless set) and
/// the address agents are told to connect to (`Advertise`, HOST:PORT; the listener's when not set: a cluster's
/// nodes usually reach sluiced by another name than the one it binds).
package struct AgentsSettings: Sendable, Equatable {
    package var listen: String?
    package var advertise: String?
    /// `Program`: the `sluice-agent` executable as the cluster's nodes see it; nil: the one beside sluiced.
    package var program: String?
    /// `IdleSeconds`: agents of a function on Slurm left idle this long are cancelled (down to its provisioned ones).
    package var idleSeconds = 120

    package init() {}

    /// `Listen` as host and port; nil when it is off.
    package var endpoint: (host: String, port: Int)? {
        get throws(SettingsError) {
            guard let listen else { return nil }
            return try Self.split(listen, field: "Agents.Listen")
        }
    }

    /// Reads `"Agents"`; a field of the wrong type is an error rather than a silent default.
    package static func decode(_ value: JSONValue) throws(SettingsError) -> AgentsSettings {
        var settings = AgentsSettings()
        if case .null = value { return settings }
        guard case .object(let o) = value else {
            throw SettingsError(description: "Agents must be an object or null")
        }
        for key in o.keys where !["Listen", "Advertise", "Program", "IdleSeconds"].contains(key) {
            throw SettingsError(description: "Agents has an unknown field '\(key)'")
        }
        switch o["Listen"] {
        case nil, .null?: break
        case .string(let s)?: settings.listen = s
        default: throw SettingsError(description: "Agents.Listen must be \"HOST:PORT\" or null")
        }
        _ = try settings.endpoint
        switch o["Advertise"] {
        case nil, .null?: break
        case .string(let s)?:
            _ = try split(s, field: "Agents.Advertise")
            settings.advertise = s
        default: throw SettingsError(description: "Agents.Advertise must be \"HOST:PORT\"")
        }
        switch o["Program"] {
        case nil, .null?: break
        case .string(let s)? where s.hasPrefix("/"): settings.program = s
        default: throw SettingsError(description: "Agents.Program must be an absolute path to sluice-agent")
        }
        switch o["IdleSeconds"] {
        case nil, .null?: break
        case let value?:
            guard let n = value.intValue, n >= 1 else {
                throw SettingsError(description: "Agents.IdleSeconds must be a whole number of seconds, at least 1")
            }
            settings.idleSeconds = n
        }
        return settings
    }

    static func split(_ text: String, field: String) throws(SettingsError) -> (host: String, port: Int) {
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]),
            (0...65535).contains(port)
        else {
            throw SettingsError(description: "\(field) must be HOST:PORT, not '\(text)'")
        }
        var host = String(text[..<colon])
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard !host.isEmpty else { throw SettingsError(description: "\(field) has no host: '\(text)'") }
        return (host, port)
    }
}
