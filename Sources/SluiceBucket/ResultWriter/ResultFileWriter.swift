import SluiceJSON
import SluiceLinux
import SluiceVocabulary

/// Writes one map run's results into a bucket as AWS Step Functions writes them to S3:
/// `PREFIX/MAP_RUN_UUID/{SUCCEEDED_n, FAILED_n, PENDING_n}.json` (`.jsonl` with OutputType JSONL) and
/// `PREFIX/MAP_RUN_UUID/manifest.json`.
///
/// Records are streamed: each child's entry is encoded and buffered as it arrives, so memory stays flat however
/// many children a map run has. Every file is written under a hidden temporary name and renamed into place only
/// when complete, and manifest.json is renamed last, so a reader never sees part of a file and a manifest always
/// lists files that exist. A result file that would pass `maximumFileSize` is closed and the next number started,
/// as AWS does at 5 GB.
///
/// A writer is not thread-safe and not `Sendable`: one task (the owner of the map run) creates it, appends to it and
/// finishes it. Dropping a writer that was neither finished nor abandoned deletes its temporary files.
package final class ResultFileWriter {
    /// AWS's limit for one result file: "Step Functions supports individual result files of up to 5 GB".
    package static let maximumFileSize = 5 * 1024 * 1024 * 1024

    private enum State {
        case open
        case finished
        case failed(ResultWriterError)
    }

    private let mapRunArn: String
    private let destination: ResultDestination
    /// One series per status, in ResultStatus order.
    private let series: [ResultFileSeries]
    private var state = State.open
    private var encoder: ResultRecordEncoder

    /// Prepares the map run's folder in the bucket.
    ///
    /// - Parameters:
    ///   - bucketsDirectory: ROOT/var/lib/sluice/buckets.
    ///   - request: the map run ARN, the evaluated Parameters (Bucket, Prefix) and WriterConfig.
    ///   - maximumFileSize: bytes after which a result file is closed and the next one started; AWS's 5 GB unless a
    ///     test needs small files.
    /// - Throws: `ResultWriterError` if the bucket folder does not exist, the map run's folder cannot be created, or
    ///   Parameters or WriterConfig cannot be acted on.
    package init(
        bucketsDirectory: String,
        request: ResultWriterRequest,
        maximumFileSize: Int = ResultFileWriter.maximumFileSize
    ) throws(ResultWriterError) {
        guard request.resource.hasSuffix(":s3:putObject") else {
            throw .invalid("Resource must be arn:aws:states:::s3:putObject, not \(request.resource)")
        }
        let config = try ResultWriterConfig(request.writerConfig)
        let destination = try ResultDestination(
            bucketsDirectory: bucketsDirectory,
            parameters: request.parameters,
            mapRunArn: request.mapRunArn
        )
        try destination.prepare(bucketsDirectory: bucketsDirectory)
        mapRunArn = request.mapRunArn
        self.destination = destination
        encoder = ResultRecordEncoder(transformation: config.transformation)
        series = ResultStatus.allCases.map {
            ResultFileSeries(status: $0, destination: destination, config: config, maximumFileSize: maximumFileSize)
        }
        if request.redriveCount > 0 {
            let kept = RedrivenResults.keep(destination, redriveCount: request.redriveCount)
            series.first { $0.status == .succeeded }?.keep(kept)
        }
    }

    /// Adds one ended child execution to its status's file.
    ///
    /// After a failure the writer is unusable: its temporary files are gone, files already moved into place stay
    /// (they are complete), and every later call throws the same error.
    package func append(_ record: ChildExecutionRecord) throws(ResultWriterError) {
        try checkOpen()
        let status = ResultStatus(childStatus: record.status)
        let target = series.first { $0.status == status }!
        do {
            try encoder.forEachEntry(of: record, status: status) { (entry: [UInt8]) throws(ResultWriterError) in
                try target.append(entry)
            }
        } catch {
            fail(error)
            throw error
        }
    }

    /// Completes the result files and writes manifest.json.
    ///
    /// - Returns: `{"Bucket", "Key"}` with Key = PREFIX/MAP_RUN_UUID/manifest.json: the Map state's
    ///   ResultWriterDetails.
    package func finish() throws(ResultWriterError) -> JSONValue {
        try checkOpen()
        do {
            let key = try commit()
            state = .finished
            return ["Bucket": .string(destination.bucket), "Key": .string(key)]
        } catch {
            fail(error)
            throw error
        }
    }

    /// Completes what was written when the map run failed, and still writes manifest.json: AWS keeps the results of
    /// a failed map run (its FAILED_n and PENDING_n files exist for exactly that case) and lists them in the
    /// manifest. Nothing is reported; on an error the temporary files are removed and complete files stay.
    package func abandon() {
        guard case .open = state else { return }
        do {
            _ = try commit()
            state = .finished
        } catch {
            fail(error)
        }
    }

    deinit {
        for s in series { s.discard() }
    }

    /// Moves every result file into place, then the manifest that lists them; answers the manifest's key.
    private func commit() throws(ResultWriterError) -> String {
        for s in series { try s.complete() }
        var files = JSONObject()
        for s in series {
            files[s.status.rawValue] = .array(
                s.completed.map { ["Key": .string($0.key), "Size": .int($0.size)] }
            )
        }
        let manifest: JSONValue = [
            "DestinationBucket": .string(destination.bucket),
            "MapRunArn": .string(mapRunArn),
            "ResultFiles": .object(files),
        ]
        try writeAtomically(manifest.serialized(), name: "manifest.json")
        return destination.key("manifest.json")
    }

    /// Writes a small file whole under a temporary name and renames it into place.
    private func writeAtomically(_ text: String, name: String) throws(ResultWriterError) {
        let path = destination.path(name)
        let temporaryPath = destination.temporaryPath(for: name)
        let fd: Int32
        switch Posix.createExclusive(temporaryPath) {
        case .success(let opened): fd = opened
        case .failure(let failure):
            throw .io(bucket: destination.bucket, key: destination.key(name), path: path, failure)
        }
        var result = Array(text.utf8).withUnsafeBytes { Posix.writeAll(fd, $0) }
        if case .success = result { result = Posix.sync(fd) }
        let closed = Posix.close(fd)
        if case .success = result { result = closed }
        if case .success = result { result = Posix.rename(temporaryPath, to: path) }
        if case .failure(let failure) = result {
            Posix.removeQuietly(temporaryPath)
            throw .io(bucket: destination.bucket, key: destination.key(name), path: path, failure)
        }
    }

    private func checkOpen() throws(ResultWriterError) {
        switch state {
        case .open: return
        case .finished: throw .closed(mapRunArn)
        case .failed(let error): throw error
        }
    }

    private func fail(_ error: ResultWriterError) {
        for s in series { s.discard() }
        state = .failed(error)
    }
}
