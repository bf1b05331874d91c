/// sluiced's metrics: Prometheus names (`sluice_` prefix, `_total` counters, `_seconds` units) and the help text
/// each carries, which names the CloudWatch metric it mirrors.
enum MetricName {
    static let executionsStarted = "sluice_executions_started_total"
    static let executionsSucceeded = "sluice_executions_succeeded_total"
    static let executionsFailed = "sluice_executions_failed_total"
    static let executionsTimedOut = "sluice_executions_timed_out_total"
    static let executionsAborted = "sluice_executions_aborted_total"
    static let mapRunItemsProcessed = "sluice_map_run_items_processed_total"
    static let mapRunItemsFailed = "sluice_map_run_items_failed_total"
    static let functionInvocations = "sluice_function_invocations_total"
    static let functionErrors = "sluice_function_errors_total"
    static let functionThrottles = "sluice_function_throttles_total"
    static let functionDuration = "sluice_function_duration_seconds"
    static let functionConcurrent = "sluice_function_concurrent_executions"
    static let workersBusy = "sluice_workers_busy"
    static let workersMax = "sluice_workers_max"
    static let deliveriesDelivered = "sluice_deliveries_delivered_total"
    static let deliveriesDeadLettered = "sluice_deliveries_dead_lettered_total"
    static let journalWrite = "sluice_journal_write_seconds"
    static let bucketWatchOverflows = "sluice_bucket_watch_queue_overflows_total"

    /// `# HELP` for each name. Every metric made must have one (the factory refuses a name without).
    static let help: [String: String] = [
        executionsStarted: "Executions started, per state machine (Step Functions ExecutionsStarted)",
        executionsSucceeded: "Executions that succeeded, per state machine (Step Functions ExecutionsSucceeded)",
        executionsFailed: "Executions that failed, per state machine (Step Functions ExecutionsFailed)",
        executionsTimedOut: "Executions that timed out, per state machine (Step Functions ExecutionsTimedOut)",
        executionsAborted: "Executions aborted, per state machine (Step Functions ExecutionsAborted)",
        mapRunItemsProcessed:
            "Distributed Map items processed, succeeded or failed, per state machine (DescribeMapRun itemCounts succeeded + failed; Step Functions has no CloudWatch metric for items)",
        mapRunItemsFailed:
            "Distributed Map items failed, per state machine (DescribeMapRun itemCounts failed; Step Functions has no CloudWatch metric for items)",
        functionInvocations: "Function invocations that ran, per function (Lambda Invocations)",
        functionErrors:
            "Invocations that ended in an error, the function's or its worker's crash or timeout, per function (Lambda Errors)",
        functionThrottles:
            "Invocations that found the function's concurrency full and waited (sluice queues them; Lambda refuses), or that ReservedConcurrency 0 refused, per function (Lambda Throttles)",
        functionDuration: "Invocation durations, per function (Lambda Duration)",
        functionConcurrent: "Invocations running now, per function (Lambda ConcurrentExecutions)",
        workersBusy: "Workers running an invocation now, all functions (Lambda ConcurrentExecutions, account level)",
        workersMax:
            "MaxWorkers, the global worker budget (Lambda's account concurrency limit, ConcurrentExecutions' quota)",
        deliveriesDelivered: "Topic messages delivered to a subscriber (SNS NumberOfNotificationsDelivered)",
        deliveriesDeadLettered:
            "Topic messages a subscriber never took, dead-lettered (SNS NumberOfNotificationsRedrivenToDlq)",
        journalWrite:
            "Time to write one group of the executions' journal to sluice.db (sluice's own; no CloudWatch counterpart)",
        bucketWatchOverflows:
            "Times the kernel's inotify queue overflowed and every bucket was listed again (sluice's own; no CloudWatch counterpart)",
    ]
}
