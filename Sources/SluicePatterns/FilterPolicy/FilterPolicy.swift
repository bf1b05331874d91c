import SluiceJSON

/// An SNS subscription filter policy, validated once and matched against every published message.
///
/// Validation follows what SNS answers to Subscribe / SetSubscriptionAttributes: AWS's rule syntax (operators
/// `exists`, `prefix`, `suffix`, `equals-ignore-case`, `anything-but` with values or a prefix, `numeric`, `cidr`,
/// and `$or`), then at most 5 keys and 150 combinations, and no nesting in the MessageAttributes scope.
/// Errors carry code `InvalidParameter` and AWS's message.
package struct FilterPolicy: Sendable {
    /// What the policy is matched against.
    package let scope: FilterPolicyScope
    /// Alternatives (from `$or`); a message matches when one of them does.
    let branches: [FilterPolicyBranch]
    /// Every flattened path the policy names, and each one's leading parts (what a body must be read for).
    private let paths: Set<String>
    private let pathPrefixes: Set<String>

    /// The most combinations of values a policy may have.
    static let maximumCombinations = 150
    /// The most keys a policy may have (the top-level ones of each alternative).
    static let maximumKeys = 5

    /// Reads a policy from its JSON text (the `FilterPolicy` subscription attribute).
    package init(text: String, scope: FilterPolicyScope) throws(PatternError) {
        let document: JSONValue
        do {
            document = try FilterPolicyDocument.parse(text)
        } catch {
            throw Self.invalidParameter(error.reason, scope: scope)
        }
        try self.init(document, scope: scope)
    }

    /// Validates an already parsed policy document.
    package init(_ policy: JSONValue, scope: FilterPolicyScope) throws(PatternError) {
        let compiled: FilterPolicyCompiler
        do {
            compiled = try FilterPolicyCompiler.compile(policy)
        } catch {
            throw Self.invalidParameter(error.reason, scope: scope)
        }
        if scope == .messageAttributes, compiled.hasNestedField {
            // SNS words this one differently: no "FilterPolicy:" and no "Attributes Reason:".
            throw PatternError(
                code: "InvalidParameter",
                message:
                    "Invalid parameter: Filter policy scope MessageAttributes does not support nested filter policy"
            )
        }
        for branch in compiled.branches where Set(branch.fields.map(\.topLevelKey)).count > Self.maximumKeys {
            throw Self.invalidParameter("Filter policy can not have more than 5 keys", scope: scope)
        }
        let combinations = compiled.branches.reduce(0) { total, branch in
            let (sum, overflow) = total.addingReportingOverflow(branch.combinations)
            return overflow ? Int.max : sum
        }
        if compiled.exceededBranchLimit || combinations > Self.maximumCombinations {
            throw Self.invalidParameter("Filter policy is too complex", scope: scope)
        }
        self.scope = scope
        self.branches = compiled.branches
        let paths = Set(compiled.branches.flatMap { $0.fields.map(\.path) })
        self.paths = paths
        var prefixes: Set<String> = []
        for path in paths {
            for dot in path.indices where path[dot] == "." { prefixes.insert(String(path[..<dot])) }
        }
        self.pathPrefixes = prefixes
    }

    /// Whether SNS would deliver a message published with this body and these attributes.
    ///
    /// - Parameters:
    ///   - message: the Publish `Message`; in the MessageBody scope it must be a JSON object to match at all.
    ///   - attributes: the Publish MessageAttributes object (`{"name": {"DataType", "StringValue" | "BinaryValue"}}`).
    package func matches(message: String, attributes: JSONObject) -> Bool {
        let fields: FilterPolicyMessageFields
        switch scope {
        case .messageAttributes:
            fields = .attributes(attributes)
        case .messageBody:
            guard case .object(let body)? = try? JSONParser.parse(message) else { return false }
            fields = .body(body, paths: paths, prefixes: pathPrefixes)
        }
        return branches.contains { $0.matches(fields) }
    }

    /// SNS's message for a refused policy. Its prefix depends on the call that set the policy (Subscribe says
    /// "Attributes Reason:", SetSubscriptionAttributes does not); the scope picks the call each scope is usually
    /// configured with.
    static func invalidParameter(_ reason: String, scope: FilterPolicyScope) -> PatternError {
        let call = scope == .messageAttributes ? "Attributes Reason: " : ""
        return PatternError(code: "InvalidParameter", message: "Invalid parameter: \(call)FilterPolicy: \(reason)")
    }
}
