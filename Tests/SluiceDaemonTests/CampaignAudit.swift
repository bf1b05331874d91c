import Foundation
import SluiceStore
import SluiceTesting
import SluiceVocabulary
import Testing

/// What the kill campaign checks once everything has settled, and the figures it reports: each execution recorded
/// once, ended once per run of it (its first and each redrive) and SUCCEEDED; each upload one execution; each item
/// of each map run once in its result files; each message delivered at least once, always with one MessageId.
struct CampaignAudit {
    let root: DaemonRoot
    let uploads: Int
    let driver: CampaignDriver

    /// What was found wrong, one line each; empty when the campaign passed.
    private(set) var problems: [String] = []
    private(set) var executions = 0
    private(set) var redrives = 0
    private(set) var items = 0
    private(set) var messages = 0
    private(set) var deliveries = 0
    private(set) var duplicateDeliveries = 0

    init(root: DaemonRoot, uploads: Int, driver: CampaignDriver) throws {
        self.root = root
        self.uploads = uploads
        self.driver = driver
        let store = try #require(root.store())
        let records = try store.executions()
        executions = records.count
        redrives = records.map(\.redriveCount).reduce(0, +)
        let named = Dictionary(grouping: records, by: \.machineAndName)
        for (name, same) in named where same.count > 1 { problems.append("\(same.count) executions \(name)") }
        for record in records where record.status != .succeeded {
            problems.append("\(record.machineAndName) \(record.status): \(record.error ?? "") \(record.cause ?? "")")
        }
        try checkEndings(records, store: store)
        checkNames(records)
        let expected = try checkResults(records)
        checkDeliveries(expected: expected)
        if !root.isIdle { problems.append("sluiced is not idle (hand-offs, deliveries or executions left)") }
    }

    /// Each run of an execution ended once: its history has one end per run (the first and each redrive), the last
    /// ExecutionSucceeded; only `flaky`'s first call fails, and only it is redriven.
    private mutating func checkEndings(_ records: [ExecutionRecord], store: SluiceDatabase) throws {
        let ends: Set = ["ExecutionSucceeded", "ExecutionFailed", "ExecutionAborted", "ExecutionTimedOut"]
        for record in records {
            let history = try store.history(record.executionArn).filter { ends.contains($0.type) }
            if history.count != record.redriveCount + 1 || history.last?.type != "ExecutionSucceeded" {
                let types = history.map(\.type).joined(separator: ", ")
                problems.append("\(record.machineAndName) redriven \(record.redriveCount) times ended: \(types)")
            }
            for failure in history where failure.type == "ExecutionFailed" {
                let flakyFirst = record.machineAndName.hasPrefix("flaky/") && failure.document.contains("FirstTry")
                if !flakyFirst { problems.append("\(record.machineAndName) failed: \(failure.document)") }
            }
        }
    }

    /// The executions are those asked for: one per upload, each `long-K` and `flaky-K` started.
    private mutating func checkNames(_ records: [ExecutionRecord]) {
        let uploadKeys = records.compactMap { record -> String? in
            guard record.machineAndName.hasPrefix("upload/") else { return nil }
            return Self.object(record.input)?["key"] as? String
        }
        let counted = Dictionary(uploadKeys.map { ($0, 1) }, uniquingKeysWith: +)
        for i in 1...max(uploads, 1) where uploads > 0 && counted["uploads/u-\(i).csv"] != 1 {
            problems.append("upload uploads/u-\(i).csv made \(counted["uploads/u-\(i).csv"] ?? 0) executions")
        }
        if counted.count != uploads { problems.append("\(counted.count) uploads executed, \(uploads) made") }
        let asked = Set(driver.long.map { "long/" + $0 } + driver.flaky.map { "flaky/" + $0 })
        let started = Set(records.map(\.machineAndName).filter { !$0.hasPrefix("upload/") })
        if started != asked {
            problems.append(
                "started \(started.subtracting(asked).sorted()), missing \(asked.subtracting(started).sorted())"
            )
        }
    }

    /// Each map run's result files hold every item once; answers the messages the executions published (upload
    /// keys, flaky names, the map runs' manifest keys).
    private mutating func checkResults(_ records: [ExecutionRecord]) throws -> Set<String> {
        var expected: Set<String> = []
        for record in records {
            let input = Self.object(record.input)
            if record.machineAndName.hasPrefix("upload/"), let key = input?["key"] as? String { expected.insert(key) }
            if record.machineAndName.hasPrefix("flaky/"), let name = input?["name"] as? String { expected.insert(name) }
            guard record.machineAndName.hasPrefix("long/") else { continue }
            let details = Self.object(record.output ?? "")?["ResultWriterDetails"] as? [String: Any]
            guard let manifest = details?["Key"] as? String else {
                problems.append("\(record.machineAndName) has no manifest: \(record.output ?? "no output")")
                continue
            }
            expected.insert(manifest)
            let folder = "var/lib/sluice/buckets/results/" + (manifest as NSString).deletingLastPathComponent
            let numbers = try root.succeededNumbers(under: folder)
            items += numbers.count
            if numbers.sorted() != Array(0..<DaemonRoot.campaignItems) {
                let doubled = Dictionary(numbers.map { ($0, 1) }, uniquingKeysWith: +).filter { $0.value > 1 }.count
                problems.append(
                    "\(record.machineAndName): \(numbers.count) items in \(folder), \(Set(numbers).count) distinct, "
                        + "\(doubled) doubled"
                )
            }
        }
        return expected
    }

    /// Every message delivered at least once, all deliveries of one message with one MessageId, one stored file per
    /// message.
    private mutating func checkDeliveries(expected: Set<String>) {
        let lines = (root.read("deliveries") ?? "").split(separator: "\n")
        deliveries = lines.count
        var ids: [String: Set<String>] = [:]
        for line in lines {
            let parts = line.split(separator: " ", maxSplits: 1).map(String.init)
            guard parts.count == 2 else {
                problems.append("delivery line \(line)")
                continue
            }
            ids[parts[1], default: []].insert(parts[0])
        }
        messages = ids.count
        duplicateDeliveries = lines.count - Set(lines).count
        for message in expected where ids[message] == nil { problems.append("message \(message) never delivered") }
        for (message, same) in ids where same.count > 1 { problems.append("message \(message) ids \(same.sorted())") }
        for message in ids.keys where !expected.contains(message) { problems.append("unexpected message \(message)") }
        let stored = root.messages(in: "news")
        if stored.count != expected.count {
            problems.append("\(stored.count) messages stored, \(expected.count) published")
        }
    }

    static func object(_ text: String) -> [String: Any]? {
        (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any]
    }
}
