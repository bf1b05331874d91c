import Foundation
import Glibc
import SluiceASL
import SluiceEngine
import SluiceInterpreter
import SluiceJSON
import SluiceStore
import SluiceTopics
import SluiceVocabulary
import SluiceWatch

/// The daemon's use of sluice.db: which objects were reported (catch-up after a restart), the last sequencer,
/// and every topic delivery's state.
struct DaemonStore: Sendable {
    let database: SluiceDatabase
    /// The store did not exist before this start: objects already in the buckets count as reported.
    let isNew: Bool
    let bucketsDirectory: String

    init(paths: SluicePaths) throws {
        let path = paths.store
        isNew = !FileManager.default.fileExists(atPath: path)
        if isNew {
            // Made first, readable and writable by sluiced's group (its members' `sluice` commands write requests);
            // SQLite gives its -wal and -shm files the same mode. The umask decides the rest (0007 under systemd).
            try? FileManager.default.createDirectory(
                atPath: (path as NSString).deletingLastPathComponent,
                withIntermediateDirectories: true
            )
            let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o660)
            if fd >= 0 { close(fd) }
        }
        database = try SluiceDatabase(path: path)
        bucketsDirectory = paths.buckets
    }

    /// What the watcher should compare the buckets with: nil on the first start (nothing to catch up on).
    func knownObjects() throws -> [ObjectState]? {
        guard !isNew else { return nil }
        return try database.objects().map {
            ObjectState(
                bucket: $0.bucket,
                key: $0.key,
                size: $0.size,
                modifiedNanoseconds: $0.modifiedNanoseconds,
                inode: $0.inode
            )
        }
    }

    func sequencerFloor() throws -> UInt64 {
        try database.lastSequencer().flatMap { Sequencer.value(of: $0) } ?? 0
    }

    /// The objects found at the first start become the reported baseline.
    func remember(_ objects: [ObjectState], sequencer: String) throws {
        for object in objects {
            try database.record(object: stored(object), deleted: false, sequencer: sequencer)
        }
    }

    /// Records an event's object as reported (its file's size, time and inode, read now) or as gone, with the
    /// hand-offs its event routes to, in one transaction; answers the hand-offs stored.
    func record(_ event: ObjectEvent, handoffs: [Handoff]) throws -> [Handoff] {
        if event.kind == .deleted {
            return try database.record(
                object: StoredObject(bucket: event.bucket, key: event.key, size: 0, modifiedNanoseconds: 0, inode: 0),
                deleted: true,
                sequencer: event.sequencer,
                handoffs: handoffs
            )
        }
        var info = stat()
        let path = bucketsDirectory + "/" + event.bucket + "/" + event.key
        guard lstat(path, &info) == 0 else {
            // Already gone again: its delete event follows; what this one routed to still happens.
            return try database.record(object: nil, deleted: false, sequencer: event.sequencer, handoffs: handoffs)
        }
        return try database.record(
            object: StoredObject(
                bucket: event.bucket,
                key: event.key,
                size: Int(info.st_size),
                modifiedNanoseconds: Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec),
                inode: UInt64(info.st_ino)
            ),
            deleted: false,
            sequencer: event.sequencer,
            handoffs: handoffs
        )
    }

    private func stored(_ object: ObjectState) -> StoredObject {
        StoredObject(
            bucket: object.bucket,
            key: object.key,
            size: object.size,
            modifiedNanoseconds: object.modifiedNanoseconds,
            inode: object.inode
        )
    }

    // MARK: - Deliveries

    /// The delivery state a previous run saved.
    func deliveryState() throws -> DeliveryState {
        let entries = try database.deliveries().compactMap { try? JSONParser.parse($0) }
        return DeliveryState(json: ["Deliveries": .array(entries)]) ?? DeliveryState()
    }

    /// Saves one delivery's record (nil: forget it), in DeliveryState's own JSON form.
    func save(_ key: DeliveryState.Key, _ record: DeliveryState.Record?) throws {
        guard let record else {
            try database.saveDelivery(messageId: key.messageId, subscription: key.subscription, record: nil)
            return
        }
        var o = JSONObject()
        o["MessageId"] = .string(key.messageId)
        o["Subscription"] = .string(key.subscription)
        o["Topic"] = .string(record.topic)
        o["File"] = .string(record.file)
        o["Status"] = .string(record.status.rawValue)
        o["Attempts"] = .int(record.attempts)
        if let failure = record.lastFailure { o["LastFailure"] = .string(failure) }
        o["UpdatedAt"] = .string(record.updatedAt.iso8601())
        try database.saveDelivery(
            messageId: key.messageId,
            subscription: key.subscription,
            record: JSONValue.object(o).serialized()
        )
    }

    // MARK: - Map runs

    /// Saves the latest state of an execution's map runs; a run that ended gets its stop date.
    func save(_ runs: [MapRunProgress], executionArn: String) throws {
        let now = Date().timeIntervalSince1970
        try database.saveMapRuns(
            runs.map { run in
                MapRunRecord(
                    mapRunArn: run.mapRunArn,
                    executionArn: executionArn,
                    status: run.status,
                    startDate: now,
                    stopDate: run.status == .running ? nil : now,
                    maxConcurrency: run.maxConcurrency,
                    toleratedFailureCount: run.toleratedFailureCount,
                    toleratedFailurePercentage: run.toleratedFailurePercentage,
                    itemsRead: run.itemsRead,
                    itemsPending: run.itemsPending,
                    itemsSucceeded: run.itemsSucceeded,
                    itemsFailed: run.itemsFailed,
                    totalKnown: run.totalKnown,
                    childrenRunning: run.running,
                    childrenSucceeded: run.childrenSucceeded,
                    childrenFailed: run.childrenFailed,
                    childrenAborted: run.childrenAborted,
                    itemsAborted: run.itemsAborted,
                    updateDate: now
                )
            }
        )
    }

    /// Marks map runs a previous sluiced left RUNNING as ABORTED; how many there were.
    func abortRunningMapRuns(except resumed: Set<String>) throws -> Int {
        try database.abortRunningMapRuns(at: Date().timeIntervalSince1970, except: resumed)
    }
}
