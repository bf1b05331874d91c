/// SNS's delivery retry policy (`healthyRetryPolicy`): how often and how fast a failed delivery is tried again.
package struct DeliveryPolicy: Sendable, Hashable {
    package enum BackoffFunction: String, Sendable, Hashable {
        case linear, arithmetic, geometric, exponential
    }

    /// SNS's defaults for HTTP/S endpoints: 3 retries, 20 s apart.
    package var numRetries = 3
    package var numNoDelayRetries = 0
    package var minDelayTarget = 20
    package var maxDelayTarget = 20
    package var numMinDelayRetries = 0
    package var numMaxDelayRetries = 0
    package var backoffFunction = BackoffFunction.linear

    package init() {}

    /// Seconds to wait before retry number `retry` (1-based), following SNS's four phases: immediate retries,
    /// retries at the minimum delay, the back-off phase from minimum to maximum, then retries at the maximum.
    /// nil once the retries are used up.
    package func delay(beforeRetry retry: Int) -> Int? {
        guard retry >= 1, retry <= numRetries else { return nil }
        if retry <= numNoDelayRetries { return 0 }
        if retry <= numNoDelayRetries + numMinDelayRetries { return minDelayTarget }
        let backoffRetries = numRetries - numNoDelayRetries - numMinDelayRetries - numMaxDelayRetries
        let step = retry - numNoDelayRetries - numMinDelayRetries
        guard step <= backoffRetries, backoffRetries > 0 else { return maxDelayTarget }
        // Fraction of the way from the minimum to the maximum delay.
        let t = backoffRetries == 1 ? 1.0 : Double(step - 1) / Double(backoffRetries - 1)
        let shaped: Double
        switch backoffFunction {
        case .linear: shaped = t
        case .arithmetic: shaped = t * t
        case .geometric: shaped = t * t * t
        case .exponential: shaped = t == 0 ? 0 : (pow2(10 * t) - 1) / 1023
        }
        let span = Double(maxDelayTarget - minDelayTarget)
        return minDelayTarget + Int((span * shaped).rounded())
    }

    private func pow2(_ x: Double) -> Double {
        var result = 1.0
        var remaining = x
        while remaining >= 1 {
            result *= 2
            remaining -= 1
        }
        // The fractional part by a short series; precision beyond a second is irrelevant here.
        return result * (1 + remaining * 0.693_147 + remaining * remaining * 0.240_227)
    }
}
