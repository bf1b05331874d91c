import SluiceJSON

/// A value or a function bound to a variable before evaluation (`"states"` binds `$states`).
package enum JSONataBinding: Sendable {
    case value(JSONValue)
    case function(JSONataNativeFunction)
}
