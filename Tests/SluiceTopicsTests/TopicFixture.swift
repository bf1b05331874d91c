import Foundation
import SluiceASL
import SluiceCore
import SluiceJSON
import SluiceTopics
import Synchronization

/// A temporary sluice root with a topic store, scripts written by the test, and subscriptions over them.
struct TopicFixture {
    let root: String
    let store: TopicStore

    init(now: (@Sendable () -> Timestamp)? = nil) throws {
        root = NSTemporaryDirectory() + "sluice-topics-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        store = TopicStore(directory: root + "/topics", now: now ?? TopicStore.systemTime)
    }

    /// Writes an executable shell script and returns its path.
    func script(_ name: String, _ body: String) throws -> String {
        let path = root + "/" + name
        try ("#!/bin/sh\n" + body + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        chmod(path, 0o755)
        return path
    }

    /// A subscription as `sluice subscribe` would write it, decoded the way sluiced loads it.
    func subscription(_ name: String, topic: String, endpoint: String, _ extra: JSONObject = JSONObject()) throws
        -> Subscription
    {
        var o: JSONObject = [
            "TopicArn": .string(store.topicArn(topic)), "Protocol": "exec", "Endpoint": .string(endpoint),
        ]
        for (key, value) in extra.entries { o[key] = value }
        return try Subscription.decode(.object(o), file: root + "/" + name + ".json", name: name).get()
    }

    func file(_ name: String) -> String { root + "/" + name }

    func read(_ path: String) -> String? { try? String(contentsOfFile: path, encoding: .utf8) }

    func remove() { try? FileManager.default.removeItem(atPath: root) }
}

/// A clock whose sleeps end at once; it remembers how long each one was asked to be.
struct InstantClock: Clock {
    struct Instant: InstantProtocol {
        var offset: Duration

        func advanced(by duration: Duration) -> Instant { Instant(offset: offset + duration) }
        func duration(to other: Instant) -> Duration { other.offset - offset }
        static func < (lhs: Instant, rhs: Instant) -> Bool { lhs.offset < rhs.offset }
    }

    /// What the clock was asked, shared by its copies.
    final class Log: Sendable {
        let now = Mutex<Duration>(.zero)
        let sleeps = Mutex<[Duration]>([])
    }

    let log = Log()

    var now: Instant { Instant(offset: log.now.withLock { $0 }) }
    var minimumResolution: Duration { .zero }

    func sleep(until deadline: Instant, tolerance: Duration?) async throws {
        try Task.checkCancellation()
        let start = now
        log.sleeps.withLock { $0.append(start.duration(to: deadline)) }
        log.now.withLock { $0 = max($0, deadline.offset) }
    }

    /// The sleeps in whole seconds.
    var sleptSeconds: [Int64] { log.sleeps.withLock { $0.map(\.components.seconds) } }
}

/// A fixed instant: 2026-11-27T05:01:02.123Z.
let fixedTime = Timestamp(epochMilliseconds: 1_795_755_662_123)
