/// One way for a message to match: every field must match (AND). A policy without `$or` has a single branch;
/// each `$or` alternative multiplies the branches out, and a message matches when any branch does.
struct FilterPolicyBranch: Sendable, Equatable {
    /// A policy key with its array of conditions (OR).
    struct Field: Sendable, Equatable {
        /// The keys leading to the conditions, joined with "." (AWS flattens messages the same way, so
        /// `{"a.b": …}` and `{"a": {"b": …}}` address the same values).
        var path: String
        /// The policy key the path starts with (what the 5-key limit counts).
        var topLevelKey: String
        /// How many objects deep the array sits (1 for a top-level key); nesting weighs on complexity.
        var depth: Int
        var patterns: [FilterPolicyPattern]
    }

    /// In the order first written; a path written again in the same branch replaces the earlier conditions.
    private(set) var fields: [Field] = []

    mutating func set(_ field: Field) {
        if let i = fields.firstIndex(where: { $0.path == field.path }) {
            fields[i] = field
        } else {
            fields.append(field)
        }
    }

    /// The branch's share of the policy's combinations: the product of each array's length times its depth.
    var combinations: Int {
        var product = 1
        for field in fields {
            let (weighted, overflow1) = field.patterns.count.multipliedReportingOverflow(by: field.depth)
            let (next, overflow2) = product.multipliedReportingOverflow(by: weighted)
            if overflow1 || overflow2 { return Int.max }
            product = next
        }
        return product
    }
}
