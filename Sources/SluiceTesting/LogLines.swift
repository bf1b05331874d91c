import Logging
import Synchronization

/// What an in-process sluiced logged, one line per entry ("LEVEL message"), kept for the test to read and wait
/// on: the real daemon's journal in memory. Reading looks at what the journal shows at sluiced's default level
/// (info and above) unless asked for debug lines too.
package final class LogLines: Sendable {
    private let lines = Mutex<[(level: Logger.Level, text: String)]>([])

    package init() {}

    /// Every line at info and above, in order.
    package var text: String {
        lines.withLock { $0.filter { $0.level >= .info }.map(\.text).joined(separator: "\n") }
    }

    /// Whether any line says `text`.
    package func contains(_ text: String, includingDebug: Bool = false) -> Bool {
        count(text, includingDebug: includingDebug) > 0
    }

    /// How many lines say `text`.
    package func count(_ text: String, includingDebug: Bool = false) -> Int {
        lines.withLock { lines in
            lines.filter { (includingDebug || $0.level >= .info) && $0.text.contains(text) }.count
        }
    }

    func append(_ level: Logger.Level, _ line: String) { lines.withLock { $0.append((level, line)) } }

    /// A logger whose entries (at `level` and above) land here.
    package func logger(level: Logger.Level = .debug) -> Logger {
        Logger(label: "sluice.daemon") { label in
            var handler = LogLinesHandler(sink: self)
            handler.logLevel = level
            return handler
        }
    }
}

/// swift-log's handler for LogLines: a struct (level and metadata are values), the sink shared.
struct LogLinesHandler: LogHandler {
    let sink: LogLines
    var logLevel: Logger.Level = .info
    var metadata: Logger.Metadata = [:]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        sink.append(event.level, "\(event.level) \(event.message)")
    }
}
