/// What an SNS subscription's filter policy is matched against (the subscription's `FilterPolicyScope` attribute).
package enum FilterPolicyScope: String, Sendable {
    /// The Publish call's message attributes; AWS's default when a subscription sets no scope.
    case messageAttributes = "MessageAttributes"
    /// The message body, which must be a JSON object for anything to match.
    case messageBody = "MessageBody"
}
