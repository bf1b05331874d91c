import SluiceASL
import SluiceJSON
import Synchronization
import Testing

@testable import SluiceEngine
@testable import SluiceInterpreter

/// Task states on activities, against workers a test plays.
struct ActivityTasksTests {
    /// Answers every task with its input under "seen", remembering each.
    private final class EchoWorkers: ActivityWorkers {
        let tasks = Mutex<[ActivityTask]>([])

        func perform(_ task: ActivityTask) async -> Result<JSONValue, StatesError> {
            tasks.withLock { $0.append(task) }
            return .success(["seen": task.input])
        }
    }

    @Test("An activity ARN goes to the workers with a token derived from the execution and the task")
    func scheduled() async throws {
        let workers = EchoWorkers()
        let parent = "arn:aws:states:local:000000000000:execution:m:e"
        let tasks = ActivityTasks(workers: workers, executionArn: parent)
        let activity = "arn:aws:states:us-east-1:111111111111:activity:work"
        func invocation(_ token: Int, _ resource: String = activity) -> TaskInvocation {
            TaskInvocation(token: token, resource: resource, input: ["n": .int(token)], stateName: "W")
        }
        let output = try #require(try await tasks.handle(invocation(3))?.get())
        _ = await tasks.handle(invocation(3))
        _ = await tasks.handle(invocation(4))
        #expect(output == ["seen": ["n": 3]])
        let seen = workers.tasks.withLock { $0 }
        #expect(seen.map(\.activityArn) == [activity, activity, activity])
        #expect(seen[0].taskToken == seen[1].taskToken)
        #expect(seen[0].taskToken != seen[2].taskToken)
        #expect(seen[0].taskToken.count == 36)
        #expect(seen[2].executionArn == parent && seen[2].token == 4)
        #expect(await tasks.handle(invocation(5, "arn:aws:states:::lambda:invoke")) == nil)
        #expect(await tasks.handle(invocation(5, "arn:aws:states:us-east-1:111111111111:activity:")) == nil)
        let alone = ActivityTasks(workers: NoActivityWorkers(), executionArn: parent)
        guard case .failure(let error)? = await alone.handle(invocation(6)) else {
            Issue.record("expected a failure")
            return
        }
        #expect(error.name == "States.Runtime")
        #expect(error.cause?.contains("activities need sluiced") == true)
    }
}
