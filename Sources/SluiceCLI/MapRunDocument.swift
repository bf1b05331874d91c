import Foundation
import SluiceASL
import SluiceEngine
import SluiceInterpreter
import SluiceJSON
import SluiceStore
import SluiceVocabulary

/// A stored map run in the shapes of Step Functions' ListMapRuns and DescribeMapRun responses.
struct MapRunDocument {
    var run: MapRunRecord

    /// `arn:aws:states:R:A:execution:MACHINE:NAME` → `arn:aws:states:R:A:stateMachine:MACHINE`.
    var stateMachineArn: String {
        let parts = run.executionArn.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count >= 8, parts[5] == "execution" else { return "" }
        return (parts[0..<5] + ["stateMachine", parts[6]]).joined(separator: ":")
    }

    /// The total is known once the reader is exhausted; until then, what has been read.
    var total: Int { run.itemsRead }
    var itemsRunning: Int {
        max(0, run.itemsRead - run.itemsPending - run.itemsSucceeded - run.itemsFailed - run.itemsAborted)
    }

    static func date(_ seconds: Double) -> JSONValue {
        .string(Timestamp(epochMilliseconds: Int64((seconds * 1000).rounded(.down))).iso8601())
    }

    /// One entry of ListMapRuns' `mapRuns`.
    var listEntry: JSONValue {
        var o = JSONObject()
        o["executionArn"] = .string(run.executionArn)
        o["mapRunArn"] = .string(run.mapRunArn)
        o["stateMachineArn"] = .string(stateMachineArn)
        o["startDate"] = Self.date(run.startDate)
        if let stop = run.stopDate { o["stopDate"] = Self.date(stop) }
        return .object(o)
    }

    /// DescribeMapRun's response.
    var description: JSONValue {
        var o = JSONObject()
        o["mapRunArn"] = .string(run.mapRunArn)
        o["executionArn"] = .string(run.executionArn)
        o["status"] = .string(run.status.rawValue)
        o["startDate"] = Self.date(run.startDate)
        if let stop = run.stopDate { o["stopDate"] = Self.date(stop) }
        o["maxConcurrency"] = .int(run.maxConcurrency)
        o["toleratedFailurePercentage"] = .double(run.toleratedFailurePercentage ?? 0)
        o["toleratedFailureCount"] = .int(run.toleratedFailureCount ?? 0)
        var items = JSONObject()
        items["pending"] = .int(run.itemsPending)
        items["running"] = .int(itemsRunning)
        items["succeeded"] = .int(run.itemsSucceeded)
        items["failed"] = .int(run.itemsFailed)
        // Children time out only through an execution timeout, which ItemProcessor does not have.
        items["timedOut"] = .int(0)
        items["aborted"] = .int(run.itemsAborted)
        items["total"] = .int(total)
        items["resultsWritten"] = .int(run.itemsSucceeded + run.itemsFailed + run.itemsAborted)
        items["failuresNotRedrivable"] = .int(0)
        items["pendingRedrive"] = .int(0)
        o["itemCounts"] = .object(items)
        var children = JSONObject()
        let childrenTotal = run.childrenRunning + run.childrenSucceeded + run.childrenFailed + run.childrenAborted
        // Children start as soon as they are created (waiting for a worker is running, as a throttled Lambda
        // call is on AWS), so none is ever pending.
        children["pending"] = .int(0)
        children["running"] = .int(run.childrenRunning)
        children["succeeded"] = .int(run.childrenSucceeded)
        children["failed"] = .int(run.childrenFailed)
        children["timedOut"] = .int(0)
        children["aborted"] = .int(run.childrenAborted)
        children["total"] = .int(childrenTotal)
        children["resultsWritten"] = .int(run.childrenSucceeded + run.childrenFailed + run.childrenAborted)
        children["failuresNotRedrivable"] = .int(0)
        children["pendingRedrive"] = .int(0)
        o["executionCounts"] = .object(children)
        o["redriveCount"] = .int(0)
        return .object(o)
    }

    /// `12,345/227,000 items` or `12,345 items` while the total is unknown.
    var itemsLine: String {
        let done = run.itemsSucceeded + run.itemsFailed
        return run.totalKnown ? "\(done)/\(total) items" : "\(done) items (of \(total)+ read)"
    }

    /// Opens the store under `root` (only to read unless `writing`), or explains why not.
    static func openStore(root: String, writing: Bool = false) throws -> SluiceDatabase {
        let path = SluicePaths(root: root).store
        try StoreAccess.check(path, writing: writing)
        do {
            return writing ? try SluiceDatabase(path: path) : try SluiceDatabase(readingAt: path)
        } catch {
            throw CLIError.exit("cannot \(writing ? "write" : "read") \(path): \(error)")
        }
    }
}
