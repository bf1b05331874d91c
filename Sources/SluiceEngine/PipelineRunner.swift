import Foundation
import SluiceASL
import SluiceInterpreter
import SluiceJSON
import SluiceTopics
import SluiceVocabulary
import SluiceWorkers

/// Runs one execution in-process with everything a definition can reach from the shell: functions for Task
/// states, and buckets under ROOT for Distributed Map ItemReaders and ResultWriters, as the daemon resolves them.
package enum PipelineRunner {
    package static func run(
        _ machine: StateMachineDefinition,
        name: String,
        input: JSONValue,
        root: String,
        host: FunctionHost,
        maxWorkers: Int,
        region: String = "local",
        account: String = "000000000000"
    ) async -> ExecutionOutcome {
        let context = ExecutionContext.make(
            stateMachineName: name,
            executionName: UUID().uuidString.lowercased(),
            region: region,
            account: account,
            startTime: LocalRunner.now()
        )
        var execution = Execution(
            definition: machine,
            context: context,
            input: input,
            seed: UInt64.random(in: 0...UInt64.max)
        )
        return await run(&execution, root: root, host: host, maxWorkers: maxWorkers, maintainWorkers: true)
    }

    /// Runs a prepared execution to its end. `onPublish` hears every message an sns:publish Task stores (the
    /// daemon delivers it); `children` starts the executions of startExecution Tasks and `activities` hands activity
    /// Tasks to workers (the daemon's; `sluice run` has neither); with `maintainWorkers`, idle workers are reaped while it runs (the daemon does that once for all
    /// executions instead).
    /// The most Distributed Map children an execution runs at once with `maxWorkers` workers.
    package static func ceiling(maxWorkers: Int) -> Int { max(2, maxWorkers * 2) }

    package static func run(
        _ execution: inout Execution,
        root: String,
        host: FunctionHost,
        maxWorkers: Int,
        distributedConcurrencyCeiling: Int? = nil,
        maintainWorkers: Bool,
        onPublish: @escaping @Sendable (TopicMessage) async -> Void = { _ in },
        children: any ChildExecutions = NoChildExecutions(),
        activities: any ActivityWorkers = NoActivityWorkers(),
        onProgress: (@Sendable ([MapRunProgress]) -> Void)? = nil,
        onChildEnded: (@Sendable (String, ChildExecutionRecord) -> Void)? = nil,
        onHistory: (@Sendable ([HistoryEvent]) -> Void)? = nil,
        controls: AsyncStream<ExecutionEvent>? = nil,
        callbacks: TaskCallbacks? = nil,
        journal: (any ExecutionJournal)? = nil,
        replaying: [ReplayedEvent] = [],
        redriving: Bool = false,
        clock: WallClock = .system
    ) async -> ExecutionOutcome {
        let region = execution.context.region
        let account = execution.context.account
        // Child executions beyond what the workers can take would only wait in memory. A resumed execution keeps
        // the ceiling it started with: its replay must start children as its journal recorded them.
        execution.distributedConcurrencyCeiling = distributedConcurrencyCeiling ?? Self.ceiling(maxWorkers: maxWorkers)
        let tasks = LambdaTasks(host: host, region: region, account: account)
        let topics = TopicTasks(
            store: TopicStore(directory: SluicePaths(root: root).topics, region: region, account: account),
            executionArn: execution.context.executionArn,
            onPublish: onPublish
        )
        let nested = NestedExecutionTasks(children: children, executionArn: execution.context.executionArn)
        let activityTasks = ActivityTasks(workers: activities, executionArn: execution.context.executionArn)
        var runner = LocalRunner(mapIO: BucketMapIO(bucketsDirectory: SluicePaths(root: root).buckets)) {
            invocation in
            if let result = await tasks.handle(invocation) { return result }
            if let result = await topics.handle(invocation) { return result }
            if let result = await nested.handle(invocation) { return result }
            if let result = await activityTasks.handle(invocation) { return result }
            return await LocalRunner.unimplemented(invocation)
        }
        runner.onProgress = onProgress
        runner.onChildEnded = onChildEnded
        runner.onHistory = onHistory
        runner.controls = controls
        runner.callbacks = callbacks.map {
            LocalRunner.Callbacks(registry: $0, executionArn: execution.context.executionArn)
        }
        runner.journal = journal
        runner.replaying = replaying
        runner.redriving = redriving
        runner.wallClock = clock
        guard maintainWorkers else { return await runner.run(&execution) }
        return await withTaskGroup(of: Void.self) { group in
            group.addTask { await host.maintain() }
            let outcome = await runner.run(&execution)
            group.cancelAll()
            return outcome
        }
    }
}
