import SluiceASL
import SluiceJSON
import Testing

struct DefinitionDecoderTests {
    private func problems(_ text: String) -> [DefinitionProblem] {
        if case .failure(let e) = DefinitionDecoder.decode(text: text) { return e.problems }
        return []
    }

    @Test("A valid definition decodes")
    func valid() {
        #expect(problems(#"{"StartAt":"A","States":{"A":{"Type":"Pass","End":true}}}"#).isEmpty)
    }

    @Test("Unknown fields are reported with their location")
    func unknownField() {
        let p = problems(#"{"StartAt":"A","States":{"A":{"Type":"Pass","End":true,"Bogus":1}}}"#)
        #expect(p.map(\.location) == ["/States/A/Bogus"])
    }

    @Test("A missing Next target and an unreachable state are both reported")
    func graph() {
        let p = problems(
            #"{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"Nowhere"},"B":{"Type":"Succeed"}}}"#
        )
        #expect(p.contains { $0.code == "MISSING_TRANSITION_TARGET" && $0.location == "/States/A/Next" })
        #expect(p.contains { $0.code == "UNREACHABLE_STATE" && $0.location == "/States/B" })
    }

    @Test("A state needs Next or End")
    func missingTransition() {
        let p = problems(#"{"StartAt":"A","States":{"A":{"Type":"Pass"}}}"#)
        #expect(p.contains { $0.code == "MISSING_TRANSITION_TARGET" })
    }

    @Test("A JSONata machine decodes; a JSONPath field in it is reported with the language named")
    func jsonata() {
        #expect(
            problems(#"{"QueryLanguage":"JSONata","StartAt":"A","States":{"A":{"Type":"Pass","End":true}}}"#).isEmpty
        )
        let p = problems(
            #"{"QueryLanguage":"JSONata","StartAt":"A","States":{"A":{"Type":"Pass","InputPath":"$","End":true}}}"#
        )
        #expect(p.contains { $0.location == "/States/A/InputPath" && $0.message.contains("'JSONata'") })
    }

    @Test("Bad paths, bad Retry and a negative MaxConcurrency are all reported")
    func manyProblems() {
        let p = problems(
            #"""
            {"StartAt":"M","States":{"M":{"Type":"Map","MaxConcurrency":-1,"InputPath":"x",
              "ItemProcessor":{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}},
              "Retry":[{"ErrorEquals":["States.ALL"]},{"ErrorEquals":["E"]}],"End":true}}}
            """#
        )
        #expect(p.contains { $0.location == "/States/M/MaxConcurrency" })
        #expect(p.contains { $0.location == "/States/M/InputPath" })
        #expect(p.contains { $0.location == "/States/M/Retry[0]" })
    }

    @Test("Distributed Map fields parse and validate")
    func distributedFields() {
        let p = problems(
            #"""
            {"StartAt":"M","States":{"M":{"Type":"Map","End":true,
              "ItemReader":{"Resource":"arn:aws:states:::s3:getObject","ReaderConfig":{"InputType":"CSV","CSVHeaderLocation":"FIRST_ROW"},
                "Parameters":{"Bucket":"b","Key":"k"}},
              "ItemBatcher":{"MaxItemsPerBatch":10,"BatchInput":{"x":1}},
              "ResultWriter":{"Resource":"arn:aws:states:::s3:putObject","Parameters":{"Bucket":"out","Prefix":"p"},
                "WriterConfig":{"OutputType":"JSONL","Transformation":"COMPACT"}},
              "ToleratedFailurePercentage":5,"Label":"scores",
              "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},
                "StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}}}}
            """#
        )
        #expect(p.isEmpty)
        let bad = problems(
            #"""
            {"StartAt":"M","States":{"M":{"Type":"Map","End":true,
              "ItemBatcher":{"MaxItemsPerBatch":10},
              "ItemProcessor":{"ProcessorConfig":{"Mode":"INLINE"},"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}}}}
            """#
        )
        #expect(bad.contains { $0.location == "/States/M/ItemBatcher" })
    }

    @Test("Invalid JSON is one problem, not a crash")
    func invalidJSON() {
        let p = problems("{not json")
        #expect(p.count == 1)
        #expect(p.first?.code == "INVALID_JSON_DESCRIPTION")
    }
}
