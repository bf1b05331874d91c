import SluiceVocabulary

/// The hello's proof: the submission's secret never crosses the wire, only an HMAC of the challenge sluiced chose
/// for this connection, so a recorded hello is worth nothing on another connection.
package enum AgentProof {
    /// hex HMAC-SHA256(key: secret, message: "sluice-agent\n" + submission + "\n" + agent + "\n" + challenge).
    package static func compute(secret: String, submission: String, agent: String, challenge: String) -> String {
        Hex.lowercase(
            HMAC.sha256(key: Array(secret.utf8), message: "sluice-agent\n\(submission)\n\(agent)\n\(challenge)")
        )
    }

    /// Whether `hello` proves the secret for `challenge` (compared in constant time).
    package static func verify(_ hello: AgentHello, secret: String, challenge: String) -> Bool {
        let expected = compute(secret: secret, submission: hello.submission, agent: hello.agent, challenge: challenge)
        return ConstantTime.equal(expected, hello.proof)
    }
}
