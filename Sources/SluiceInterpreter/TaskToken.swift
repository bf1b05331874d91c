/// A callback task's token (`$$.Task.Token`): what SendTaskSuccess, SendTaskFailure and SendTaskHeartbeat name.
///
/// AWS's tokens are opaque; sluice's carry the ARN of the execution waiting on them, so whoever receives one can
/// find that execution (running, ended or unknown) without a table that would have to survive a restart. The
/// nonce is drawn from the execution's seeded generator, so a replay after a crash mints the same token again.
package struct TaskToken: Sendable, Hashable {
    /// The top-level execution that waits (a Distributed Map child's token names the execution running the map).
    package var executionArn: String
    /// 32 lowercase hex digits.
    package var nonce: String

    package init(executionArn: String, nonce: String) {
        self.executionArn = executionArn
        self.nonce = nonce
    }

    /// A token from 128 bits of the execution's generator.
    package init(executionArn: String, drawingFrom generator: inout SplitMix64) {
        let high = generator.next()
        let low = generator.next()
        self.init(executionArn: executionArn, nonce: Self.hex(high) + Self.hex(low))
    }

    /// Reads a token's text back; nil when it is not one sluice minted.
    package init?(text: String) {
        // Execution names cannot contain '#', so the last one separates the ARN from the nonce.
        guard let separator = text.lastIndex(of: "#") else { return nil }
        let arn = String(text[..<separator])
        let nonce = String(text[text.index(after: separator)...])
        guard arn.hasPrefix("arn:aws:states:"), arn.contains(":execution:"), nonce.utf8.count == 32,
            nonce.utf8.allSatisfy({ (48...57).contains($0) || (97...102).contains($0) })
        else { return nil }
        self.init(executionArn: arn, nonce: nonce)
    }

    /// The token as the context object and the API show it.
    package var text: String { executionArn + "#" + nonce }

    private static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
