import SluiceLinux
import Synchronization

/// Makes object events: fresh ids and request ids, the current time, and sequencers that only increase.
///
/// One factory serves the watcher and the daemon's catch-up alike, so every event of a run shares one sequencer.
package final class ObjectEventFactory: Sendable {
    /// Where and by whom, for every event.
    package let settings: ObjectEventSettings
    private let clock: @Sendable () -> Int64
    private let sequencer: Mutex<Sequencer>

    /// A factory whose sequencers all exceed `sequencerFloor` (the last one issued by a previous run, see
    /// `Sequencer.value(of:)`); `clock` gives the seconds since the epoch.
    package init(
        settings: ObjectEventSettings = ObjectEventSettings(),
        sequencerFloor: UInt64 = 0,
        clock: @escaping @Sendable () -> Int64 = UTCTime.nowSeconds
    ) {
        self.settings = settings
        self.clock = clock
        sequencer = Mutex(Sequencer(floor: sequencerFloor))
    }

    /// The last sequencer value issued, to persist as the next run's floor.
    package var lastSequencer: UInt64 {
        sequencer.withLock { $0.last }
    }

    /// An "Object Created" event.
    package func created(bucket: String, key: String, size: Int, etag: String, reason: ObjectEvent.Reason)
        -> ObjectEvent
    {
        make(.created, reason: reason, bucket: bucket, key: key, size: size, etag: etag)
    }

    /// An "Object Deleted" event (reason DeleteObject).
    package func deleted(bucket: String, key: String) -> ObjectEvent {
        make(.deleted, reason: .deleteObject, bucket: bucket, key: key, size: nil, etag: nil)
    }

    private func make(
        _ kind: ObjectEvent.Kind,
        reason: ObjectEvent.Reason,
        bucket: String,
        key: String,
        size: Int?,
        etag: String?
    ) -> ObjectEvent {
        let seconds = clock()
        let value = sequencer.withLock { $0.next(seconds: seconds) }
        var random = SystemRandomNumberGenerator()
        return ObjectEvent(
            kind: kind,
            reason: reason,
            bucket: bucket,
            key: key,
            size: size,
            etag: etag,
            sequencer: Sequencer.format(value),
            id: RandomIdentifiers.uuid(using: &random),
            requestID: RandomIdentifiers.requestID(using: &random),
            time: UTCTime.iso8601(seconds: seconds),
            settings: settings
        )
    }
}
