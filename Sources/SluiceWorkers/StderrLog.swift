/// A worker's stderr: each complete line goes to the log (with the function name and request id), and the last
/// lines are kept for the cause of a failed invocation.
struct StderrLog {
    private var pending: [UInt8] = []
    private(set) var tail: [String] = []
    private var overflow = 0
    let sink: @Sendable (String, String?) -> Void
    /// The invocation the lines belong to (a persistent worker serves many).
    var requestId: String?

    init(requestId: String? = nil, sink: @escaping @Sendable (String, String?) -> Void) {
        self.requestId = requestId
        self.sink = sink
    }

    /// Reads what is available; returns false at end of file.
    mutating func drain(_ fd: Int32) -> Bool {
        let result = PipeIO.read(fd, into: &pending, limit: 1 << 20, overflow: &overflow)
        for line in PipeIO.takeLines(&pending) { emit(line) }
        if result == .endOfFile {
            if !pending.isEmpty { emit(String(decoding: pending, as: UTF8.self)) }
            pending = []
            return false
        }
        return true
    }

    private mutating func emit(_ line: String) {
        sink(line, requestId)
        tail.append(line)
        if tail.count > 20 { tail.removeFirst(tail.count - 20) }
    }

    var tailText: String { tail.joined(separator: "\n") }

    /// Forgets the tail between invocations of a persistent worker.
    mutating func reset() { tail = [] }
}
