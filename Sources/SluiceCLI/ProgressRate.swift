import Foundation

/// Items per second over the last few seconds of samples, so the rate and ETA follow changes without jitter.
struct ProgressRate {
    private var samples: [(done: Int, at: Date)] = []
    private let window: TimeInterval = 5

    mutating func add(done: Int, at date: Date) {
        samples.append((done, date))
        while let first = samples.first, date.timeIntervalSince(first.at) > window, samples.count > 2 {
            samples.removeFirst()
        }
    }

    var itemsPerSecond: Double? {
        guard let first = samples.first, let last = samples.last else { return nil }
        let seconds = last.at.timeIntervalSince(first.at)
        guard seconds > 0.2 else { return nil }
        return Double(last.done - first.done) / seconds
    }
}
