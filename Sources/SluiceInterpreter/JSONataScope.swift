import SluiceJSON

/// What `$states` holds for one JSONata evaluation: the state's input, and where the field allows them its result,
/// its error output (in a Catch) and the Map item being prepared (in ItemSelector, as `$states.context.Map.Item`).
struct JSONataScope {
    var input: JSONValue
    var result: JSONValue?
    var errorOutput: JSONValue?
    var mapItem: Execution.MapItem?

    init(input: JSONValue, result: JSONValue? = nil, errorOutput: JSONValue? = nil, mapItem: Execution.MapItem? = nil) {
        self.input = input
        self.result = result
        self.errorOutput = errorOutput
        self.mapItem = mapItem
    }
}
