import SluiceAWS
import SluiceEngine
import SluiceJSON
import SluiceVocabulary

/// Activities: created, described, listed and deleted as files under var/lib/sluice/config/activities
/// (ActivityDefinitions), named `arn:aws:states:REGION:ACCOUNT:activity:NAME`.
extension StepFunctionsAPI {
    func activityArn(_ name: String) -> String { "arn:aws:states:\(region):\(account):activity:\(name)" }

    func createActivity(_ operation: JSONOperation) throws(AWSError) -> JSONValue {
        let name = try operation.required("name")
        guard ControlRequests.isValidName(name) else { throw AWSError("InvalidName", "Invalid Name: '\(name)'") }
        let now = Double(runtime.clock.now().epochMilliseconds) / 1000
        let activity: ActivityDefinitions.Activity
        do {
            activity = try runtime.activityDefinitions.create(name, at: now)
        } catch {
            throw AWSError.internalFailure("cannot save activity \(name): \(error)")
        }
        return ["activityArn": .string(activityArn(name)), "creationDate": .double(activity.creationDate)]
    }

    func describeActivity(_ operation: JSONOperation) throws(AWSError) -> JSONValue {
        let activity = try existingActivity(operation)
        return [
            "activityArn": .string(activityArn(activity.name)), "name": .string(activity.name),
            "creationDate": .double(activity.creationDate),
        ]
    }

    func deleteActivity(_ operation: JSONOperation) throws(AWSError) -> JSONValue {
        let name = try Self.name(fromArn: try operation.required("activityArn"), kind: "activity")
        runtime.activityDefinitions.delete(name)
        return [:]
    }

    func listActivities(_ operation: JSONOperation) throws(AWSError) -> JSONValue {
        let page = try Page.of(runtime.activityDefinitions.all(), operation)
        var o = JSONObject()
        o["activities"] = .array(
            page.items.map {
                [
                    "activityArn": .string(activityArn($0.name)), "name": .string($0.name),
                    "creationDate": .double($0.creationDate),
                ]
            }
        )
        if let token = page.nextToken { o["nextToken"] = .string(token) }
        return .object(o)
    }

    /// The activity `activityArn` names, or AWS's ActivityDoesNotExist.
    func existingActivity(_ operation: JSONOperation) throws(AWSError) -> ActivityDefinitions.Activity {
        let arn = try operation.required("activityArn")
        let name = try Self.name(fromArn: arn, kind: "activity")
        guard let activity = runtime.activityDefinitions.activity(name) else {
            throw AWSError("ActivityDoesNotExist", "Activity Does Not Exist: '\(arn)'")
        }
        return activity
    }
}
