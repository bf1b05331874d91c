import SluiceJSON

/// Rows of a delimited text file as objects keyed by the header, every value a string.
///
/// The rules are AWS's ("How Step Functions parses input CSV files"): records end at a newline (LF, CRLF or CR);
/// a field starting with `"` is quoted and may hold delimiters and newlines; `""` is one quote, inside quotes or not; a
/// backslash keeps a following backslash, quote or delimiter literally and is dropped before anything else; a row
/// with fewer fields than the header gets "" for the rest and extra fields are skipped. Empty lines hold no row.
final class CSVItemSource: FailOnceItemSource {
    /// "Currently, Step Functions supports CSV headers of up to 10 KiB."
    static let maximumHeaderSize = 10 * 1024

    private static let quote = UInt8(ascii: "\"")
    private static let backslash = UInt8(ascii: "\\")
    private static let lineFeed = UInt8(ascii: "\n")
    private static let carriageReturn = UInt8(ascii: "\r")

    private enum Outcome {
        /// A record ended at `end`, spanning `newlines` line breaks; `isBlank` for a line with nothing on it.
        case record(end: Int, newlines: Int, isBlank: Bool)
        case needMore
        case endOfContent
    }

    private let window: ByteWindow
    private let location: ObjectLocation
    private let delimiter: UInt8
    private var headers: [String] = []
    // The per-row state below is read and written for every row, only by this reader's methods and never two at
    // once: unchecked, as each checked access was a runtime call (about 1% of sluiced in the 227,000-row run).
    @exclusivity(unchecked) private var needsHeaderRow: Bool
    @exclusivity(unchecked) private var position = 0
    @exclusivity(unchecked) private var line = 1
    @exclusivity(unchecked) private var finished = false
    var failure: ItemReaderError?
    /// The header record's values; a property so its storage is reused.
    @exclusivity(unchecked) private var values: [JSONValue] = []
    /// How many fields of the current record are kept (at most one per header).
    @exclusivity(unchecked) private var keptFields = 0
    /// The compact JSON of this read's rows, one after the other, each written beside `values` as its fields are
    /// scanned: the parser already knows which cells are plain, so a row's JSON costs a few copies here instead of
    /// a walk of its object later (every row goes down a pipe to a worker as JSON). The read's rows are then one
    /// `CompactSlab`, made from this buffer. Unchecked: only this reader's methods touch it, never two at once.
    @exclusivity(unchecked) private var rowJSON = CompactJSONWriter(capacity: 4096)
    /// Where each row of this read ends in `rowJSON`.
    @exclusivity(unchecked) private var rowEnds: [Int] = []
    /// Per column, what its value follows in a row's JSON: `{"key":` for the first, `,"key":` for the others. Kept in
    /// one buffer (column K's prefix from `prefixStarts[K]` to `prefixStarts[K + 1]`), not an array per column:
    /// reaching an inner array cost a retain and a release for every field of every row.
    /// Unchecked, as `rowJSON`: read for every field, and each checked access cost a runtime call.
    @exclusivity(unchecked) private var prefixBytes = UnsafeMutablePointer<UInt8>.allocate(capacity: 16)
    @exclusivity(unchecked) private var prefixStarts: UnsafeMutablePointer<Int> = {
        let starts = UnsafeMutablePointer<Int>.allocate(capacity: 1)
        starts.initialize(to: 0)
        return starts
    }()
    /// Where plain cells end, a 64-byte block of the window at a time; reset whenever the window refills.
    @exclusivity(unchecked) private var scanner: CSVBlockScanner
    private var scratch: [UInt8] = []
    @exclusivity(unchecked) private(set) var lastSizes: [Int] = []

    init(window: ByteWindow, location: ObjectLocation, delimiter: UInt8, headers: ReaderSettings.HeaderLocation)
        throws(ItemReaderError)
    {
        self.window = window
        self.location = location
        self.delimiter = delimiter
        scanner = CSVBlockScanner(delimiter: delimiter)
        switch headers {
        case .firstRow:
            needsHeaderRow = true
        case .given(let names):
            needsHeaderRow = false
            try adopt(names)
        }
    }

    deinit {
        prefixBytes.deallocate()
        prefixStarts.deallocate()
    }

    /// Appends column `column`'s prefix to the row's JSON.
    @inline(__always)
    private func appendPrefix(_ column: Int) {
        let start = prefixStarts[column]
        rowJSON.append(UnsafeBufferPointer(start: prefixBytes + start, count: prefixStarts[column + 1] - start))
    }

    func produce(_ count: Int) throws(ItemReaderError) -> [JSONValue] {
        lastSizes.removeAll(keepingCapacity: true)
        rowEnds.removeAll(keepingCapacity: true)
        rowJSON.removeAll()
        if position == 0 && window.offset == 0 { try skipByteOrderMark() }
        while rowEnds.count < count && !finished {
            let start = position
            switch try parseRecord(from: start, keeping: needsHeaderRow ? Int.max : headers.count) {
            case .needMore:
                let limit = needsHeaderRow ? Self.maximumHeaderSize : ByteWindow.maximumItemSize
                if window.count - start > limit { throw oversized(header: needsHeaderRow) }
                let (shift, _) = try window.refill(keepingFrom: start)
                scanner.reset()
                position = start - shift
            case .endOfContent:
                finished = true
            case .record(let end, let newlines, let isBlank):
                position = end
                line += newlines
                guard !isBlank else { continue }
                if needsHeaderRow {
                    if end - start > Self.maximumHeaderSize { throw oversized(header: true) }
                    try adopt(values.map { $0.stringValue ?? "" })
                    needsHeaderRow = false
                    continue
                }
                finishRow()
                lastSizes.append(rowJSON.byteCount - (rowEnds.last ?? 0))
                rowEnds.append(rowJSON.byteCount)
            }
        }
        guard let written = rowEnds.last else { return [] }
        let slab = CompactSlab(
            adopting: rowJSON.takeWritten(nextCapacity: written + written / 8 + 4096),
            ends: rowEnds
        )
        return (0..<rowEnds.count).map { .object(JSONObject(slab: slab, row: $0)) }
    }

    /// Ends the row's JSON: the header's keys with the row's values in column order (missing fields are "", extra
    /// ones are dropped, as AWS reads them). Its members are built only if something reads them.
    private func finishRow() {
        for column in min(keptFields, headers.count)..<headers.count {
            appendPrefix(column)
            rowJSON.string(utf8: UnsafeBufferPointer(start: nil, count: 0))
        }
        if headers.isEmpty { rowJSON.append(byte: 0x7B) }
        rowJSON.append(byte: 0x7D)
    }

    private func adopt(_ names: [String]) throws(ItemReaderError) {
        var seen = Set<String>()
        for name in names where !seen.insert(name).inserted {
            throw location.error("CSV headers cannot contain duplicates: \(ItemReaderError.quoted(name)) appears twice")
        }
        headers = names
        let prefixes = names.enumerated().map { i, name in
            [i == 0 ? 0x7B : 0x2C] + JSONValue.string(name).serializedBytes() + [0x3A]
        }
        prefixBytes.deallocate()
        prefixStarts.deallocate()
        let joined = prefixes.joined()
        // Sixteen bytes past the last prefix are readable: `plainMember` copies sixteen at a time.
        prefixBytes = .allocate(capacity: joined.count + 16)
        prefixBytes.initialize(repeating: 0, count: joined.count + 16)
        prefixBytes.update(from: Array(joined), count: joined.count)
        prefixStarts = .allocate(capacity: prefixes.count + 1)
        var start = 0
        for (column, prefix) in prefixes.enumerated() {
            prefixStarts[column] = start
            start += prefix.count
        }
        prefixStarts[prefixes.count] = start
    }

    private func oversized(header: Bool) -> ItemReaderError {
        header
            ? location.error("the header row is larger than 10 KiB, the most Step Functions reads")
            : location.error(
                "the row starting on line \(line) is larger than 8 MiB, the most Step Functions reads "
                    + "(a quote left open makes the rest of the file one field)"
            )
    }

    private func skipByteOrderMark() throws(ItemReaderError) {
        while window.count < 3 && !window.isAtEnd {
            _ = try window.refill(keepingFrom: 0)
            scanner.reset()
        }
        let b = window.bytes
        if window.count >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF { position = 3 }
    }

    /// Reads one record starting at `start` into `values` (at most `maxFields` of them are kept).
    ///
    /// Returns `.needMore` when the window ends before the record does; the caller refills and parses the record
    /// again from its start, which costs little as records rarely straddle a chunk boundary.
    private func parseRecord(from start: Int, keeping maxFields: Int) throws(ItemReaderError) -> Outcome {
        let base = window.bytes
        let end = window.count
        let atEnd = window.isAtEnd
        let delimiter = self.delimiter
        // A local array, moved out and back, keeps exclusivity checks and reference counting out of the loop.
        var values = self.values
        self.values = []
        values.removeAll(keepingCapacity: true)
        var scanner = self.scanner
        var fieldCount = 0
        defer {
            self.values = values
            self.scanner = scanner
            keptFields = min(fieldCount, maxFields)
        }
        // What a record parsed before wrote and did not keep (a blank line, or one cut short by the window's end)
        // goes.
        rowJSON.removeLast(after: rowEnds.last ?? 0)
        // A data row is written as JSON only; the header row (no JSON prefixes yet, and not an item) as values.
        let writesJSON = !needsHeaderRow
        if start >= end { return atEnd ? .endOfContent : .needMore }
        var i = start
        var newlines = 0
        while true {
            let fieldStart = i
            let (stop, isPrintable) = scanner.scan(base, from: i, end: end)
            i = stop
            if i == end && !atEnd { return .needMore }
            if i < end && (base[i] == Self.quote || base[i] == Self.backslash) {
                guard let stop = try parseEscapedField(from: fieldStart, at: i, end: end, newlines: &newlines) else {
                    return .needMore
                }
                i = stop
                if fieldCount < maxFields {
                    let text = String(decoding: scratch, as: UTF8.self)
                    if writesJSON {
                        appendPrefix(fieldCount)
                        rowJSON.string(text)
                    } else {
                        values.append(.string(text))
                    }
                }
            } else if fieldCount < maxFields {
                let raw = UnsafeBufferPointer(start: base + fieldStart, count: i - fieldStart)
                if writesJSON && isPrintable {
                    // The common cell: the window and the prefix table both have 16 readable bytes past any run.
                    let prefixStart = prefixStarts[fieldCount]
                    rowJSON.plainMember(
                        prefix: prefixBytes + prefixStart,
                        prefixCount: prefixStarts[fieldCount + 1] - prefixStart,
                        value: base + fieldStart,
                        valueCount: i - fieldStart
                    )
                } else if writesJSON {
                    appendPrefix(fieldCount)
                    // Quotes and backslashes never reach this path; control characters (a tab) are escaped by the
                    // writer. Invalid UTF-8 is read as the repaired text, as a String holds it.
                    if Self.isValidUTF8(raw) {
                        rowJSON.string(utf8: raw)
                    } else {
                        rowJSON.string(String(decoding: raw, as: UTF8.self))
                    }
                } else {
                    values.append(.string(String(decoding: raw, as: UTF8.self)))
                }
            }
            fieldCount += 1
            if i == end { return .record(end: i, newlines: newlines, isBlank: false) }
            let b = base[i]
            if b == delimiter {
                i += 1
                continue
            }
            let isBlank = fieldCount == 1 && i == start
            if b == Self.carriageReturn {
                if i + 1 < end {
                    i += base[i + 1] == Self.lineFeed ? 2 : 1
                } else if !atEnd {
                    return .needMore
                } else {
                    i += 1
                }
            } else {
                i += 1
            }
            return .record(end: i, newlines: newlines + 1, isBlank: isBlank)
        }
    }

    /// The slow path for a field holding quotes or backslashes: unescapes into `scratch` and returns where the field
    /// stops (at a delimiter, a line break or the end), or nil when more bytes are needed.
    private func parseEscapedField(from fieldStart: Int, at first: Int, end: Int, newlines: inout Int)
        throws(ItemReaderError) -> Int?
    {
        let base = window.bytes
        let atEnd = window.isAtEnd
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: UnsafeBufferPointer(start: base + fieldStart, count: first - fieldStart))
        var i = first
        var quoted = false
        var breaks = 0
        while true {
            guard i < end else {
                if !atEnd { return nil }
                if quoted {
                    throw location.error(
                        "the quoted field starting on line \(line + newlines) is not closed before the end of the file"
                    )
                }
                break
            }
            let b = base[i]
            if b == Self.backslash {
                guard let next = unescapeBackslash(base, at: i, end: end, atEnd: atEnd) else { return nil }
                i = next
                continue
            }
            if quoted {
                if b == Self.quote {
                    guard let doubled = Self.isDoubledQuote(base, at: i, end: end, atEnd: atEnd) else { return nil }
                    if doubled {
                        scratch.append(Self.quote)
                        i += 2
                    } else {
                        quoted = false
                        i += 1
                    }
                    continue
                }
                if b == Self.lineFeed { breaks += 1 }
                scratch.append(b)
                i += 1
                continue
            }
            if b == delimiter || b == Self.lineFeed || b == Self.carriageReturn { break }
            if b == Self.quote {
                if i == fieldStart {
                    quoted = true
                    i += 1
                    continue
                }
                // "You can preserve double quotes by repeating them" holds outside quotes too: AWS reads the
                // unquoted field {""MyKey"":""MyValue""} as {"MyKey":"MyValue"}. A lone quote is kept as written.
                guard let doubled = Self.isDoubledQuote(base, at: i, end: end, atEnd: atEnd) else { return nil }
                if doubled {
                    scratch.append(Self.quote)
                    i += 2
                    continue
                }
            }
            // Text after a closing quote is kept as written too.
            scratch.append(b)
            i += 1
        }
        newlines += breaks
        return i
    }

    /// A backslash at `i` in an escaped field: appends what it escapes to `scratch` and returns where the field goes
    /// on, or nil when the byte after it is not read yet.
    ///
    /// "Backslashes only work with other backslashes, double quotation marks, and the configured field separator
    /// ... A backslash followed by any other character is silently removed."
    @inline(__always)
    private func unescapeBackslash(_ base: UnsafePointer<UInt8>, at i: Int, end: Int, atEnd: Bool) -> Int? {
        guard i + 1 < end else { return atEnd ? i + 1 : nil }
        let escaped = base[i + 1]
        guard escaped == Self.backslash || escaped == Self.quote || escaped == delimiter else { return i + 1 }
        scratch.append(escaped)
        return i + 2
    }

    /// Whether the quote at `i` is followed by another (a quote kept as text), or nil when that byte is not read
    /// yet; at the end of the file it is not.
    @inline(__always)
    private static func isDoubledQuote(_ base: UnsafePointer<UInt8>, at i: Int, end: Int, atEnd: Bool) -> Bool? {
        guard i + 1 < end else { return atEnd ? false : nil }
        return base[i + 1] == Self.quote
    }

    /// Whether `bytes` are valid UTF-8 (ASCII checked eight bytes at a time; the rest validated by the standard
    /// library).
    @inline(__always)
    private static func isValidUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        var i = 0
        while i + 8 <= bytes.count {
            if UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 != 0 {
                return String(validating: bytes, as: UTF8.self) != nil
            }
            i += 8
        }
        while i < bytes.count {
            if base[i] >= 0x80 { return String(validating: bytes, as: UTF8.self) != nil }
            i += 1
        }
        return true
    }
}
