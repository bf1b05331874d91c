import SluiceBucket
import SluiceInterpreter
import SluiceJSON
import SluiceVocabulary

/// Distributed Map I/O on local buckets (ROOT/var/lib/sluice/buckets): ItemReaders stream bucket objects,
/// ResultWriters write result files back, as the daemon does.
package actor BucketMapIO: MapIO {
    private let buckets: BucketStore
    private let bucketsDirectory: String
    private var readers: [Int: any ItemSource] = [:]
    private var writers: [Int: ResultFileWriter] = [:]

    package init(bucketsDirectory: String) {
        self.bucketsDirectory = bucketsDirectory
        self.buckets = BucketStore(bucketsDirectory: bucketsDirectory)
    }

    package func read(_ request: ItemReadRequest) async -> ExecutionEvent {
        do {
            let source: any ItemSource
            var version: String?
            if let open = readers[request.token] {
                source = open
            } else {
                source = try ItemReaders.open(
                    ItemReaderRequest(
                        resource: request.resource,
                        parameters: request.parameters,
                        readerConfig: request.readerConfig
                    ),
                    buckets: buckets
                )
                readers[request.token] = source
                version = source.version
            }
            let items = try source.next(request.count)
            // A short read can still be followed by more; only an empty one says the source is done.
            let exhausted = items.isEmpty
            if exhausted { readers[request.token] = nil }
            let sizes = source.lastSizes
            return .itemsRead(
                token: request.token,
                items: items,
                exhausted: exhausted,
                sizes: sizes.count == items.count && !items.isEmpty ? sizes : nil,
                version: version
            )
        } catch {
            readers[request.token] = nil
            return .itemReaderFailed(token: request.token, cause: error.cause)
        }
    }

    package func closeReader(_ token: Int) async {
        readers[token] = nil
    }

    package func openWriter(_ request: ResultWriterRequest) async -> ExecutionEvent? {
        do {
            writers[request.token] = try ResultFileWriter(bucketsDirectory: bucketsDirectory, request: request)
            return nil
        } catch {
            return .resultWriterFailed(token: request.token, cause: error.cause)
        }
    }

    package func write(_ token: Int, _ record: ChildExecutionRecord) async -> ExecutionEvent? {
        guard let writer = writers[token] else { return nil }
        do {
            try writer.append(record)
            return nil
        } catch {
            writers[token] = nil
            writer.abandon()
            return .resultWriterFailed(token: token, cause: error.cause)
        }
    }

    package func closeWriter(_ token: Int, commit: Bool) async -> ExecutionEvent? {
        guard let writer = writers.removeValue(forKey: token) else {
            return commit ? .resultWriterFailed(token: token, cause: "The result writer is gone") : nil
        }
        guard commit else {
            writer.abandon()
            return nil
        }
        do {
            return .resultsWritten(token: token, details: try writer.finish())
        } catch {
            return .resultWriterFailed(token: token, cause: error.cause)
        }
    }
}
