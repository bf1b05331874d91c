/// Step Functions' map run statuses (DescribeMapRun's `status`), spelled as AWS spells them.
package enum MapRunStatus: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    case running = "RUNNING"
    case succeeded = "SUCCEEDED"
    case failed = "FAILED"
    case aborted = "ABORTED"

    package var description: String { rawValue }
}
