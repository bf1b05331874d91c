import SluiceJSON

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One item per line of a JSON Lines file, each line parsed on its own.
///
/// Lines holding only whitespace are skipped, so a trailing newline or a blank separator line adds no item; a line
/// that is not JSON fails the reader with its line number.
final class JSONLinesItemSource: FailOnceItemSource {
    private let window: ByteWindow
    private let location: ObjectLocation
    private var position = 0
    /// Where the search for the current line's end resumes after a refill, so a long line is scanned once.
    private var searched = 0
    private var line = 1
    private var finished = false
    var failure: ItemReaderError?

    init(window: ByteWindow, location: ObjectLocation) {
        self.window = window
        self.location = location
    }

    func produce(_ count: Int) throws(ItemReaderError) -> [JSONValue] {
        var items: [JSONValue] = []
        while items.count < count && !finished {
            let start = position
            let from = max(start, searched)
            let lineEnd: Int
            if from < window.count, let hit = memchr(window.bytes + from, 0x0A, window.count - from) {
                lineEnd = window.bytes.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            } else if !window.isAtEnd {
                if window.count - start > ByteWindow.maximumItemSize {
                    throw location.error("line \(line) is longer than 8 MiB, the most Step Functions reads")
                }
                let scannedUpTo = window.count
                let (shift, _) = try window.refill(keepingFrom: start)
                position = start - shift
                searched = scannedUpTo - shift
                continue
            } else if start < window.count {
                lineEnd = window.count
            } else {
                finished = true
                break
            }
            position = lineEnd + 1
            searched = position
            defer { line += 1 }
            guard !isBlank(start..<lineEnd) else { continue }
            do {
                items.append(try JSONParser.parse(bytes: window.array(start..<lineEnd)))
            } catch {
                throw location.error("line \(line) is not valid JSON: \(error.message) at column \(error.offset + 1)")
            }
        }
        return items
    }

    private func isBlank(_ range: Range<Int>) -> Bool {
        for i in range {
            switch window.bytes[i] {
            case 0x20, 0x09, 0x0D, 0x0A: continue
            default: return false
            }
        }
        return true
    }
}
