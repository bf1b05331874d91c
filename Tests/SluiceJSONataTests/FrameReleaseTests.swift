import SluiceJSON
import Testing

@testable import SluiceJSONata

/// A function bound to a variable holds the frame it was defined in, which holds the function: found by
/// LeakSanitizer (`make sanitize`), every evaluation of `$f := function…` leaked its frames until the evaluation
/// let go of them at its end.
@Suite struct FrameReleaseTests {
    @Test(arguments: [
        "($f := function($n){ $n <= 1 ? 1 : $n * $f($n - 1) }; $f(5))",
        "($g := function($x){ $x + 1 }; ($h := function(){ $g(1) }; $h()))",
    ])
    func theFramesOfAnEvaluationAreFreedAfterIt(text: String) throws {
        let expression = try JSONataExpression(text)
        weak var released: Frame?
        do {
            let frame = Frame(Library.frame)
            released = frame
            let result = try expression.evaluateInternal(input: nil, frame: frame, environment: JSONataEnvironment())
            #expect(result != nil)
        }
        #expect(released == nil)
    }
}
