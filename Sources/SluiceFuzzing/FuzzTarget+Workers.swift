import SluiceWorkers

extension FuzzTarget {
    /// A persistent worker's answer lines, each read as the answer to the request in flight.
    static func workerAnswer(_ input: [UInt8]) {
        for line in input.split(separator: 0x0A) {
            _ = WorkerAnswer.parse(String(decoding: line, as: UTF8.self), for: "fuzz-request")
        }
    }
}
