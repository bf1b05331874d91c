/// S3's `sequencer`: a hex string that orders the events of a key, issued increasing.
///
/// AWS's values are 18 uppercase hex digits whose leading digits follow the clock (`0069B21FFD0745EE4E` was issued
/// at 0x69B21FFD = 2026-03-12T02:07:57Z). sluice issues the same shape: the seconds since the epoch in the high
/// 32 bits, a counter below, and never a value at or below the last one, even when the clock steps back. Seeded
/// with the last value of a previous run, it keeps increasing across restarts.
package struct Sequencer: Sendable {
    /// The last value issued (or the floor given at the start).
    package private(set) var last: UInt64

    /// A sequencer whose values all exceed `floor`.
    package init(floor: UInt64 = 0) {
        last = floor
    }

    /// The next value, for an event at `seconds` since the epoch.
    package mutating func next(seconds: Int64) -> UInt64 {
        let fromClock = UInt64(clamping: max(seconds, 0)) << 32
        last = max(fromClock, last &+ 1)
        return last
    }

    /// A value as it appears in an event: 18 uppercase hex digits.
    package static func format(_ value: UInt64) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 18 - digits.count)) + digits
    }

    /// The value of a sequencer string from an event, to seed the next run; nil when it is not one.
    package static func value(of text: String) -> UInt64? {
        guard !text.isEmpty, text.utf8.count <= 18 else { return nil }
        return UInt64(text, radix: 16)
    }
}
