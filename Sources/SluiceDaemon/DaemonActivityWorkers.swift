import SluiceASL
import SluiceEngine
import SluiceJSON

/// The daemon's activity workers: a task of an activity CreateActivity made goes to the queue GetActivityTask
/// takes from; one of an activity that does not exist fails the task.
struct DaemonActivityWorkers: ActivityWorkers {
    let runtime: DaemonRuntime

    func perform(_ task: ActivityTask) async -> Result<JSONValue, StatesError> {
        let name = String(task.activityArn.split(separator: ":").last ?? "")
        guard runtime.activityDefinitions.activity(name) != nil else {
            return .failure(.runtime("Activity does not exist: '\(task.activityArn)'"))
        }
        return await runtime.activities.schedule(task)
    }
}
