import SluiceJSON

extension BucketDeclaration {
    /// Decodes a bucket file:
    ///
    ///     {"Bucket": "inbox", "NotificationConfiguration": {"EventBridgeConfiguration": {}}}
    ///
    /// `Bucket` is optional (the file's stem names the bucket) and must agree with the stem when given; the
    /// notification configuration takes S3's shape, of which sluice delivers to EventBridge only.
    package static func decode(_ json: JSONValue, file: String, name: String) -> Result<BucketDeclaration, ConfigErrors>
    {
        var problems: [ConfigProblem] = []
        guard case .object(let object) = json else {
            return .failure(
                ConfigErrors([ConfigProblem(file: file, location: "/", message: "a bucket must be a JSON object")])
            )
        }
        var r = ConfigReader(object, file: file, location: "")
        if let given = r.string("Bucket", &problems), given != name {
            problems.append(r.problem("Bucket", "names bucket '\(given)', but the file declares '\(name)' (its name)"))
        }
        if let message = BucketName.problem(name) {
            problems.append(
                ConfigProblem(file: file, location: "/", message: "'\(name)' (the file's name): \(message)")
            )
        }
        _ = r.string("Description", &problems)
        var eventBridge = false
        if let notifications = r.object("NotificationConfiguration", &problems) {
            var n = ConfigReader(notifications, file: file, location: "/NotificationConfiguration")
            if let configuration = n.raw("EventBridgeConfiguration") {
                if case .object(let o) = configuration, o.isEmpty {
                    eventBridge = true
                } else {
                    problems.append(n.problem("EventBridgeConfiguration", "must be an empty object ({}), as in S3"))
                }
            }
            for other in ["TopicConfigurations", "QueueConfigurations", "LambdaFunctionConfigurations"]
            where n.has(other) {
                _ = n.raw(other)
                problems.append(
                    n.problem(other, "sluice sends bucket events to EventBridge only (EventBridgeConfiguration)")
                )
            }
            n.reportUnknown(&problems)
        }
        r.reportUnknown(&problems)
        guard problems.isEmpty else { return .failure(ConfigErrors(problems)) }
        return .success(BucketDeclaration(name: name, file: file, sendsEventsToEventBridge: eventBridge))
    }
}
