import SluiceVocabulary

/// A connection's challenge: 16 random bytes as 32 lowercase hex digits, fresh for every connection.
package enum AgentChallenge {
    package static func make() -> String {
        var generator = SystemRandomNumberGenerator()
        return make(using: &generator)
    }

    package static func make(using generator: inout some RandomNumberGenerator) -> String {
        Hex.lowercase((0..<16).map { _ in UInt8.random(in: 0...255, using: &generator) })
    }

    /// A secret for a submission: 32 random bytes as hex (what `submit` hands out and the agent reads back).
    package static func secret() -> String {
        var generator = SystemRandomNumberGenerator()
        return Hex.lowercase((0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) })
    }
}
