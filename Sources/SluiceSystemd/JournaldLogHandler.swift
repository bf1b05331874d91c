import CSystemd
import Glibc
import Logging

/// A swift-log handler that writes native journal entries (sd_journal_sendv) with SLUICE_* fields.
package struct JournaldLogHandler: LogHandler {
    package var logLevel: Logger.Level = .info
    package var metadata: Logger.Metadata = [:]
    package var metadataProvider: Logger.MetadataProvider?
    private let identifier: String

    package init(label: String, identifier: String = "sluiced", metadataProvider: Logger.MetadataProvider? = nil) {
        self.identifier = identifier
        self.metadataProvider = metadataProvider
    }

    package subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    package func log(event: LogEvent) {
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
    package static var journalIsConnected: Bool { getenv("JOURNAL_STREAM") != nil }
}
