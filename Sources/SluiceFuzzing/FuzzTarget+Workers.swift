import SluiceJSON
import SluiceWorkers

extension FuzzTarget {
    /// A persistent worker's answer lines, each read as the answer to the request in flight.
    static func workerAnswer(_ input: [UInt8]) {
        for line in input.split(separator: 0x0A) {
            // The bytes as the worker's thread reads them, and the same text through a String: the same outcome.
            let bytes = Array(line)
            let direct = WorkerAnswer.parse(bytes: bytes, for: "fuzz-request")
            let viaText = WorkerAnswer.parse(String(decoding: bytes, as: UTF8.self), for: "fuzz-request")
            switch (direct, viaText) {
            case (nil, nil): break
            case (.success(let a)?, .success(let b)?):
                precondition(a == b && a.serializedBytes() == b.serializedBytes(), "answers differ: \(bytes)")
            case (.failure(let a)?, .failure(let b)?):
                precondition(a == b, "errors differ: \(bytes)")
            default: preconditionFailure("one read is an answer, the other not: \(bytes)")
            }
        }
    }
}
