import SluiceJSON

/// One line of the agent protocol. Control messages are recognised by their single key; every other object is
/// work: a request line sluiced sends or an answer line the worker wrote, relayed unchanged.
package enum AgentMessage: Hashable, Sendable {
    case challenge(String)
    case hello(AgentHello)
    case welcome(agent: String)
    case heartbeat(Int)
    case workerExited(Int)
    /// A request or an answer line (an object with "requestId").
    case work(JSONObject)

    /// The line, newline included.
    package var line: [UInt8] {
        var o = JSONObject()
        switch self {
        case .challenge(let challenge): o["challenge"] = .string(challenge)
        case .hello(let h):
            var hello = JSONObject()
            hello["submission"] = .string(h.submission)
            hello["agent"] = .string(h.agent)
            hello["function"] = .string(h.function)
            hello["node"] = .string(h.node)
            hello["pid"] = .int(h.pid)
            hello["proof"] = .string(h.proof)
            o["hello"] = .object(hello)
        case .welcome(let agent):
            var welcome = JSONObject()
            welcome["agent"] = .string(agent)
            o["welcome"] = .object(welcome)
        case .heartbeat(let n): o["heartbeat"] = .int(n)
        case .workerExited(let code): o["workerExited"] = .int(code)
        case .work(let work): o = work
        }
        return JSONValue.object(o).serializedBytes() + [0x0A]
    }

    /// Whether a line is work to relay as it is, without parsing it: every control message is written as an object
    /// whose first key is its kind (`{"heartbeat":...`), and a request or answer line never starts so. The agent
    /// relays a batch of a quarter megabyte per request; parsing it only to learn it is not a heartbeat would cost
    /// more than the relay.
    package static func isWork(_ line: some Collection<UInt8>) -> Bool {
        let head = line.prefix(16)
        return !controlPrefixes.contains { head.starts(with: $0) }
    }

    private static let controlPrefixes: [[UInt8]] = ["challenge", "hello", "welcome", "heartbeat", "workerExited"].map {
        Array("{\"\($0)\"".utf8)
    }

    /// Decodes one line (without its newline); throws on anything that is not a message of the protocol.
    package static func decode(_ line: some Collection<UInt8>) throws(AgentWireError) -> AgentMessage {
        let value: JSONValue
        do {
            // A worker's answer relayed whole: its results kept as their compact JSON (WorkerAnswer's reason).
            value = try JSONParser.parse(keepingNestedObjectsCompact: Array(line))
        } catch {
            throw AgentWireError(reason: "not JSON: \(error)")
        }
        guard case .object(let o) = value else { throw AgentWireError(reason: "not an object") }
        if let challenge = o["challenge"] {
            guard let text = challenge.stringValue, isHex32(text) else {
                throw AgentWireError(reason: "challenge is not 32 hex digits")
            }
            return .challenge(text)
        }
        if let hello = o["hello"] { return .hello(try decodeHello(hello)) }
        if let welcome = o["welcome"] {
            guard let agent = welcome["agent"]?.stringValue else {
                throw AgentWireError(reason: "welcome without agent")
            }
            return .welcome(agent: agent)
        }
        if let beat = o["heartbeat"] {
            guard let n = beat.intValue else { throw AgentWireError(reason: "heartbeat is not an integer") }
            return .heartbeat(n)
        }
        if let exited = o["workerExited"] {
            guard let code = exited.intValue else { throw AgentWireError(reason: "workerExited is not an integer") }
            return .workerExited(code)
        }
        guard o["requestId"]?.stringValue != nil else { throw AgentWireError(reason: "unknown message") }
        return .work(o)
    }

    private static func decodeHello(_ value: JSONValue) throws(AgentWireError) -> AgentHello {
        func text(_ key: String) throws(AgentWireError) -> String {
            guard let s = value[key]?.stringValue, !s.isEmpty else {
                throw AgentWireError(reason: "hello without \(key)")
            }
            return s
        }
        guard let pid = value["pid"]?.intValue else { throw AgentWireError(reason: "hello without pid") }
        return AgentHello(
            submission: try text("submission"),
            agent: try text("agent"),
            function: try text("function"),
            node: try text("node"),
            pid: pid,
            proof: try text("proof")
        )
    }

    static func isHex32(_ text: String) -> Bool {
        text.utf8.count == 32 && text.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }
}
