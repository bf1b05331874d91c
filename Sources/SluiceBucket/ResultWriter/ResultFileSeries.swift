import SluiceLinux

/// One status's numbered result files (SUCCEEDED_0.json, SUCCEEDED_1.json, ...), written one at a time.
///
/// Entries go into a hidden temporary file beside the final one (names starting with "." are never objects, so the
/// bucket watcher and ItemReader ignore it) through a large buffer; a file is fsynced and renamed into place only
/// once complete, so readers see either no file or the whole file. A file is started when its first entry arrives:
/// AWS writes no FAILED_0.json when nothing failed.
final class ResultFileSeries {
    /// One completed file, as manifest.json lists it.
    struct Completed: Sendable, Hashable {
        var key: String
        var size: Int
    }

    /// The file being written.
    private struct OpenFile {
        var fd: Int32
        var temporaryPath: String
        var name: String
        /// Bytes the file holds once the buffer is written, without the closing "]" of a JSON array.
        var size: Int
        var entries: Int
    }

    let status: ResultStatus
    private let destination: ResultDestination
    private let config: ResultWriterConfig
    private let maximumFileSize: Int
    private(set) var completed: [Completed] = []
    /// Unchecked: touched for every entry (hundreds of thousands a run), and each checked access cost a runtime
    /// call; only this class's own methods reach them, never two at once.
    @exclusivity(unchecked) private var current: OpenFile?
    @exclusivity(unchecked) private var buffer: [UInt8] = []

    /// Bytes gathered before each write(2): large enough that the system call cost disappears next to encoding.
    static let bufferSize = 1 << 20

    init(status: ResultStatus, destination: ResultDestination, config: ResultWriterConfig, maximumFileSize: Int) {
        self.status = status
        self.destination = destination
        self.config = config
        self.maximumFileSize = maximumFileSize
    }

    /// Files an earlier attempt of the map run completed (a redrive keeps its SUCCEEDED files): listed in the
    /// manifest, and numbering carries on after them.
    func keep(_ files: [Completed]) {
        completed = files
    }

    /// Adds one JSON text, starting the next numbered file first when this one would pass the size limit.
    func append(_ entry: [UInt8]) throws(ResultWriterError) {
        let length = entry.count
        // Each entry costs one byte besides itself ("[" or "," before it, or "\n" after it).
        if let file = current, file.entries > 0, file.size + 1 + length + closingLength > maximumFileSize {
            try complete()
        }
        if current == nil { try open() }
        switch config.outputType {
        case .json:
            buffer.append(current!.entries == 0 ? UInt8(ascii: "[") : UInt8(ascii: ","))
            buffer.append(contentsOf: entry)
        case .jsonl:
            buffer.append(contentsOf: entry)
            buffer.append(UInt8(ascii: "\n"))
        }
        current!.size += 1 + length
        current!.entries += 1
        if buffer.count >= Self.bufferSize { try flush() }
    }

    /// Finishes the open file, if any, and moves it into place. Afterwards the series can take more entries.
    func complete() throws(ResultWriterError) {
        guard let file = current else { return }
        if config.outputType == .json { buffer.append(UInt8(ascii: "]")) }
        try flush()
        let finalPath = destination.path(file.name)
        current = nil
        var result = Posix.sync(file.fd)
        let closed = Posix.close(file.fd)
        if case .success = result { result = closed }
        if case .success = result { result = Posix.rename(file.temporaryPath, to: finalPath) }
        if case .failure(let failure) = result {
            Posix.removeQuietly(file.temporaryPath)
            throw .io(bucket: destination.bucket, key: destination.key(file.name), path: finalPath, failure)
        }
        completed.append(Completed(key: destination.key(file.name), size: file.size + closingLength))
    }

    /// Drops the open file without moving it into place (the map run's results are being given up).
    func discard() {
        guard let file = current else { return }
        current = nil
        buffer.removeAll(keepingCapacity: false)
        _ = Posix.close(file.fd)
        Posix.removeQuietly(file.temporaryPath)
    }

    deinit {
        discard()
    }

    /// The "]" that ends a JSON array file.
    private var closingLength: Int { config.outputType == .json ? 1 : 0 }

    private func open() throws(ResultWriterError) {
        let name = "\(status.rawValue)_\(completed.count).\(config.fileExtension)"
        let temporaryPath = destination.temporaryPath(for: name)
        switch Posix.createExclusive(temporaryPath) {
        case .success(let fd):
            current = OpenFile(fd: fd, temporaryPath: temporaryPath, name: name, size: 0, entries: 0)
            if buffer.capacity < Self.bufferSize { buffer.reserveCapacity(Self.bufferSize + 4096) }
        case .failure(let failure):
            throw .io(bucket: destination.bucket, key: destination.key(name), path: destination.path(name), failure)
        }
    }

    private func flush() throws(ResultWriterError) {
        guard let file = current, !buffer.isEmpty else { return }
        let result = buffer.withUnsafeBytes { Posix.writeAll(file.fd, $0) }
        buffer.removeAll(keepingCapacity: true)
        if case .failure(let failure) = result {
            discard()
            let finalPath = destination.path(file.name)
            throw .io(bucket: destination.bucket, key: destination.key(file.name), path: finalPath, failure)
        }
    }
}
