import SluiceASL
import SluiceJSON

/// `sluice run`: no workers can reach an execution run alone, so an activity task fails at once, saying so.
package struct NoActivityWorkers: ActivityWorkers {
    package init() {}

    package func perform(_ task: ActivityTask) async -> Result<JSONValue, StatesError> {
        .failure(.runtime("sluice run cannot schedule \(task.activityArn): activities need sluiced"))
    }
}
