import Foundation
import Logging
import SluiceASL
import SluiceEngine
import SluiceJSON
import SluiceStore
import SluiceVocabulary
import Synchronization

/// The daemon's hand-offs in memory. `plan` routes an event to the hand-offs to record with what it follows from;
/// `dispatch` carries recorded ones out: executions to the executions service, messages to the deliveries service,
/// one not due yet (a retry) held until RetryService finds it due. The store keeps every hand-off until it is done,
/// so what only this holds is never lost: a restart carries it on.
final class Handoffs: Sendable {
    let starts: AsyncStream<StartRequest>
    let deliveries: AsyncStream<DeliveryJob>
    private let startSink: AsyncStream<StartRequest>.Continuation
    private let deliverySink: AsyncStream<DeliveryJob>.Continuation
    private let held = Mutex<[Handoff]>([])
    /// Which recorded hand-offs this sluiced took up (the others are found by ControlService's poll).
    let watermark = HandoffWatermark()
    private let config: CurrentConfiguration
    private let store: DaemonStore
    private let region: String
    private let account: String
    private let clock: WallClock
    private let logger: Logger

    init(
        config: CurrentConfiguration,
        store: DaemonStore,
        region: String,
        account: String,
        clock: WallClock,
        logger: Logger
    ) {
        (starts, startSink) = AsyncStream.makeStream()
        (deliveries, deliverySink) = AsyncStream.makeStream()
        self.config = config
        self.store = store
        self.region = region
        self.account = account
        self.clock = clock
        self.logger = logger
    }

    /// Routes one event through the rules in force: the hand-offs (executions to start, messages to publish) to
    /// record with whatever the event follows from.
    func plan(_ event: JSONValue, key: String?, about: String?) -> [Handoff] {
        let router = Router(rules: config.current.rules, region: region, account: account)
        let now = clock.now()
        let routed = RoutedHandoffs(
            router.route(event, ingestionTime: now.iso8601()),
            eventId: event["id"]?.stringValue ?? UUID().uuidString.lowercased(),
            key: key,
            about: about,
            region: region,
            account: account,
            now: now.epochMilliseconds
        )
        for line in routed.dropped { logger.warning("\(line)") }
        return routed.handoffs
    }

    /// A hand-off of this daemon's region and account, created now.
    func handoff(_ body: HandoffBody) -> Handoff {
        body.handoff(region: region, account: account, createdMillis: clock.now().epochMilliseconds)
    }

    /// Carries out recorded hand-offs, or holds them until they are due.
    func dispatch(_ handoffs: [Handoff]) {
        watermark.own(handoffs)
        let now = clock.now().epochMilliseconds
        for handoff in handoffs {
            guard handoff.dueMillis <= now else {
                held.withLock { $0.append(handoff) }
                continue
            }
            guard let body = HandoffBody(handoff) else {
                logger.error("hand-off \(handoff.kind.rawValue) \(handoff.subject) is unreadable: dropped")
                if let id = handoff.id { try? store.database.completeHandoff(id) }
                continue
            }
            switch body {
            case .startExecution(let start):
                startSink.yield(
                    StartRequest(
                        machine: start.machine,
                        input: start.input,
                        rule: start.rule,
                        handoff: handoff,
                        retry: start.retry,
                        name: start.name,
                        startMillis: start.startMillis,
                        about: start.about
                    )
                )
            case .publish, .deliver:
                deliverySink.yield(DeliveryJob(handoff: handoff, body: body))
            }
        }
    }

    /// The held hand-offs due by `now`, taken.
    func takeDue(now: Int64) -> [Handoff] {
        held.withLock { held in
            let due = held.filter { $0.dueMillis <= now }
            held.removeAll { $0.dueMillis <= now }
            return due
        }
    }

    /// An execution to carry on (resumed or redriven): not a hand-off, it is RUNNING in the store already.
    func carryOn(_ request: StartRequest) { startSink.yield(request) }

    /// A delivery that could not be recorded, carried out all the same.
    func deliverUnrecorded(_ job: DeliveryJob) { deliverySink.yield(job) }

    /// No more executions start (graceful shutdown); those asked for later wait in the store.
    func finishStarts() { startSink.finish() }

    /// No more deliveries start (graceful shutdown).
    func finishDeliveries() { deliverySink.finish() }
}
