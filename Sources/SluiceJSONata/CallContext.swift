/// What a built-in sees of its call: the evaluator (to call function arguments back), the context value and
/// the frame.
struct CallContext {
    unowned let evaluator: Evaluator
    var input: JV?
    var frame: Frame
}
