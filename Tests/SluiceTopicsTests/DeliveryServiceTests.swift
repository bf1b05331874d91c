import Foundation
import SluiceCore
import SluiceJSON
import SluiceTesting
import SluiceTopics
import SluiceVocabulary
import Synchronization
import Testing

struct DeliveryServiceTests {
    /// A retry policy with short, distinct delays (SNS's four phases): 1 immediate retry, then 2 s, then 4 s.
    private let fastPolicy: JSONValue = [
        "healthyRetryPolicy": [
            "numRetries": 3, "numNoDelayRetries": 1, "minDelayTarget": 2, "maxDelayTarget": 4,
            "numMinDelayRetries": 1, "numMaxDelayRetries": 0, "backoffFunction": "linear",
        ]
    ]

    @Test("The script gets the notification document on stdin and only the SLUICE_ variables, PATH and LANG")
    func envelopeAndEnvironment() async throws {
        let f = try TopicFixture()
        defer { f.remove() }
        let script = try f.script("sub.sh", "cat > \(f.file("stdin"))\nenv > \(f.file("env"))\npwd > \(f.file("pwd"))")
        let subscription = try f.subscription("printer", topic: "scores", endpoint: script)
        let message = try f.store.publish(topic: "scores", message: "done", subject: "s")
        let service = DeliveryService(subscriptions: [subscription], store: f.store, clock: InstantClock())
        let outcomes = await service.deliver(message)
        #expect(outcomes.map(\.status) == [.delivered])
        #expect(outcomes.first?.attempts == 1)
        #expect(f.read(f.file("stdin")) == message.envelope.serialized() + "\n")
        let env = try #require(f.read(f.file("env")))
        var variables: [String: String] = [:]
        for line in env.split(separator: "\n") {
            let parts = line.split(separator: "=", maxSplits: 1).map(String.init)
            if parts.count == 2 { variables[parts[0]] = parts[1] }
        }
        // The shell itself adds PWD, SHLVL and _; everything else comes from sluice.
        for shellOwn in ["PWD", "SHLVL", "_", "OLDPWD"] { variables[shellOwn] = nil }
        #expect(
            variables == [
                "PATH": "/usr/local/bin:/usr/bin:/bin", "LANG": "C.UTF-8", "SLUICE_TOPIC": "scores",
                "SLUICE_MESSAGE_ID": message.messageId, "SLUICE_SUBSCRIPTION": "printer",
            ]
        )
        // Scripts run in their own folder.
        #expect(f.read(f.file("pwd"))?.hasSuffix(f.root.split(separator: "/").last.map { $0 + "\n" } ?? "") == true)
    }

    @Test("RawMessageDelivery gives the script the bare message, byte for byte")
    func rawDelivery() async throws {
        let f = try TopicFixture()
        defer { f.remove() }
        let script = try f.script("raw.sh", "cat > \(f.file("stdin"))")
        let subscription = try f.subscription("raw", topic: "t", endpoint: script, ["RawMessageDelivery": true])
        let message = try f.store.publish(topic: "t", message: "{\"total\": 3}\nsecond line")
        let outcomes = await DeliveryService(subscriptions: [subscription], store: f.store, clock: InstantClock())
            .deliver(message)
        #expect(outcomes.map(\.status) == [.delivered])
        #expect(f.read(f.file("stdin")) == "{\"total\": 3}\nsecond line")
    }

    @Test("Filter policies pick the subscriptions, on attributes or on the body; other topics are not touched")
    func filterPolicies() async throws {
        let f = try TopicFixture()
        defer { f.remove() }
        let script = try f.script("log.sh", "echo \"$SLUICE_SUBSCRIPTION\" >> \(f.file("log"))")
        let subscriptions = [
            try f.subscription("all", topic: "t", endpoint: script),
            try f.subscription(
                "big",
                topic: "t",
                endpoint: script,
                ["FilterPolicy": ["size": [["numeric": [">", 100]]]]]
            ),
            try f.subscription(
                "small",
                topic: "t",
                endpoint: script,
                ["FilterPolicy": ["size": [["numeric": ["<=", 100]]]]]
            ),
            try f.subscription(
                "failed-body",
                topic: "t",
                endpoint: script,
                ["FilterPolicy": ["status": ["FAILED"]], "FilterPolicyScope": "MessageBody"]
            ),
            try f.subscription("elsewhere", topic: "other", endpoint: script),
        ]
        let message = try f.store.publish(
            topic: "t",
            message: "{\"status\": \"FAILED\"}",
            attributes: ["size": ["DataType": "Number", "StringValue": "250"]]
        )
        let outcomes = await DeliveryService(subscriptions: subscriptions, store: f.store, clock: InstantClock())
            .deliver(message)
        #expect(outcomes.map(\.subscription) == ["all", "big", "failed-body", "small"])
        #expect(outcomes.map(\.status) == [.delivered, .delivered, .delivered, .filteredOut])
        let log = f.read(f.file("log"))?.split(separator: "\n").map(String.init).sorted()
        #expect(log == ["all", "big", "failed-body"])
    }

    @Test("A failing script is retried after the policy's delays, on the injected clock, until it succeeds")
    func retries() async throws {
        let f = try TopicFixture()
        defer { f.remove() }
        let counter = f.file("count")
        let script = try f.script(
            "flaky.sh",
            "n=$(cat \(counter) 2>/dev/null || echo 0); n=$((n+1)); echo $n > \(counter)\n"
                + "echo \"$SLUICE_MESSAGE_ID\" >> \(f.file("ids"))\n[ $n -ge 3 ]"
        )
        // Delays long enough that waiting one for real would show, whatever the load on the machine.
        let slowPolicy: JSONValue = [
            "healthyRetryPolicy": [
                "numRetries": 3, "numNoDelayRetries": 1, "minDelayTarget": 20, "maxDelayTarget": 40,
                "numMinDelayRetries": 1, "numMaxDelayRetries": 0, "backoffFunction": "linear",
            ]
        ]
        let subscription = try f.subscription("flaky", topic: "t", endpoint: script, ["DeliveryPolicy": slowPolicy])
        let message = try f.store.publish(topic: "t", message: "m")
        let clock = InstantClock()
        let changes = Mutex<[DeliveryState.Status]>([])
        let service = DeliveryService(
            subscriptions: [subscription],
            store: f.store,
            clock: clock,
            onChange: { _, record in changes.withLock { $0.append(record?.status ?? .pending) } }
        )
        let outcomes = await service.deliver(message)
        #expect(outcomes.map(\.status) == [.delivered])
        #expect(outcomes.first?.attempts == 3)
        // Retry 1 is immediate, retry 2 waits the minimum delay, asked of the injected clock (which returns at
        // once). The wall clock is not a measure here: the whole suite on two cores can make three script runs
        // take as long as the delay.
        #expect(clock.sleptSeconds == [0, 20])
        // Every attempt carried the same MessageId.
        #expect(f.read(f.file("ids")) == String(repeating: message.messageId + "\n", count: 3))
        let record = try #require(
            await service.state[DeliveryState.Key(messageId: message.messageId, subscription: "flaky")]
        )
        #expect(record.status == .delivered)
        #expect(record.attempts == 3)
        #expect(changes.withLock { $0 } == [.pending, .pending, .pending, .delivered])
    }

    @Test("Out of retries, the message and the reason go to the dead-letter folder, once")
    func deadLetter() async throws {
        let f = try TopicFixture()
        defer { f.remove() }
        let script = try f.script("broken.sh", "echo 'cannot reach printer' >&2\nexit 3")
        let subscription = try f.subscription("broken", topic: "t", endpoint: script, ["DeliveryPolicy": fastPolicy])
        let message = try f.store.publish(topic: "t", message: "m", subject: "s")
        let clock = InstantClock()
        let service = DeliveryService(subscriptions: [subscription], store: f.store, clock: clock)
        let outcome = try #require(await service.deliver(message).first)
        #expect(outcome.status == .deadLettered)
        #expect(outcome.attempts == 4)
        #expect(outcome.lastFailure == "exit status 3")
        #expect(clock.sleptSeconds == [0, 2, 4])
        let path = f.store.deadLetterFolder(of: "t") + "/\(message.messageId)-broken.json"
        #expect(outcome.deadLetterFile == path)
        #expect(f.store.deadLetterFiles(topic: "t") == ["\(message.messageId)-broken.json"])
        let letter = try JSONParser.parse(try #require(f.read(path)))
        #expect(letter["Subscription"] == "broken")
        #expect(letter["Endpoint"] == .string(script))
        #expect(letter["Attempts"] == 4)
        #expect(letter["ErrorMessage"] == "exit status 3")
        #expect(letter["ExitStatus"] == 3)
        #expect(letter["StderrTail"] == "cannot reach printer")
        #expect(letter["Envelope"] == message.envelope)
        // A dead letter is never in the message listing, and delivering again does not run the script again.
        #expect(f.store.messageFiles(topic: "t") == [message.fileName])
        let again = await service.deliver(message)
        #expect(again.map(\.status) == [.alreadyFinished])
        #expect(clock.sleptSeconds.count == 3)
    }

    @Test("A script that hangs is killed at the timeout, with what it started, and counts as a failed attempt")
    func timeout() async throws {
        let f = try TopicFixture()
        defer { f.remove() }
        let pids = f.file("pids")
        let script = try f.script(
            "hang.sh",
            "sleep 300 &\necho $$ $! > \(pids)\ntrap '' TERM\nwhile true; do sleep 1; done"
        )
        let noRetries: JSONValue = ["healthyRetryPolicy": ["numRetries": 0]]
        let subscription = try f.subscription("hang", topic: "t", endpoint: script, ["DeliveryPolicy": noRetries])
        let message = try f.store.publish(topic: "t", message: "m")
        let service = DeliveryService(
            subscriptions: [subscription],
            store: f.store,
            clock: InstantClock(),
            attemptTimeout: 1,
            killGrace: 0.2
        )
        let started = ContinuousClock.now
        let outcome = try #require(await service.deliver(message).first)
        // Killed at the 1 s timeout (and 0.2 s grace), not after the script's 300 s: alone this takes 1.2 s; with
        // every suite running beside it on two cores the pool that runs the timer can be over 20 s late, so the
        // bound is 120 s (still far from 300 s), and the 1 s it waited is read from the failure it recorded.
        #expect(ContinuousClock.now - started < .seconds(120))
        #expect(outcome.status == .deadLettered)
        #expect(outcome.attempts == 1)
        #expect(outcome.lastFailure == "timed out after 1.00 seconds")
        let letterFile = try #require(outcome.deadLetterFile)
        let letter = try JSONParser.parse(try #require(f.read(letterFile)))
        #expect(letter["TimedOut"] == true)
        let pidText = try #require(f.read(pids))
        let spawned = pidText.split(whereSeparator: { $0 == " " || $0 == "\n" }).compactMap { Int32($0) }
        #expect(spawned.count == 2)
        try await eventually("the script's processes gone", within: .seconds(30)) { spawned.allSatisfy(processIsGone) }
    }

    @Test("A script that cannot start is a failed attempt with the reason")
    func missingScript() async throws {
        let f = try TopicFixture()
        defer { f.remove() }
        let script = try f.script("gone.sh", "exit 0")
        let subscription = try f.subscription(
            "gone",
            topic: "t",
            endpoint: script,
            ["DeliveryPolicy": ["healthyRetryPolicy": ["numRetries": 0]]]
        )
        try FileManager.default.removeItem(atPath: script)
        let message = try f.store.publish(topic: "t", message: "m")
        let outcome = try #require(
            await DeliveryService(subscriptions: [subscription], store: f.store, clock: InstantClock()).deliver(message)
                .first
        )
        #expect(outcome.status == .deadLettered)
        #expect(outcome.lastFailure?.contains("No such file") == true)
    }

    @Test("Saved state resumes: a pending delivery carries on with its attempt count and the same MessageId")
    func resume() async throws {
        let f = try TopicFixture()
        defer { f.remove() }
        let script = try f.script("ok.sh", "echo \"$SLUICE_MESSAGE_ID\" >> \(f.file("ids"))")
        let subscription = try f.subscription("ok", topic: "t", endpoint: script, ["DeliveryPolicy": fastPolicy])
        let message = try f.store.publish(topic: "t", message: "m")
        // A first daemon failed one attempt and saved its state as JSON before stopping.
        let saved = DeliveryState(
            json: [
                "Deliveries": [
                    [
                        "MessageId": .string(message.messageId), "Subscription": "ok", "Topic": "t",
                        "File": .string(message.fileName), "Status": "PENDING", "Attempts": 1,
                        "LastFailure": "exit status 1", "UpdatedAt": "2026-11-27T05:01:02.123Z",
                    ],
                    [
                        "MessageId": "other", "Subscription": "removed-since", "Topic": "t", "File": "x.json",
                        "Status": "PENDING", "Attempts": 0, "UpdatedAt": "2026-11-27T05:01:02.123Z",
                    ],
                ]
            ]
        )
        let state = try #require(saved)
        #expect(DeliveryState(json: state.json) == state)
        let clock = InstantClock()
        let service = DeliveryService(subscriptions: [subscription], store: f.store, clock: clock, state: state)
        let outcomes = await service.resumePending()
        #expect(outcomes.map(\.status) == [.delivered])
        #expect(outcomes.first?.attempts == 2)
        #expect(clock.sleptSeconds == [0])
        #expect(f.read(f.file("ids")) == message.messageId + "\n")
        #expect(await service.state.pending.isEmpty)
        #expect(await service.state.records.count == 1)
    }

    @Test("Subscribers' output reaches the output sink, line by line")
    func output() async throws {
        let f = try TopicFixture()
        defer { f.remove() }
        let script = try f.script("talk.sh", "echo one\necho two >&2")
        let subscription = try f.subscription("talk", topic: "t", endpoint: script)
        let message = try f.store.publish(topic: "t", message: "m")
        let lines = Mutex<[String]>([])
        let service = DeliveryService(
            subscriptions: [subscription],
            store: f.store,
            clock: InstantClock(),
            output: { line in
                lines.withLock { $0.append("\(line.subscription) \(line.isError ? "err" : "out") \(line.text)") }
            }
        )
        _ = await service.deliver(message)
        #expect(lines.withLock { $0.sorted() } == ["talk err two", "talk out one"])
    }
}

/// Whether a process is gone (or a zombie nobody of ours waits for).
func processIsGone(_ pid: Int32) -> Bool {
    guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8) else { return true }
    guard let close = stat.lastIndex(of: ")") else { return true }
    let state = stat[stat.index(close, offsetBy: 2)]
    return state == "Z" || state == "X"
}
