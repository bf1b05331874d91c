import Foundation
import SluiceCore
import SluiceJSON
import SluiceTopics
import SluiceVocabulary

/// A temporary sluice root with a topic store, scripts written by the test, and subscriptions over them.
package struct TopicFixture {
    package let root: String
    package let store: TopicStore

    package init(now: (@Sendable () -> Timestamp)? = nil) throws {
        root = NSTemporaryDirectory() + "sluice-topics-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        store = TopicStore(directory: root + "/topics", now: now ?? TopicStore.systemTime)
    }

    /// Writes an executable shell script and returns its path.
    package func script(_ name: String, _ body: String) throws -> String {
        let path = root + "/" + name
        try ("#!/bin/sh\n" + body + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        chmod(path, 0o755)
        return path
    }

    /// A subscription as `sluice subscribe` would write it, decoded the way sluiced loads it.
    package func subscription(_ name: String, topic: String, endpoint: String, _ extra: JSONObject = JSONObject())
        throws
        -> Subscription
    {
        var o: JSONObject = [
            "TopicArn": .string(store.topicArn(topic)), "Protocol": "exec", "Endpoint": .string(endpoint),
        ]
        for (key, value) in extra.entries { o[key] = value }
        return try Subscription.decode(.object(o), file: root + "/" + name + ".json", name: name).get()
    }

    package func file(_ name: String) -> String { root + "/" + name }

    package func read(_ path: String) -> String? { try? String(contentsOfFile: path, encoding: .utf8) }

    package func remove() { try? FileManager.default.removeItem(atPath: root) }
}
