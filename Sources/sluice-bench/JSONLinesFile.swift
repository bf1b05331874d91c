import Foundation

/// A generated JSONL object for the benchmarks: one line per item, written in 4 MiB chunks so that millions of
/// lines cost seconds, not minutes.
enum JSONLinesFile {
    static func write(_ count: Int, to path: String, line: (Int) -> String) throws {
        _ = FileManager.default.createFile(atPath: path, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        var chunk: [UInt8] = []
        chunk.reserveCapacity(1 << 22)
        for i in 0..<count {
            chunk.append(contentsOf: line(i).utf8)
            chunk.append(0x0A)
            if chunk.count > (1 << 22) - 100 {
                handle.write(Data(chunk))
                chunk.removeAll(keepingCapacity: true)
            }
        }
        handle.write(Data(chunk))
        try handle.close()
    }
}
