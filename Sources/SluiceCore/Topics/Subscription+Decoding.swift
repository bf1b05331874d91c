import SluiceJSON
import SluicePatterns

extension Subscription {
    /// Decodes a subscription file; every problem names the file and field.
    package static func decode(_ json: JSONValue, file: String, name: String) -> Result<Subscription, ConfigErrors> {
        var problems: [ConfigProblem] = []
        guard case .object(let object) = json else {
            return .failure(
                ConfigErrors([ConfigProblem(file: file, location: "/", message: "a subscription must be a JSON object")]
                )
            )
        }
        var r = ConfigReader(object, file: file, location: "")
        var topic: String?
        if let arn = r.string("TopicArn", &problems) {
            if case .topic(let t)? = ResourceName.parse(arn) {
                topic = t
            } else {
                problems.append(
                    r.problem("TopicArn", "must be an SNS topic ARN (arn:aws:sns:REGION:ACCOUNT:TOPIC), not '\(arn)'")
                )
            }
        }
        if let t = r.string("Topic", &problems) {
            if topic != nil { problems.append(r.problem("Topic", "give TopicArn or Topic, not both")) }
            topic = t
        }
        if topic == nil, !r.has("TopicArn"), !r.has("Topic") {
            problems.append(r.problem(nil, "the field 'TopicArn' (or 'Topic') is required"))
        }
        if let p = r.string("Protocol", &problems), p != "exec" {
            problems.append(r.problem("Protocol", "sluice delivers with protocol 'exec' only, not '\(p)'"))
        } else if !r.has("Protocol") {
            problems.append(r.problem(nil, "the field 'Protocol' is required (\"exec\")"))
        }
        let endpoint = Self.endpoint(&r, file: file, &problems)
        var scope = FilterPolicyScope.messageAttributes
        if let s = r.string("FilterPolicyScope", &problems) {
            if let parsed = FilterPolicyScope(rawValue: s) {
                scope = parsed
            } else {
                problems.append(r.problem("FilterPolicyScope", "must be MessageAttributes or MessageBody, not '\(s)'"))
            }
        }
        var policy: FilterPolicy?
        switch r.raw("FilterPolicy") {
        case nil: break
        case .string(let text)?:
            do {
                policy = try FilterPolicy(text: text, scope: scope)
            } catch {
                problems.append(r.problem("FilterPolicy", "\(error.code): \(error.message)"))
            }
        case let value?:
            do {
                policy = try FilterPolicy(value, scope: scope)
            } catch {
                problems.append(r.problem("FilterPolicy", "\(error.code): \(error.message)"))
            }
        }
        let raw = r.bool("RawMessageDelivery", &problems) ?? false
        var delivery = DeliveryPolicy()
        if let d = r.object("DeliveryPolicy", &problems) {
            delivery = decodeDeliveryPolicy(d, file: file, location: r.at("DeliveryPolicy"), problems: &problems)
        }
        r.reportUnknown(&problems)
        guard problems.isEmpty, let topic, let endpoint else { return .failure(ConfigErrors(problems)) }
        return .success(
            Subscription(
                name: name,
                topic: topic,
                endpoint: endpoint,
                filterPolicy: policy,
                filterPolicyScope: scope,
                rawMessageDelivery: raw,
                deliveryPolicy: delivery,
                file: file
            )
        )
    }

    /// SNS's DeliveryPolicy document: `{"healthyRetryPolicy": {...}, "throttlePolicy": {...}}`.
    private static func decodeDeliveryPolicy(
        _ object: JSONObject,
        file: String,
        location: String,
        problems: inout [ConfigProblem]
    ) -> DeliveryPolicy {
        var policy = DeliveryPolicy()
        var r = ConfigReader(object, file: file, location: location)
        // Throttling has no meaning for local scripts; it is accepted so AWS documents load unchanged.
        _ = r.object("throttlePolicy", &problems)
        _ = r.bool("guaranteed", &problems)
        if let healthy = r.object("healthyRetryPolicy", &problems) {
            var h = ConfigReader(healthy, file: file, location: r.at("healthyRetryPolicy"))
            if let v = h.int("numRetries", in: 0...100, &problems) { policy.numRetries = v }
            if let v = h.int("numNoDelayRetries", in: 0...100, &problems) { policy.numNoDelayRetries = v }
            if let v = h.int("minDelayTarget", in: 0...3600, &problems) { policy.minDelayTarget = v }
            if let v = h.int("maxDelayTarget", in: 0...3600, &problems) { policy.maxDelayTarget = v }
            if let v = h.int("numMinDelayRetries", in: 0...100, &problems) { policy.numMinDelayRetries = v }
            if let v = h.int("numMaxDelayRetries", in: 0...100, &problems) { policy.numMaxDelayRetries = v }
            if let f = h.string("backoffFunction", &problems) {
                if let parsed = DeliveryPolicy.BackoffFunction(rawValue: f) {
                    policy.backoffFunction = parsed
                } else {
                    problems.append(
                        h.problem("backoffFunction", "must be linear, arithmetic, geometric or exponential")
                    )
                }
            }
            if policy.minDelayTarget > policy.maxDelayTarget {
                problems.append(h.problem("minDelayTarget", "must not exceed maxDelayTarget"))
            }
            if policy.numNoDelayRetries + policy.numMinDelayRetries + policy.numMaxDelayRetries > policy.numRetries {
                problems.append(
                    h.problem(
                        "numRetries",
                        "must be at least numNoDelayRetries + numMinDelayRetries + numMaxDelayRetries"
                    )
                )
            }
            h.reportUnknown(&problems)
        }
        r.reportUnknown(&problems)
        return policy
    }

    /// The script to run: required; a relative path is taken from the folder of the file that names it, so one
    /// configuration works under any root.
    static func endpoint(_ r: inout ConfigReader, file: String, _ problems: inout [ConfigProblem]) -> String? {
        guard let given = r.string("Endpoint", &problems) else {
            if !r.has("Endpoint") {
                problems.append(r.problem(nil, "the field 'Endpoint' (the script to run) is required"))
            }
            return nil
        }
        guard !given.isEmpty else {
            problems.append(r.problem("Endpoint", "must be the path of the script to run, not empty"))
            return nil
        }
        if given.hasPrefix("/") { return given }
        return folder(of: file) + "/" + (given.hasPrefix("./") ? String(given.dropFirst(2)) : given)
    }

    /// The folder of a file's path ("." for a bare name).
    static func folder(of file: String) -> String {
        guard let slash = file.lastIndex(of: "/") else { return "." }
        return slash == file.startIndex ? "/" : String(file[..<slash])
    }
}
