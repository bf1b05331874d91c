import SluiceCore
import SluiceJSON
import SluicePatterns
import SluiceVocabulary
import SluiceWorkers

/// Delivers stored topic messages to their subscriptions, as SNS delivers to its endpoints: every subscription of the
/// message's topic whose filter policy matches runs its script once per message; a failed or timed-out run is
/// retried on the subscription's DeliveryPolicy, and a delivery that runs out of retries is kept as a dead letter.
///
/// The script gets the notification document (or, with RawMessageDelivery, the bare message) on stdin, and
/// `SLUICE_TOPIC`, `SLUICE_MESSAGE_ID`, `SLUICE_SUBSCRIPTION`, a fixed `PATH` and `LANG` as its whole environment. It
/// runs in its own folder. Exit status 0 means delivered.
///
/// Delivery is at least once: `state` records every attempt, the daemon saves it (`onChange` reports each change)
/// and passes it back after a restart, and `resumePending()` carries on with the same MessageId. The clock only
/// times the waits between retries, so tests can pass one that does not really wait.
package actor DeliveryService<C: Clock> where C.Duration == Duration {
    /// A line a subscriber script wrote, for the log.
    package struct OutputLine: Sendable, Hashable {
        package var subscription: String
        package var messageId: String
        /// Whether it came from stderr rather than stdout.
        package var isError: Bool
        package var text: String
    }

    /// Where every delivery stands.
    package private(set) var state: DeliveryState
    private var subscriptions: [Subscription]
    private let store: TopicStore
    private let clock: C
    private let now: @Sendable () -> Timestamp
    /// Seconds one run of a script may take before it is killed and counted as a failed attempt.
    package nonisolated let attemptTimeout: Double
    private let killGrace: Double
    private let output: @Sendable (OutputLine) -> Void
    private let onChange: @Sendable (DeliveryState.Key, DeliveryState.Record?) -> Void
    /// Deliveries some call is working on, so that two calls never run one twice at the same time.
    private var running: Set<DeliveryState.Key> = []

    /// - Parameters:
    ///   - subscriptions: all subscriptions (each message goes to those of its topic).
    ///   - clock: times the waits between retries.
    ///   - state: what a previous run saved.
    ///   - attemptTimeout: seconds a script may run (60 by default).
    ///   - killGrace: seconds between SIGTERM and SIGKILL for a script past its timeout.
    ///   - now: the wall clock for the records and dead letters.
    ///   - output: receives every line the scripts write.
    ///   - onChange: called after every change of a record (nil: the record was dropped), to save it.
    package init(
        subscriptions: [Subscription],
        store: TopicStore,
        clock: C,
        state: DeliveryState = DeliveryState(),
        attemptTimeout: Double = 60,
        killGrace: Double = 2,
        now: @escaping @Sendable () -> Timestamp = TopicStore.systemTime,
        output: @escaping @Sendable (OutputLine) -> Void = { _ in },
        onChange: @escaping @Sendable (DeliveryState.Key, DeliveryState.Record?) -> Void = { _, _ in }
    ) {
        self.subscriptions = subscriptions
        self.store = store
        self.clock = clock
        self.state = state
        self.attemptTimeout = attemptTimeout
        self.killGrace = killGrace
        self.now = now
        self.output = output
        self.onChange = onChange
    }

    /// Replaces the subscriptions (after a reload); deliveries under way finish with the ones they started with.
    package func replaceSubscriptions(_ subscriptions: [Subscription]) {
        self.subscriptions = subscriptions
    }

    /// Delivers `message` to every subscription of its topic, concurrently, and returns one outcome per
    /// subscription (sorted by subscription name) once every delivery has finished or been dead-lettered.
    package func deliver(_ message: TopicMessage) async -> [DeliveryOutcome] {
        await deliver(message, to: subscriptions.filter { $0.topic == message.topic })
    }

    /// Carries on with the deliveries `state` holds as pending (after a restart). A pending delivery whose
    /// subscription is gone is dropped; one whose message file is gone stays pending and is reported interrupted.
    package func resumePending() async -> [DeliveryOutcome] {
        var byMessage: [String: (topic: String, file: String, subscriptions: Set<String>)] = [:]
        var order: [String] = []
        for (key, record) in state.pending where !running.contains(key) {
            guard subscriptions.contains(where: { $0.name == key.subscription && $0.topic == record.topic }) else {
                state.remove(key)
                onChange(key, nil)
                continue
            }
            if byMessage[key.messageId] == nil {
                order.append(key.messageId)
                byMessage[key.messageId] = (record.topic, record.file, [])
            }
            byMessage[key.messageId]?.subscriptions.insert(key.subscription)
        }
        var outcomes: [DeliveryOutcome] = []
        for messageId in order {
            guard let entry = byMessage[messageId] else { continue }
            guard let message = store.message(topic: entry.topic, file: entry.file) else {
                outcomes += entry.subscriptions.sorted().map {
                    DeliveryOutcome(
                        subscription: $0,
                        messageId: messageId,
                        status: .interrupted,
                        lastFailure: "the message file \(entry.file) cannot be read"
                    )
                }
                continue
            }
            outcomes += await deliver(message, to: subscriptions.filter { entry.subscriptions.contains($0.name) })
        }
        return outcomes
    }

    // MARK: - Delivering

    private func deliver(_ message: TopicMessage, to targets: [Subscription]) async -> [DeliveryOutcome] {
        var outcomes: [DeliveryOutcome] = []
        var started: [Subscription] = []
        for subscription in targets.sorted(by: { $0.name < $1.name }) {
            let key = DeliveryState.Key(messageId: message.messageId, subscription: subscription.name)
            if let policy = subscription.filterPolicy,
                !policy.matches(message: message.message, attributes: message.publishAttributes)
            {
                outcomes.append(
                    DeliveryOutcome(subscription: key.subscription, messageId: key.messageId, status: .filteredOut)
                )
                continue
            }
            if running.contains(key) {
                outcomes.append(
                    DeliveryOutcome(subscription: key.subscription, messageId: key.messageId, status: .inProgress)
                )
                continue
            }
            if let record = state[key], record.status != .pending {
                outcomes.append(
                    DeliveryOutcome(
                        subscription: key.subscription,
                        messageId: key.messageId,
                        status: .alreadyFinished,
                        attempts: record.attempts,
                        lastFailure: record.lastFailure
                    )
                )
                continue
            }
            running.insert(key)
            if state[key] == nil {
                save(
                    key,
                    DeliveryState.Record(
                        topic: message.topic,
                        file: message.fileName,
                        status: .pending,
                        attempts: 0,
                        lastFailure: nil,
                        updatedAt: now()
                    )
                )
            }
            started.append(subscription)
        }
        let finished = await withTaskGroup(of: DeliveryOutcome.self) { group in
            for subscription in started {
                group.addTask { await self.deliverWithRetries(message, to: subscription) }
            }
            var collected: [DeliveryOutcome] = []
            for await outcome in group { collected.append(outcome) }
            return collected
        }
        return (outcomes + finished).sorted { $0.subscription < $1.subscription }
    }

    /// Attempts until the script succeeds or the policy has no retry left.
    private func deliverWithRetries(_ message: TopicMessage, to subscription: Subscription) async -> DeliveryOutcome {
        let key = DeliveryState.Key(messageId: message.messageId, subscription: subscription.name)
        defer { running.remove(key) }
        guard var record = state[key] else {
            return DeliveryOutcome(subscription: key.subscription, messageId: key.messageId, status: .interrupted)
        }
        var last: ScriptResult?
        while true {
            if record.attempts > 0 {
                // Retry n waits delay(beforeRetry: n); past the last retry the delivery is dead-lettered.
                guard let delay = subscription.deliveryPolicy.delay(beforeRetry: record.attempts) else {
                    return deadLetter(message, subscription, record: record, last: last)
                }
                do {
                    try await clock.sleep(for: .seconds(delay))
                } catch {
                    return interrupted(key, record)
                }
            }
            if Task.isCancelled { return interrupted(key, record) }
            let result = await attempt(message, subscription)
            if case .cancelled = result.ending { return interrupted(key, record) }
            record.attempts += 1
            record.updatedAt = now()
            if result.succeeded {
                record.status = .delivered
                record.lastFailure = nil
                save(key, record)
                return DeliveryOutcome(
                    subscription: key.subscription,
                    messageId: key.messageId,
                    status: .delivered,
                    attempts: record.attempts
                )
            }
            record.lastFailure = result.summary(timeout: attemptTimeout)
            save(key, record)
            last = result
        }
    }

    /// One run of the subscription's script.
    private func attempt(_ message: TopicMessage, _ subscription: Subscription) async -> ScriptResult {
        let input: [UInt8] =
            subscription.rawMessageDelivery ? Array(message.message.utf8) : message.envelope.serializedBytes() + [0x0A]
        let endpoint = subscription.endpoint
        let folder = endpoint.lastIndex(of: "/").map { String(endpoint[..<$0]) }
        let request = ScriptRequest(
            command: [endpoint],
            environment: [
                "PATH": "/usr/local/bin:/usr/bin:/bin",
                "LANG": "C.UTF-8",
                "SLUICE_TOPIC": message.topic,
                "SLUICE_MESSAGE_ID": message.messageId,
                "SLUICE_SUBSCRIPTION": subscription.name,
            ],
            input: input,
            timeout: attemptTimeout,
            grace: killGrace,
            workingDirectory: folder.flatMap { $0.isEmpty ? "/" : $0 }
        )
        let output = output
        let name = subscription.name
        let messageId = message.messageId
        return await ScriptRunner.run(request) { stream, line in
            output(OutputLine(subscription: name, messageId: messageId, isError: stream == .stderr, text: line))
        }
    }

    private func interrupted(_ key: DeliveryState.Key, _ record: DeliveryState.Record) -> DeliveryOutcome {
        DeliveryOutcome(
            subscription: key.subscription,
            messageId: key.messageId,
            status: .interrupted,
            attempts: record.attempts,
            lastFailure: record.lastFailure
        )
    }

    /// Keeps the message with the reason in the topic's dead-letter folder and closes the delivery.
    private func deadLetter(
        _ message: TopicMessage,
        _ subscription: Subscription,
        record: DeliveryState.Record,
        last: ScriptResult?
    ) -> DeliveryOutcome {
        let key = DeliveryState.Key(messageId: message.messageId, subscription: subscription.name)
        let reason = DeadLetter(
            subscription: subscription,
            attempts: record.attempts,
            lastFailure: record.lastFailure ?? "unknown",
            last: last,
            at: now()
        )
        var file: String?
        var failure = record.lastFailure
        do {
            file = try store.writeDeadLetter(
                reason.document(message),
                message: message,
                subscription: subscription.name
            )
        } catch {
            failure = (failure.map { $0 + "; " } ?? "") + error.message
        }
        var closed = record
        closed.status = .deadLettered
        closed.updatedAt = now()
        save(key, closed)
        return DeliveryOutcome(
            subscription: key.subscription,
            messageId: key.messageId,
            status: .deadLettered,
            attempts: record.attempts,
            lastFailure: failure,
            deadLetterFile: file
        )
    }

    private func save(_ key: DeliveryState.Key, _ record: DeliveryState.Record) {
        state.update(key, record)
        onChange(key, record)
    }
}

extension DeliveryService where C == ContinuousClock {
    /// A service that really waits between retries.
    package init(
        subscriptions: [Subscription],
        store: TopicStore,
        state: DeliveryState = DeliveryState(),
        attemptTimeout: Double = 60,
        output: @escaping @Sendable (OutputLine) -> Void = { _ in },
        onChange: @escaping @Sendable (DeliveryState.Key, DeliveryState.Record?) -> Void = { _, _ in }
    ) {
        self.init(
            subscriptions: subscriptions,
            store: store,
            clock: ContinuousClock(),
            state: state,
            attemptTimeout: attemptTimeout,
            output: output,
            onChange: onChange
        )
    }
}
