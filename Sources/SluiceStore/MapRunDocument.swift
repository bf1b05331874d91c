import SluiceInterpreter
import SluiceJSON
import SluiceVocabulary

/// A stored map run in the shapes of Step Functions' ListMapRuns and DescribeMapRun responses.
package struct MapRunDocument: Sendable {
    package var run: MapRunRecord
    /// How dates are written: ISO 8601 text for people, epoch seconds on the wire.
    package var dates: DocumentDates

    package init(run: MapRunRecord, dates: DocumentDates = .iso8601) {
        self.run = run
        self.dates = dates
    }

    /// `arn:aws:states:R:A:execution:MACHINE:NAME` → `arn:aws:states:R:A:stateMachine:MACHINE`.
    package var stateMachineArn: String {
        let parts = run.executionArn.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count >= 8, parts[5] == "execution" else { return "" }
        return (parts[0..<5] + ["stateMachine", parts[6]]).joined(separator: ":")
    }

    /// The total is known once the reader is exhausted; until then, what has been read.
    package var total: Int { run.itemsRead }
    package var itemsRunning: Int {
        max(0, run.itemsRead - run.itemsPending - run.itemsSucceeded - run.itemsFailed - run.itemsAborted)
    }

    /// One entry of ListMapRuns' `mapRuns`.
    package var listEntry: JSONValue {
        var o = JSONObject()
        o["executionArn"] = .string(run.executionArn)
        o["mapRunArn"] = .string(run.mapRunArn)
        o["stateMachineArn"] = .string(stateMachineArn)
        o["startDate"] = dates.value(run.startDate)
        if let stop = run.stopDate { o["stopDate"] = dates.value(stop) }
        return .object(o)
    }

    /// DescribeMapRun's response.
    package var description: JSONValue {
        var o = JSONObject()
        o["mapRunArn"] = .string(run.mapRunArn)
        o["executionArn"] = .string(run.executionArn)
        o["status"] = .string(run.status.rawValue)
        o["startDate"] = dates.value(run.startDate)
        if let stop = run.stopDate { o["stopDate"] = dates.value(stop) }
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
}
