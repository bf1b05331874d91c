import SluiceASL
import SluiceEngine
import SluiceJSON
import Synchronization

/// Activity tasks between the executions that scheduled them and the workers that poll for them: each activity's
/// tasks not yet taken (oldest first) and its workers waiting in GetActivityTask; every task waiting for its answer
/// by token. In memory: after a restart the executions carried on schedule their tasks again, with the same tokens.
final class ActivityQueue: Sendable {
    /// Whether `token` has the shape of this queue's tokens (a UUID): SendTask* tells them from callback tokens by it.
    static func isToken(_ token: String) -> Bool {
        token.count == 36 && token.split(separator: "-").map(\.count) == [8, 4, 4, 4, 12]
    }

    private struct Waiting {
        var task: ActivityTask
        var answer: CheckedContinuation<Result<JSONValue, StatesError>, Never>
    }

    private struct Poller {
        var id: Int
        var continuation: CheckedContinuation<ActivityTask?, Never>
    }

    private struct State {
        var queued: [String: [ActivityTask]] = [:]
        var pollers: [String: [Poller]] = [:]
        var waiting: [String: Waiting] = [:]
        var nextPoller = 0
        /// Polls that timed out or were cancelled before they registered.
        var expired: Set<Int> = []
    }

    private let state = Mutex(State())

    init() {}

    /// Hands the task to a waiting worker or queues it, and waits for its answer; cancelled, the task is taken back.
    func schedule(_ task: ActivityTask) async -> Result<JSONValue, StatesError> {
        await withTaskCancellationHandler {
            await withCheckedContinuation { (answer: CheckedContinuation<Result<JSONValue, StatesError>, Never>) in
                let (cancelled, poller) = state.withLock { s -> (Bool, Poller?) in
                    if Task.isCancelled { return (true, nil) }
                    s.waiting[task.taskToken] = Waiting(task: task, answer: answer)
                    if let first = s.pollers[task.activityArn]?.first {
                        s.pollers[task.activityArn]?.removeFirst()
                        return (false, first)
                    }
                    s.queued[task.activityArn, default: []].append(task)
                    return (false, nil)
                }
                if cancelled { answer.resume(returning: .failure(.runtime("The activity task was cancelled"))) }
                poller?.continuation.resume(returning: task)
            }
        } onCancel: {
            let answer = state.withLock { s in
                s.queued[task.activityArn]?.removeAll { $0.taskToken == task.taskToken }
                return s.waiting.removeValue(forKey: task.taskToken)?.answer
            }
            answer?.resume(returning: .failure(.runtime("The activity task was cancelled")))
        }
    }

    /// GetActivityTask: the oldest queued task of the activity, or the next one scheduled within `timeout`; nil
    /// when none comes.
    func poll(_ activityArn: String, timeout: Duration) async -> ActivityTask? {
        let id = state.withLock { s in
            s.nextPoller += 1
            return s.nextPoller
        }
        let timer = Task {
            guard (try? await Task.sleep(for: timeout)) != nil else { return }
            expire(id, activityArn)
        }
        defer { timer.cancel() }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<ActivityTask?, Never>) in
                let (ready, now) = state.withLock { s -> (ActivityTask?, Bool) in
                    if s.expired.remove(id) != nil || Task.isCancelled { return (nil, true) }
                    if let first = s.queued[activityArn]?.first {
                        s.queued[activityArn]?.removeFirst()
                        return (first, true)
                    }
                    s.pollers[activityArn, default: []].append(Poller(id: id, continuation: continuation))
                    return (nil, false)
                }
                if now { continuation.resume(returning: ready) }
            }
        } onCancel: {
            expire(id, activityArn)
        }
    }

    /// A poll gives up: answered with no task, or marked so that it gives up as it registers.
    private func expire(_ id: Int, _ activityArn: String) {
        let poller = state.withLock { s -> Poller? in
            guard let index = s.pollers[activityArn]?.firstIndex(where: { $0.id == id }) else {
                s.expired.insert(id)
                return nil
            }
            return s.pollers[activityArn]?.remove(at: index)
        }
        poller?.continuation.resume(returning: nil)
    }

    /// SendTaskSuccess / SendTaskFailure: the waiting task of `taskToken` gets its answer; false when no task waits
    /// for that token.
    func answer(_ taskToken: String, with result: Result<JSONValue, StatesError>) -> Bool {
        let waiting = state.withLock { s in
            guard let waiting = s.waiting.removeValue(forKey: taskToken) else { return nil as Waiting? }
            s.queued[waiting.task.activityArn]?.removeAll { $0.taskToken == taskToken }
            return waiting
        }
        waiting?.answer.resume(returning: result)
        return waiting != nil
    }

    /// The task waiting for `taskToken`, for SendTaskHeartbeat.
    func task(_ taskToken: String) -> ActivityTask? {
        state.withLock { $0.waiting[taskToken]?.task }
    }
}
