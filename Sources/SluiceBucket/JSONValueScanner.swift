/// Finds where one JSON value ends without building it, across as many chunks as the value spans.
///
/// It tracks only nesting depth and string state: the bytes it delimits are handed to `JSONParser` afterwards, which
/// checks them fully, so the scanner's job is to be fast and never to cut a value short.
struct JSONValueScanner {
    private enum Mode {
        case start
        case container
        case string
        case scalar
    }

    private var mode = Mode.start
    private var depth = 0
    private var inString = false
    private var escaped = false

    /// True once a number or literal has begun: it ends at the end of the content too.
    var endsAtEndOfContent: Bool { mode == .scalar }

    /// Scans `bytes[from..<end]`; returns the index just past the value, or nil when the value goes on past `end`.
    mutating func scan(_ bytes: UnsafePointer<UInt8>, from: Int, to end: Int) throws(ScanError) -> Int? {
        var i = from
        if mode == .start {
            guard i < end else { return nil }
            switch bytes[i] {
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                mode = .container
                depth = 1
            case UInt8(ascii: "\""):
                mode = .string
                inString = true
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "t"), UInt8(ascii: "f"),
                UInt8(ascii: "n"):
                mode = .scalar
            default:
                throw ScanError(offset: i)
            }
            i += 1
        }
        switch mode {
        case .scalar:
            while i < end {
                switch bytes[i] {
                case UInt8(ascii: ","), UInt8(ascii: "]"), UInt8(ascii: "}"), 0x20, 0x09, 0x0A, 0x0D: return i
                default: i += 1
                }
            }
            return nil
        case .string, .container, .start:
            while i < end {
                let b = bytes[i]
                i += 1
                if inString {
                    if escaped {
                        escaped = false
                    } else if b == UInt8(ascii: "\\") {
                        escaped = true
                    } else if b == UInt8(ascii: "\"") {
                        inString = false
                        if depth == 0 { return i }
                    }
                    continue
                }
                switch b {
                case UInt8(ascii: "\""):
                    inString = true
                case UInt8(ascii: "{"), UInt8(ascii: "["):
                    depth += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    depth -= 1
                    if depth == 0 { return i }
                default:
                    break
                }
            }
            return nil
        }
    }

    /// A byte that cannot start a JSON value.
    struct ScanError: Error {
        var offset: Int
    }
}
