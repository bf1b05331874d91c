import CSluiceScan

/// Finds where plain CSV cells end, 64 bytes at a time: each block of the window is classified once
/// (`sluice_csv_classify`: a bit per byte for the bytes that end a cell, and for those that are not printable ASCII),
/// and every cell in it is then found with a shift and a trailing-zero count.
///
/// A row's cells are a few bytes each. Scanning from each cell's start, even eight bytes at a time, compared every
/// byte of the row against five values once per cell it was near; classifying a block costs about what scanning two
/// cells did, and a block holds a dozen.
///
/// The classification describes the window's bytes in place, so it is valid only until the window moves them:
/// `reset` after every refill.
struct CSVBlockScanner {
    /// The window's bytes and how many of them are content. 64 bytes past any position before `end` must be
    /// readable (`ByteWindow.slop`); what lies past `end` is masked off.
    private var base: UnsafePointer<UInt8>?
    private var end = 0
    private let delimiter: UInt8
    /// The classified block: bit k of `stops` and `unprintable` describes byte `blockStart + k`.
    private var blockStart = 0
    private var stops: UInt64 = 0
    private var unprintable: UInt64 = 0

    init(delimiter: UInt8) {
        self.delimiter = delimiter
    }

    /// Forgets the classification (the window's bytes moved).
    mutating func reset() {
        base = nil
    }

    /// Where the plain run of bytes starting at `start` stops (the first delimiter, quote, backslash, LF or CR, or
    /// `end`), and whether every byte before it is printable ASCII (a run written into JSON as it is).
    @inline(__always)
    mutating func scan(_ bytes: UnsafePointer<UInt8>, from start: Int, end: Int) -> (stop: Int, isPrintable: Bool) {
        if bytes != base || end != self.end {
            base = bytes
            self.end = end
            blockStart = Int.min
        }
        var i = start
        var odd: UInt64 = 0
        while i < end {
            let shift = i &- blockStart
            if shift < 0 || shift >= 64 {
                classify(bytes, at: i)
                continue
            }
            let found = stops &>> UInt64(shift)
            let flagged = unprintable &>> UInt64(shift)
            if found != 0 {
                let length = found.trailingZeroBitCount
                odd |= flagged & ((1 &<< UInt64(length)) &- 1)
                return (i &+ length, odd == 0)
            }
            odd |= flagged
            i = blockStart &+ 64
        }
        return (end, odd == 0)
    }

    /// Classifies the 64 bytes from `position` (before `end`); the bits of bytes past `end` are cleared, and a stop
    /// is set at `end` itself, so a run reaching it stops there.
    @inline(__always)
    private mutating func classify(_ bytes: UnsafePointer<UInt8>, at position: Int) {
        let block = sluice_csv_classify(bytes + position, delimiter)
        blockStart = position
        let valid = end &- position
        if valid < 64 {
            let content: UInt64 = (1 &<< UInt64(valid)) &- 1
            stops = (block.stops & content) | (1 &<< UInt64(valid))
            unprintable = block.unprintable & content
        } else {
            stops = block.stops
            unprintable = block.unprintable
        }
    }
}
