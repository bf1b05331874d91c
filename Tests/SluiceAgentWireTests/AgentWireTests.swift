import SluiceAgentWire
import SluiceJSON
import Testing

struct AgentWireTests {
    let challenge = "00112233445566778899aabbccddeeff"

    func hello(proof: String, submission: String = "s1", agent: String = "a1") -> AgentHello {
        AgentHello(submission: submission, agent: agent, function: "score", node: "n1", pid: 42, proof: proof)
    }

    @Test func rightProofVerifies() {
        let proof = AgentProof.compute(secret: "k", submission: "s1", agent: "a1", challenge: challenge)
        #expect(proof.utf8.count == 64)
        #expect(AgentProof.verify(hello(proof: proof), secret: "k", challenge: challenge))
    }

    @Test func wrongSecretOrNamesAreRefused() {
        let proof = AgentProof.compute(secret: "wrong", submission: "s1", agent: "a1", challenge: challenge)
        #expect(!AgentProof.verify(hello(proof: proof), secret: "k", challenge: challenge))
        // A proof made for another agent of the same submission does not pass for this one.
        let other = AgentProof.compute(secret: "k", submission: "s1", agent: "a2", challenge: challenge)
        #expect(!AgentProof.verify(hello(proof: other), secret: "k", challenge: challenge))
        #expect(!AgentProof.verify(hello(proof: ""), secret: "k", challenge: challenge))
    }

    @Test func replayedHelloFailsOnAFreshChallenge() {
        let recorded = AgentProof.compute(secret: "k", submission: "s1", agent: "a1", challenge: challenge)
        let fresh = AgentChallenge.make()
        #expect(fresh != challenge)
        #expect(fresh.utf8.count == 32)
        #expect(!AgentProof.verify(hello(proof: recorded), secret: "k", challenge: fresh))
    }

    @Test func proofMatchesTheContractsFormula() {
        // HMAC-SHA256("key", "sluice-agent\ns\na\nc"), computed independently with Python's hmac module.
        #expect(
            AgentProof.compute(secret: "key", submission: "s", agent: "a", challenge: "c")
                == "1e046a6459f90a1e6474236a1fa6a8431ac65f22409be88d5977809b6b927bc9"
        )
    }

    @Test func messagesRoundTrip() throws {
        let messages: [AgentMessage] = [
            .challenge(challenge),
            .hello(hello(proof: "ab")),
            .welcome(agent: "a1"),
            .heartbeat(3),
            .workerExited(137),
            .work(["requestId": "r1", "result": 1]),
        ]
        for message in messages {
            let line = message.line
            #expect(line.last == 0x0A)
            #expect(try AgentMessage.decode(line.dropLast()) == message)
        }
    }

    @Test func malformedLinesAreErrors() {
        for text in [
            "nope", "[1]", #"{"challenge":"short"}"#, #"{"hello":{"submission":"s"}}"#, #"{"heartbeat":"x"}"#,
            #"{"other":1}"#,
        ] {
            #expect(throws: AgentWireError.self) { try AgentMessage.decode(Array(text.utf8)) }
        }
    }
}

@Test("isWork: control messages are not work; request and answer lines are, without parsing them")
func isWorkWithoutParsing() {
    for message in [
        AgentMessage.challenge(String(repeating: "a", count: 32)), .welcome(agent: "1"), .heartbeat(3),
        .workerExited(1),
    ] {
        #expect(!AgentMessage.isWork(message.line.dropLast()), "\(message)")
    }
    #expect(AgentMessage.isWork(Array(#"{"requestId":"r-1","payload":{"Items":[]}}"#.utf8)))
    #expect(AgentMessage.isWork(Array(#"{"payload":{"heartbeat":1},"requestId":"r-2"}"#.utf8)))
}
