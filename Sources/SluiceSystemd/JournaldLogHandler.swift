import CSystemd
import Glibc
import Logging

/// A swift-log handler that writes native journal entries (sd_journal_sendv) with SLUICE_* fields.
public struct JournaldLogHandler: LogHandler {
    public var logLevel: Logger.Level = .info
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?
    private let identifier: String

    public init(label: String, identifier: String = "sluiced", metadataProvider: Logger.MetadataProvider? = nil) {
        self.identifier = identifier
        self.metadataProvider = metadataProvider
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        // Handler metadata, then the provider's, then the call's: later ones win, as swift-log specifies.
        var merged = metadata
        if let provided = metadataProvider?.get() { merged.merge(provided) { $1 } }
        if let explicit = event.metadata { merged.merge(explicit) { $1 } }
        let fields = JournalFields.make(
            level: event.level,
            message: "\(event.message)",
            metadata: merged,
            identifier: identifier,
            file: event.file,
            function: event.function,
            line: event.line
        )
        // One buffer holds every "NAME=value"; the iovecs point into it while it is pinned.
        var bytes: [UInt8] = []
        var ranges: [Range<Int>] = []
        for (name, value) in fields {
            let start = bytes.count
            bytes.append(contentsOf: name.utf8)
            bytes.append(UInt8(ascii: "="))
            bytes.append(contentsOf: value.utf8)
            ranges.append(start..<bytes.count)
        }
        bytes.withUnsafeMutableBufferPointer { buffer in
            let vectors = ranges.map { range in
                iovec(iov_base: UnsafeMutableRawPointer(buffer.baseAddress! + range.lowerBound), iov_len: range.count)
            }
            _ = sd_journal_sendv(vectors, Int32(vectors.count))
        }
    }

    /// Whether stderr is connected to the journal (systemd sets JOURNAL_STREAM), i.e. native entries are wanted.
    public static var journalIsConnected: Bool { getenv("JOURNAL_STREAM") != nil }
}
