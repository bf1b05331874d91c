import SluiceJSON

/// What the API changed of a function file: its concurrency (PutFunctionConcurrency,
/// PutProvisionedConcurrencyConfig), kept apart from the file in var/lib/sluice/config/functions/NAME.json so that
/// /etc/sluice stays the administrator's, and laid over the file whenever functions load (so it survives restarts).
package enum FunctionOverlay {
    /// The function-file fields an overlay may set; an overlay's other fields are its own bookkeeping (the
    /// provisioned concurrency's qualifier) and never reach the definition.
    package static let fields: Set<String> = ["ReservedConcurrency", "ProvisionedConcurrency"]

    /// `file` (a function file's object) with `overlay`'s fields over it; a field set to null takes the file's
    /// setting away (DeleteFunctionConcurrency of a function whose file reserves some).
    package static func apply(_ overlay: JSONValue, to file: JSONValue) -> JSONValue {
        guard case .object(var object) = file, case .object(let changes) = overlay else { return file }
        for (key, value) in changes.entries where fields.contains(key) {
            if case .null = value { object[key] = nil } else { object[key] = value }
        }
        return .object(object)
    }
}
