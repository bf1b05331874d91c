import SluiceASL
import SluiceJSON
import Testing

@testable import SluiceInterpreter

/// One recorded AWS execution reduced to the intrinsic call it ran: the `FunctionResult.$` expression, the value
/// under `FunctionInput` in the execution input, and the `FunctionResult` AWS produced.
struct GoldenCase: CustomTestStringConvertible, Sendable {
    let name: String
    let expression: String
    let input: String
    let output: String

    init(_ name: String, _ expression: String, input: String, output: String) {
        self.name = name
        self.expression = expression
        self.input = input
        self.output = output
    }

    var testDescription: String { name }
}

/// The JSONPath cases recorded against real AWS in the conformance suite (`asl/intrinsic_functions`), plus the other
/// executions of the same recorded tests (LocalStack's AWS snapshots) and the intrinsic calls of other suites.
enum GoldenCases {
    static let recorded: [GoldenCase] = [
        GoldenCase(
            "test_array.test_array_0",
            "States.Array()",
            input: #""HelloWorld""#,
            output: "[]"
        ),
        GoldenCase(
            "test_array.test_array_2.exec_hist_resp_0",
            "States.Array($.FunctionInput.fst, $.FunctionInput.snd)",
            input: #"{"fst": "", "snd": ""}"#,
            output: #"["", ""]"#
        ),
        GoldenCase(
            "test_array.test_array_2.exec_hist_resp_5",
            "States.Array($.FunctionInput.fst, $.FunctionInput.snd)",
            input: #"{"fst": 1.1, "snd": 1.1}"#,
            output: "[1.1, 1.1]"
        ),
        GoldenCase(
            "test_array.test_array_2.exec_hist_resp_7",
            "States.Array($.FunctionInput.fst, $.FunctionInput.snd)",
            input: #"{"fst": {"Arg1": 1, "Arg2": []}, "snd": {"Arg1": 1, "Arg2": []}}"#,
            output: #"[{"Arg1": 1, "Arg2": []}, {"Arg1": 1, "Arg2": []}]"#
        ),
        GoldenCase(
            "test_array.test_array_contains.exec_hist_resp_1",
            "States.ArrayContains($.FunctionInput.fst, $.FunctionInput.snd)",
            input: #"{"fst": [], "snd": []}"#,
            output: "false"
        ),
        GoldenCase(
            "test_array.test_array_contains.exec_hist_resp_2",
            "States.ArrayContains($.FunctionInput.fst, $.FunctionInput.snd)",
            input: #"{"fst": [], "snd": 1}"#,
            output: "false"
        ),
        GoldenCase(
            "test_array.test_array_contains.exec_hist_resp_3",
            "States.ArrayContains($.FunctionInput.fst, $.FunctionInput.snd)",
            input: #"{"fst": [[1, 2, 3], 2], "snd": null}"#,
            output: "false"
        ),
        GoldenCase(
            "test_array.test_array_contains.exec_hist_resp_4",
            "States.ArrayContains($.FunctionInput.fst, $.FunctionInput.snd)",
            input: #"{"fst": [[1, 2, 3], 2], "snd": [1, 2, 3]}"#,
            output: "true"
        ),
        GoldenCase(
            "test_array.test_array_contains.exec_hist_resp_5",
            "States.ArrayContains($.FunctionInput.fst, $.FunctionInput.snd)",
            input: #"{"fst": [{"1": 2, "2": []}], "snd": []}"#,
            output: "false"
        ),
        GoldenCase(
            "test_array.test_array_contains.exec_hist_resp_6",
            "States.ArrayContains($.FunctionInput.fst, $.FunctionInput.snd)",
            input: #"{"fst": [{"1": 2, "2": []}], "snd": {"1": 2, "2": []}}"#,
            output: "true"
        ),
        GoldenCase(
            "test_array.test_array_contains.exec_hist_resp_7",
            "States.ArrayContains($.FunctionInput.fst, $.FunctionInput.snd)",
            input: #"{"fst": [true, false], "snd": true}"#,
            output: "true"
        ),
        GoldenCase(
            "test_array.test_array_contains.exec_hist_resp_8",
            "States.ArrayContains($.FunctionInput.fst, $.FunctionInput.snd)",
            input: #"{"fst": [true, false], "snd": false}"#,
            output: "true"
        ),
        GoldenCase(
            "test_array.test_array_get_item",
            "States.ArrayGetItem($.FunctionInput.fst, $.FunctionInput.snd)",
            input: #"{"fst": [1, 2, 3, 4, 5, 6, 7, 8, 9], "snd": 5}"#,
            output: "6"
        ),
        GoldenCase(
            "test_array.test_array_partition.exec_hist_resp_0",
            "States.ArrayPartition($.FunctionInput.fst, $.FunctionInput.snd)",
            input: #"{"fst": [], "snd": 1}"#,
            output: "[]"
        ),
        GoldenCase(
            "test_array.test_array_partition.exec_hist_resp_10",
            "States.ArrayPartition($.FunctionInput.fst, $.FunctionInput.snd)",
            input: #"{"fst": [0, 1], "snd": 1}"#,
            output: "[[0], [1]]"
        ),
        GoldenCase(
            "test_array.test_array_partition.exec_hist_resp_14",
            "States.ArrayPartition($.FunctionInput.fst, $.FunctionInput.snd)",
            input: #"{"fst": [0, 1], "snd": 5}"#,
            output: "[[0, 1]]"
        ),
        GoldenCase(
            "test_array.test_array_partition.exec_hist_resp_15",
            "States.ArrayPartition($.FunctionInput.fst, $.FunctionInput.snd)",
            input: #"{"fst": [0, 1, 2], "snd": 1}"#,
            output: "[[0], [1], [2]]"
        ),
        GoldenCase(
            "test_array.test_array_partition.exec_hist_resp_19",
            "States.ArrayPartition($.FunctionInput.fst, $.FunctionInput.snd)",
            input: #"{"fst": [0, 1, 2], "snd": 5}"#,
            output: "[[0, 1, 2]]"
        ),
        GoldenCase(
            "test_array.test_array_partition.exec_hist_resp_2",
            "States.ArrayPartition($.FunctionInput.fst, $.FunctionInput.snd)",
            input: #"{"fst": [], "snd": 3}"#,
            output: "[]"
        ),
        GoldenCase(
            "test_array.test_array_partition.exec_hist_resp_21",
            "States.ArrayPartition($.FunctionInput.fst, $.FunctionInput.snd)",
            input: #"{"fst": [0, 1, 2, 3], "snd": 2}"#,
            output: "[[0, 1], [2, 3]]"
        ),
        GoldenCase(
            "test_array.test_array_partition.exec_hist_resp_22",
            "States.ArrayPartition($.FunctionInput.fst, $.FunctionInput.snd)",
            input: #"{"fst": [0, 1, 2, 3], "snd": 3}"#,
            output: "[[0, 1, 2], [3]]"
        ),
        GoldenCase(
            "test_array.test_array_partition.exec_hist_resp_23",
            "States.ArrayPartition($.FunctionInput.fst, $.FunctionInput.snd)",
            input: #"{"fst": [0, 1, 2, 3], "snd": 4}"#,
            output: "[[0, 1, 2, 3]]"
        ),
        GoldenCase(
            "test_array.test_array_partition.exec_hist_resp_3",
            "States.ArrayPartition($.FunctionInput.fst, $.FunctionInput.snd)",
            input: #"{"fst": [], "snd": 4}"#,
            output: "[]"
        ),
        GoldenCase(
            "test_array.test_array_partition.exec_hist_resp_4",
            "States.ArrayPartition($.FunctionInput.fst, $.FunctionInput.snd)",
            input: #"{"fst": [], "snd": 5}"#,
            output: "[]"
        ),
        GoldenCase(
            "test_array.test_array_partition.exec_hist_resp_8",
            "States.ArrayPartition($.FunctionInput.fst, $.FunctionInput.snd)",
            input: #"{"fst": [0], "snd": 4}"#,
            output: "[[0]]"
        ),
        GoldenCase(
            "test_array.test_array_partition.exec_hist_resp_9",
            "States.ArrayPartition($.FunctionInput.fst, $.FunctionInput.snd)",
            input: #"{"fst": [0], "snd": 5}"#,
            output: "[[0]]"
        ),
        GoldenCase(
            "test_encode_decode.test_base_64_encode.exec_hist_resp_0",
            "States.Base64Encode($.FunctionInput)",
            input: #""""#,
            output: #""""#
        ),
        GoldenCase(
            "test_encode_decode.test_base_64_encode.exec_hist_resp_1",
            "States.Base64Encode($.FunctionInput)",
            input: #""Data to encode""#,
            output: #""RGF0YSB0byBlbmNvZGU=""#
        ),
        GoldenCase(
            "test_generic.test_escape_sequence",
            "States.StringSplit('Hello\nWorld', '\n')",
            input: "null",
            output: #"["Hello", "World"]"#
        ),
        GoldenCase(
            "test_generic.test_format_1.exec_hist_resp_3",
            "States.Format('Formatting argument {}.', $.FunctionInput)",
            input: "null",
            output: #""Formatting argument null.""#
        ),
        GoldenCase(
            "test_generic.test_format_1.exec_hist_resp_4",
            "States.Format('Formatting argument {}.', $.FunctionInput)",
            input: "1",
            output: #""Formatting argument 1.""#
        ),
        GoldenCase(
            "test_generic.test_format_1.exec_hist_resp_5",
            "States.Format('Formatting argument {}.', $.FunctionInput)",
            input: "1.1",
            output: #""Formatting argument 1.1.""#
        ),
        GoldenCase(
            "test_generic.test_format_1.exec_hist_resp_6",
            "States.Format('Formatting argument {}.', $.FunctionInput)",
            input: #""{\"Arg1\": 1, \"Arg2\": []}""#,
            output: #""Formatting argument {\"Arg1\": 1, \"Arg2\": []}.""#
        ),
        GoldenCase(
            "test_generic.test_format_2.exec_hist_resp_2",
            "States.Format('Formatting arguments fst={} and snd={}.', $.FunctionInput.fst, $.FunctionInput.snd)",
            input: #"{"fst": "HelloWorld", "snd": "HelloWorld"}"#,
            output: #""Formatting arguments fst=HelloWorld and snd=HelloWorld.""#
        ),
        GoldenCase(
            "test_generic.test_format_2.exec_hist_resp_4",
            "States.Format('Formatting arguments fst={} and snd={}.', $.FunctionInput.fst, $.FunctionInput.snd)",
            input: #"{"fst": 1, "snd": 1}"#,
            output: #""Formatting arguments fst=1 and snd=1.""#
        ),
        GoldenCase(
            "test_generic.test_format_2.exec_hist_resp_5",
            "States.Format('Formatting arguments fst={} and snd={}.', $.FunctionInput.fst, $.FunctionInput.snd)",
            input: #"{"fst": 1.1, "snd": 1.1}"#,
            output: #""Formatting arguments fst=1.1 and snd=1.1.""#
        ),
        GoldenCase(
            "test_generic.test_format_2.exec_hist_resp_6",
            "States.Format('Formatting arguments fst={} and snd={}.', $.FunctionInput.fst, $.FunctionInput.snd)",
            input: #"{"fst": "{\"Arg1\": 1, \"Arg2\": []}", "snd": "{\"Arg1\": 1, \"Arg2\": []}"}"#,
            output: #""Formatting arguments fst={\"Arg1\": 1, \"Arg2\": []} and snd={\"Arg1\": 1, \"Arg2\": []}.""#
        ),
        GoldenCase(
            "test_generic.test_format_2.exec_hist_resp_7",
            "States.Format('Formatting arguments fst={} and snd={}.', $.FunctionInput.fst, $.FunctionInput.snd)",
            input: #"{"fst": {"Arg1": 1, "Arg2": []}, "snd": {"Arg1": 1, "Arg2": []}}"#,
            output: #""Formatting arguments fst={Arg1=1, Arg2=[]} and snd={Arg1=1, Arg2=[]}.""#
        ),
        GoldenCase(
            "test_generic.test_nested_calls_1",
            "States.ArrayGetItem(States.StringSplit($$.StateMachine.Name, '-'), 0)",
            input: "null",
            output: #""part0""#
        ),
        GoldenCase(
            "test_generic.test_nested_calls_2",
            "States.ArrayGetItem(States.StringSplit($$.StateMachine.Name, '-'), "
                + "States.MathAdd(States.ArrayLength(States.StringSplit($$.StateMachine.Name, '-')), -1))",
            input: "null",
            output: #""part2""#
        ),
        GoldenCase(
            "test_hash_calculations.test_hash.exec_hist_resp_0",
            "States.Hash($.FunctionInput.fst, $.FunctionInput.snd)",
            input: #"{"fst": "input data", "snd": "MD5"}"#,
            output: #""812f45842bc6d66ee14572ce20db8e86""#
        ),
        GoldenCase(
            "test_hash_calculations.test_hash.exec_hist_resp_1",
            "States.Hash($.FunctionInput.fst, $.FunctionInput.snd)",
            input: #"{"fst": "input data", "snd": "SHA-1"}"#,
            output: #""aaff4a450a104cd177d28d18d74485e8cae074b7""#
        ),
        GoldenCase(
            "test_hash_calculations.test_hash.exec_hist_resp_2",
            "States.Hash($.FunctionInput.fst, $.FunctionInput.snd)",
            input: #"{"fst": "input data", "snd": "SHA-256"}"#,
            output: #""b4a697a057313163aee33cd8d40c66e9f0f177e00cac2de32475ffff6169c3e3""#
        ),
        GoldenCase(
            "test_hash_calculations.test_hash.exec_hist_resp_4",
            "States.Hash($.FunctionInput.fst, $.FunctionInput.snd)",
            input: #"{"fst": "input data", "snd": "SHA-512"}"#,
            output:
                #""6ce4adb348546d4f449c4d25aad9a7c9cb711d9e91982d3f0b29ca2f3f47d4ce2"#
                + #"deba23bf2954f0f1d593fc50283731a533d30d425402d4f91316d871303aac4""#
        ),
        GoldenCase(
            "test_json_manipulation.test_json_merge",
            "States.JsonMerge($.FunctionInput.fst, $.FunctionInput.snd, false)",
            input:
                #"{"fst": {"a": {"a1": 1, "a2": 2}, "b": 2, "d": 3}, "#
                + #""snd": {"a": {"a3": 1, "a4": 2}, "c": 3, "d": 4}}"#,
            output: #"{"a": {"a3": 1, "a4": 2}, "b": 2, "c": 3, "d": 4}"#
        ),
        GoldenCase(
            "test_json_manipulation.test_json_to_string.exec_hist_resp_0",
            "States.JsonToString($.FunctionInput)",
            input: "null",
            output: #""null""#
        ),
        GoldenCase(
            "test_json_manipulation.test_json_to_string.exec_hist_resp_4",
            "States.JsonToString($.FunctionInput)",
            input: "true",
            output: #""true""#
        ),
        GoldenCase(
            "test_json_manipulation.test_json_to_string.exec_hist_resp_5",
            "States.JsonToString($.FunctionInput)",
            input: #""HelloWorld""#,
            output: #""\"HelloWorld\"""#
        ),
        GoldenCase(
            "test_json_manipulation.test_string_to_json.exec_hist_resp_0",
            "States.StringToJson($.FunctionInput)",
            input: #""""#,
            output: "null"
        ),
        GoldenCase(
            "test_json_manipulation.test_string_to_json.exec_hist_resp_1",
            "States.StringToJson($.FunctionInput)",
            input: #"" ""#,
            output: "null"
        ),
        GoldenCase(
            "test_json_manipulation.test_string_to_json.exec_hist_resp_2",
            "States.StringToJson($.FunctionInput)",
            input: #""null""#,
            output: "null"
        ),
        GoldenCase(
            "test_json_manipulation.test_string_to_json.exec_hist_resp_4",
            "States.StringToJson($.FunctionInput)",
            input: #""1""#,
            output: "1"
        ),
        GoldenCase(
            "test_json_manipulation.test_string_to_json.exec_hist_resp_5",
            "States.StringToJson($.FunctionInput)",
            input: #""1.1""#,
            output: "1.1"
        ),
        GoldenCase(
            "test_json_manipulation.test_string_to_json.exec_hist_resp_6",
            "States.StringToJson($.FunctionInput)",
            input: #""true""#,
            output: "true"
        ),
        GoldenCase(
            "test_json_manipulation.test_string_to_json.exec_hist_resp_9",
            "States.StringToJson($.FunctionInput)",
            input: #""{\"Arg1\": 1, \"Arg2\": []}""#,
            output: #"{"Arg1": 1, "Arg2": []}"#
        ),
        GoldenCase(
            "test_math_operations.test_math_add.exec_hist_resp_0",
            "States.MathAdd($.FunctionInput.fst, $.FunctionInput.snd)",
            input: #"{"fst": -9, "snd": 3}"#,
            output: "-6"
        ),
        GoldenCase(
            "test_math_operations.test_math_add.exec_hist_resp_1",
            "States.MathAdd($.FunctionInput.fst, $.FunctionInput.snd)",
            input: #"{"fst": 1.49, "snd": 1.5}"#,
            output: "3"
        ),
        GoldenCase(
            "test_math_operations.test_math_add.exec_hist_resp_10",
            "States.MathAdd($.FunctionInput.fst, $.FunctionInput.snd)",
            input: #"{"fst": -1.5, "snd": 0}"#,
            output: "-1"
        ),
        GoldenCase(
            "test_math_operations.test_math_add.exec_hist_resp_15",
            "States.MathAdd($.FunctionInput.fst, $.FunctionInput.snd)",
            input: #"{"fst": 3.5, "snd": 0}"#,
            output: "4"
        ),
        GoldenCase(
            "test_math_operations.test_math_add.exec_hist_resp_17",
            "States.MathAdd($.FunctionInput.fst, $.FunctionInput.snd)",
            input: #"{"fst": -0.5, "snd": 0}"#,
            output: "0"
        ),
        GoldenCase(
            "test_math_operations.test_math_add.exec_hist_resp_18",
            "States.MathAdd($.FunctionInput.fst, $.FunctionInput.snd)",
            input: #"{"fst": -1.5, "snd": 0}"#,
            output: "-1"
        ),
        GoldenCase(
            "test_math_operations.test_math_add.exec_hist_resp_19",
            "States.MathAdd($.FunctionInput.fst, $.FunctionInput.snd)",
            input: #"{"fst": -2.5, "snd": 0}"#,
            output: "-2"
        ),
        GoldenCase(
            "test_math_operations.test_math_add.exec_hist_resp_20",
            "States.MathAdd($.FunctionInput.fst, $.FunctionInput.snd)",
            input: #"{"fst": -3.5, "snd": 0}"#,
            output: "-3"
        ),
        GoldenCase(
            "test_math_operations.test_math_add.exec_hist_resp_3",
            "States.MathAdd($.FunctionInput.fst, $.FunctionInput.snd)",
            input: #"{"fst": -1.49, "snd": -1.5}"#,
            output: "-2"
        ),
        GoldenCase(
            "test_math_operations.test_math_add.exec_hist_resp_4",
            "States.MathAdd($.FunctionInput.fst, $.FunctionInput.snd)",
            input: #"{"fst": -1.5, "snd": -1.51}"#,
            output: "-3"
        ),
        GoldenCase(
            "test_math_operations.test_math_add.exec_hist_resp_5",
            "States.MathAdd($.FunctionInput.fst, $.FunctionInput.snd)",
            input: #"{"fst": 1.49, "snd": 0}"#,
            output: "1"
        ),
        GoldenCase(
            "test_math_operations.test_math_add.exec_hist_resp_6",
            "States.MathAdd($.FunctionInput.fst, $.FunctionInput.snd)",
            input: #"{"fst": 1.49, "snd": -1.49}"#,
            output: "0"
        ),
        GoldenCase(
            "test_string_operations.test_string_split.exec_hist_resp_0",
            "States.StringSplit($.FunctionInput.fst, $.FunctionInput.snd)",
            input: #"{"fst": " ", "snd": ","}"#,
            output: #"[" "]"#
        ),
        GoldenCase(
            "test_string_operations.test_string_split.exec_hist_resp_1",
            "States.StringSplit($.FunctionInput.fst, $.FunctionInput.snd)",
            input: #"{"fst": " , ", "snd": ","}"#,
            output: #"[" ", " "]"#
        ),
        GoldenCase(
            "test_string_operations.test_string_split.exec_hist_resp_3",
            "States.StringSplit($.FunctionInput.fst, $.FunctionInput.snd)",
            input: #"{"fst": ",,,,", "snd": ","}"#,
            output: "[]"
        ),
        GoldenCase(
            "test_string_operations.test_string_split.exec_hist_resp_6",
            "States.StringSplit($.FunctionInput.fst, $.FunctionInput.snd)",
            input: #"{"fst": "split on T and \nnew line", "snd": "T\n"}"#,
            output: #"["split on ", " and ", "new line"]"#
        ),
        // The remaining executions of the same recorded AWS tests.
        GoldenCase(
            "test_format_1.exec_hist_resp_0",
            "States.Format('Formatting argument {}.', $.FunctionInput)",
            input: #""""#,
            output: #""Formatting argument .""#
        ),
        GoldenCase(
            "test_format_1.exec_hist_resp_1",
            "States.Format('Formatting argument {}.', $.FunctionInput)",
            input: #"" ""#,
            output: #""Formatting argument  .""#
        ),
        GoldenCase(
            "test_format_1.exec_hist_resp_2",
            "States.Format('Formatting argument {}.', $.FunctionInput)",
            input: #""HelloWorld""#,
            output: #""Formatting argument HelloWorld.""#
        ),
        GoldenCase(
            "test_format_2.exec_hist_resp_0",
            "States.Format('Formatting arguments fst={} and snd={}.', $.FunctionInput.fst, $.FunctionInput.snd)",
            input: #"{"fst": "", "snd": ""}"#,
            output: #""Formatting arguments fst= and snd=.""#
        ),
        GoldenCase(
            "test_format_2.exec_hist_resp_3",
            "States.Format('Formatting arguments fst={} and snd={}.', $.FunctionInput.fst, $.FunctionInput.snd)",
            input: #"{"fst": null, "snd": null}"#,
            output: #""Formatting arguments fst=null and snd=null.""#
        ),
        GoldenCase(
            "test_string_to_json.exec_hist_resp_3",
            "States.StringToJson($.FunctionInput)",
            input: #""-0""#,
            output: "0"
        ),
        GoldenCase(
            "test_string_to_json.exec_hist_resp_7",
            "States.StringToJson($.FunctionInput)",
            input: #""\"HelloWorld\"""#,
            output: #""HelloWorld""#
        ),
        GoldenCase(
            "test_string_to_json.exec_hist_resp_8",
            "States.StringToJson($.FunctionInput)",
            input: #""[1, 2, \"HelloWorld\"]""#,
            output: #"[1, 2, "HelloWorld"]"#
        ),
        GoldenCase(
            "test_json_to_string.exec_hist_resp_1",
            "States.JsonToString($.FunctionInput)",
            input: "0",
            output: #""0""#
        ),
        GoldenCase(
            "test_json_to_string.exec_hist_resp_2",
            "States.JsonToString($.FunctionInput)",
            input: "1",
            output: #""1""#
        ),
        GoldenCase(
            "test_json_to_string.exec_hist_resp_3",
            "States.JsonToString($.FunctionInput)",
            input: "1.1",
            output: #""1.1""#
        ),
        GoldenCase(
            "test_json_to_string.exec_hist_resp_6",
            "States.JsonToString($.FunctionInput)",
            input: #"[1, 2, "HelloWorld"]"#,
            output: #""[1,2,\"HelloWorld\"]""#
        ),
        GoldenCase(
            "test_json_to_string.exec_hist_resp_7",
            "States.JsonToString($.FunctionInput)",
            input: #"{"Arg1": 1, "Arg2": []}"#,
            output: #""{\"Arg1\":1,\"Arg2\":[]}""#
        ),
        GoldenCase(
            "test_string_split.exec_hist_resp_2",
            "States.StringSplit($.FunctionInput.fst, $.FunctionInput.snd)",
            input: #"{"fst": ", , ,", "snd": ","}"#,
            output: #"[" ", " "]"#
        ),
        GoldenCase(
            "test_string_split.exec_hist_resp_4",
            "States.StringSplit($.FunctionInput.fst, $.FunctionInput.snd)",
            input: #"{"fst": "1,2,3,4,5", "snd": ","}"#,
            output: #"["1", "2", "3", "4", "5"]"#
        ),
        GoldenCase(
            "test_string_split.exec_hist_resp_5",
            "States.StringSplit($.FunctionInput.fst, $.FunctionInput.snd)",
            input: #"{"fst": "This.is+a,test=string", "snd": ".+,="}"#,
            output: #"["This", "is", "a", "test", "string"]"#
        ),
        GoldenCase(
            "test_string_split_context_object",
            "States.StringSplit($.FunctionInput, ',')",
            input: #""Value1,Value2,Value3\nValue4,Value5,Value6\n,,,\ntrue,1,'HelloWorld'\nNull,None,\n   \n""#,
            output:
                #"["Value1", "Value2", "Value3\nValue4", "Value5", "Value6\n", "\ntrue", "1", "#
                + #""'HelloWorld'\nNull", "None", "\n   \n"]"#
        ),
        GoldenCase(
            "test_hash.exec_hist_resp_3",
            "States.Hash($.FunctionInput.fst, $.FunctionInput.snd)",
            input: #"{"fst": "input data", "snd": "SHA-384"}"#,
            output:
                #""d28a7d5cf25a74f11a50a18452b75e04bb3d70c9dd0510d6123aa008c756511b87525bdc835ebb27e1fb9e9374a15562""#
        ),
        GoldenCase(
            "test_base_64_decode.exec_hist_resp_0",
            "States.Base64Decode($.FunctionInput)",
            input: #""""#,
            output: #""""#
        ),
        GoldenCase(
            "test_base_64_decode.exec_hist_resp_1",
            "States.Base64Decode($.FunctionInput)",
            input: #""RGF0YSB0byBlbmNvZGU=""#,
            output: #""Data to encode""#
        ),
        GoldenCase(
            "test_array_length",
            "States.ArrayLength($.FunctionInput)",
            input: "[1, 2, 3, 4, 5, 6, 7, 8, 9]",
            output: "9"
        ),
        GoldenCase(
            "test_array_range.0",
            "States.ArrayRange($.FunctionInput.fst, $.FunctionInput.snd, $.FunctionInput.trd)",
            input: #"{"fst": 0, "snd": 9, "trd": 3}"#,
            output: "[0, 3, 6, 9]"
        ),
        GoldenCase(
            "test_array_range.1",
            "States.ArrayRange($.FunctionInput.fst, $.FunctionInput.snd, $.FunctionInput.trd)",
            input: #"{"fst": 0, "snd": 10, "trd": 3}"#,
            output: "[0, 3, 6, 9]"
        ),
        GoldenCase(
            "test_array_range.2",
            "States.ArrayRange($.FunctionInput.fst, $.FunctionInput.snd, $.FunctionInput.trd)",
            input: #"{"fst": 1, "snd": 9, "trd": 9}"#,
            output: "[1]"
        ),
        GoldenCase(
            "test_array_range.3",
            "States.ArrayRange($.FunctionInput.fst, $.FunctionInput.snd, $.FunctionInput.trd)",
            input: #"{"fst": 1, "snd": 9, "trd": 2}"#,
            output: "[1, 3, 5, 7, 9]"
        ),
        GoldenCase(
            "test_math_add.1.50+1.51",
            "States.MathAdd($.FunctionInput.fst, $.FunctionInput.snd)",
            input: #"{"fst": 1.50, "snd": 1.51}"#,
            output: "4"
        ),
        GoldenCase(
            "test_math_add.0.5",
            "States.MathAdd($.FunctionInput.fst, $.FunctionInput.snd)",
            input: #"{"fst": 0.5, "snd": 0}"#,
            output: "1"
        ),
        GoldenCase(
            "test_math_add.2.5",
            "States.MathAdd($.FunctionInput.fst, $.FunctionInput.snd)",
            input: #"{"fst": 2.5, "snd": 0}"#,
            output: "3"
        ),
        GoldenCase(
            "test_math_add.-0.5+0.5",
            "States.MathAdd($.FunctionInput.fst, $.FunctionInput.snd)",
            input: #"{"fst": -0.5, "snd": 0.5}"#,
            output: "1"
        ),
        GoldenCase(
            "test_math_add.-1.51",
            "States.MathAdd($.FunctionInput.fst, $.FunctionInput.snd)",
            input: #"{"fst": -1.51, "snd": 0}"#,
            output: "-2"
        ),
        // Intrinsic calls in other recorded suites.
        GoldenCase(
            "test_state_fail_intrinsic",
            "States.Format('This is a custom error message for {}, caused by {}.', "
                + "$.FunctionInput.Error, $.FunctionInput.Cause)",
            input: #"{"Error": "error string", "Cause": "cause string"}"#,
            output: #""This is a custom error message for error string, caused by cause string.""#
        ),
        GoldenCase(
            "MAP_STATE_REFERENCE_IN_INTRINSIC_FUNCTION",
            "States.Format($AnswerTemplate, $.FunctionInput)",
            input: #""Pikachu""#,
            output: #""It's Pikachu!""#
        ),
        GoldenCase(
            "test_map_state_config_distributed_reentrant",
            "States.ArrayRange(0, 3, 1)",
            input: "null",
            output: "[0, 1, 2, 3]"
        ),
        GoldenCase(
            "test_json_merge_escaped_argument",
            #"States.JsonMerge(States.StringToJson('{"constant_in_literal": "false"}'), "#
                + "$$.Execution.Input.input_field, false)",
            input: "null",
            output: #"{"constant_input_field": "constant_value", "constant_in_literal": "false"}"#
        ),
        GoldenCase(
            "test_context_json_path",
            "States.Format('Formatting arguments fst={} and snd={}.', $$.Execution.Name, $$.StateMachine)",
            input: "null",
            output:
                #""Formatting arguments fst=exec-1 and snd="#
                + "{Id=arn:aws:states:us-east-1:111111111111:stateMachine:part0-part1-part2, "
                + #"Name=part0-part1-part2}.""#
        ),
    ]
}

/// The context object and variables the golden cases run with.
enum TestScopes {
    static let stateMachineName = "part0-part1-part2"

    static let context: JSONValue = [
        "Execution": [
            "Id": "arn:aws:states:us-east-1:111111111111:execution:part0-part1-part2:exec-1",
            "Name": "exec-1",
            "Input": ["input_field": ["constant_input_field": "constant_value"]],
        ],
        "StateMachine": [
            "Id": "arn:aws:states:us-east-1:111111111111:stateMachine:part0-part1-part2",
            "Name": "part0-part1-part2",
        ],
    ]

    static let variables: [String: JSONValue] = ["AnswerTemplate": "It's {}!"]
}

/// A minimal path resolver for the tests: `$`, `$$` and `$variable` roots followed by `.name` and `[index]` steps.
/// A missing value fails with `States.Runtime`, standing in for the interpreter's own message.
struct TestScope {
    var input: JSONValue
    var context: JSONValue = TestScopes.context
    var variables: [String: JSONValue] = TestScopes.variables

    func resolve(_ path: String) throws(StatesError) -> JSONValue {
        var rest = Substring(path)
        var current: JSONValue
        if rest.hasPrefix("$$") {
            current = context
            rest = rest.dropFirst(2)
        } else {
            rest = rest.dropFirst()
            let name = rest.prefix { $0 != "." && $0 != "[" }
            if name.isEmpty {
                current = input
            } else {
                guard let value = variables[String(name)] else { throw StatesError.runtime("no variable \(name)") }
                current = value
                rest = rest.dropFirst(name.count)
            }
        }
        while let first = rest.first {
            if first == "." {
                rest = rest.dropFirst()
                let name = rest.prefix { $0 != "." && $0 != "[" }
                rest = rest.dropFirst(name.count)
                guard let value = current[String(name)] else { throw StatesError.runtime("\(path) not found") }
                current = value
            } else if first == "[" {
                let inside = rest.dropFirst().prefix { $0 != "]" }
                rest = rest.dropFirst(inside.count + 2)
                guard let index = Int(inside), let items = current.arrayValue, index >= 0, index < items.count else {
                    throw StatesError.runtime("\(path) not found")
                }
                current = items[index]
            } else {
                throw StatesError.runtime("cannot read \(path)")
            }
        }
        return current
    }
}

/// A fixed-sequence generator so random functions are reproducible in tests.
struct CountingGenerator: RandomNumberGenerator {
    var state: UInt64 = 0x0123_4567_89AB_CDEF

    mutating func next() -> UInt64 {
        // SplitMix64 step: cheap, well mixed, and deterministic.
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Parses and evaluates `expression` with `FunctionInput` set to `functionInput`.
func evaluate(
    _ expression: String,
    functionInput: JSONValue = .null,
    random: inout CountingGenerator
) throws -> JSONValue {
    let call = try IntrinsicCall.parse(expression)
    let scope = TestScope(input: ["FunctionInput": functionInput])
    return try IntrinsicEvaluator.evaluate(call, resolvePath: scope.resolve, random: &random)
}

func evaluate(_ expression: String, functionInput: JSONValue = .null) throws -> JSONValue {
    var random = CountingGenerator()
    return try evaluate(expression, functionInput: functionInput, random: &random)
}

/// The `States.IntrinsicFailure` an expression fails with, or nil when it does not fail that way.
func intrinsicFailure(_ expression: String, functionInput: JSONValue = .null) throws -> StatesError? {
    do {
        _ = try evaluate(expression, functionInput: functionInput)
        return nil
    } catch let error as StatesError {
        return error.name == StatesError.Name.intrinsicFailure ? error : nil
    }
}

/// Equal as AWS sees values: an integer is not a decimal (so `3` is not `3.0`), key order aside.
func sameJSON(_ lhs: JSONValue, _ rhs: JSONValue) -> Bool {
    StrictJSON(lhs) == StrictJSON(rhs)
}

@Suite("Intrinsic functions against recorded AWS results")
struct IntrinsicGoldenTests {
    @Test(arguments: GoldenCases.recorded)
    func matchesAWS(_ golden: GoldenCase) throws {
        let input = try JSONParser.parse(golden.input)
        let expected = try JSONParser.parse(golden.output)
        let result = try evaluate(golden.expression, functionInput: input)
        #expect(
            sameJSON(result, expected),
            "\(golden.expression) gave \(result.serialized()), AWS gave \(golden.output)"
        )
    }
}

@Suite("Intrinsic function semantics")
struct IntrinsicSemanticsTests {
    // MARK: States.Format

    @Test func formatPrintsValuesTheJavaWay() throws {
        #expect(
            try evaluate("States.Format('{}', $.FunctionInput)", functionInput: [1, 2.5, "a", nil, true])
                == "[1, 2.5, a, null, true]"
        )
        #expect(
            try evaluate("States.Format('{}', $.FunctionInput)", functionInput: ["k": ["n": 1], "e": [:]])
                == "{k={n=1}, e={}}"
        )
        #expect(try evaluate("States.Format('{} {} {}', 2.0, 1e20, 0.0001)") == "2.0 1.0E20 1.0E-4")
        #expect(try evaluate("States.Format('{}|{}|{}', -7, false, null)") == "-7|false|null")
    }

    @Test func formatEscapedBracesAreText() throws {
        #expect(try evaluate(#"States.Format('\{\} {}', 'x')"#) == "{} x")
        #expect(try evaluate(#"States.Format('a\\b {}', 1)"#) == #"a\b 1"#)
        #expect(try evaluate(#"States.Format('it\'s {}', 'me')"#) == "it's me")
        #expect(try evaluate("States.Format('{a} {}', 1)") == "{a} 1")
        #expect(try evaluate("States.Format('no placeholders')") == "no placeholders")
    }

    @Test func formatTemplateFromAPath() throws {
        let input: JSONValue = ["t": "Hello, my name is {}.", "name": "Arnav"]
        #expect(
            try evaluate("States.Format($.FunctionInput.t, $.FunctionInput.name)", functionInput: input)
                == "Hello, my name is Arnav."
        )
    }

    @Test func formatCountsMustMatch() throws {
        #expect(try intrinsicFailure("States.Format('{} {}', 1)") != nil)
        #expect(try intrinsicFailure("States.Format('{}', 1, 2)") != nil)
        #expect(try intrinsicFailure(#"States.Format('\{\}', 1)"#) != nil)
        #expect(try intrinsicFailure("States.Format($.FunctionInput)", functionInput: 5) != nil)
    }

    // MARK: JSON

    @Test func jsonToStringWritesCompactJSON() throws {
        let input = try JSONParser.parse(#"{"b": [1, 2.0, 1e20, -0.5], "a": "q\"\\\n\u0001é", "n": null}"#)
        let text = try evaluate("States.JsonToString($.FunctionInput)", functionInput: input)
        #expect(text == #"{"b":[1,2.0,1.0E20,-0.5],"a":"q\"\\\n\u0001é","n":null}"#)
    }

    @Test func stringToJsonParsesOrFails() throws {
        #expect(try evaluate("States.StringToJson($.FunctionInput)", functionInput: " \n\t") == .null)
        #expect(try evaluate("States.StringToJson('{\"a\": [1, 2.5]}')") == ["a": [1, 2.5]])
        #expect(try intrinsicFailure("States.StringToJson($.FunctionInput)", functionInput: "{nope") != nil)
        #expect(try intrinsicFailure("States.StringToJson($.FunctionInput)", functionInput: 1) != nil)
    }

    @Test func jsonMergeIsShallowOnly() throws {
        let input: JSONValue = ["a": ["x": 1, "k": ["p": 1]], "b": ["k": ["q": 2], "y": 2]]
        let merged = try evaluate("States.JsonMerge($.FunctionInput.a, $.FunctionInput.b, false)", functionInput: input)
        #expect(merged == ["x": 1, "k": ["q": 2], "y": 2])
        #expect(merged.objectValue?.keys == ["x", "k", "y"])
        #expect(
            try intrinsicFailure("States.JsonMerge($.FunctionInput.a, $.FunctionInput.b, true)", functionInput: input)
                != nil
        )
        #expect(try intrinsicFailure("States.JsonMerge($.FunctionInput.a, 1, false)", functionInput: input) != nil)
        #expect(
            try intrinsicFailure(
                "States.JsonMerge($.FunctionInput.a, $.FunctionInput.b, 'false')",
                functionInput: input
            ) != nil
        )
    }

    // MARK: Arrays

    @Test func arrayBuildsFromAnyArguments() throws {
        #expect(
            try evaluate("States.Array('Foo', 2020, $.FunctionInput, null, 1.5, true)", functionInput: ["r": "x"])
                == ["Foo", 2020, ["r": "x"], nil, 1.5, true]
        )
    }

    @Test func arrayPartitionChunks() throws {
        #expect(
            try evaluate("States.ArrayPartition($.FunctionInput, 4)", functionInput: [1, 2, 3, 4, 5, 6, 7, 8, 9])
                == [[1, 2, 3, 4], [5, 6, 7, 8], [9]]
        )
        #expect(
            try evaluate("States.ArrayPartition($.FunctionInput, 2.5)", functionInput: [1, 2, 3, 4]) == [
                [1, 2, 3], [4],
            ]
        )
        #expect(try intrinsicFailure("States.ArrayPartition($.FunctionInput, 0)", functionInput: [1]) != nil)
        #expect(try intrinsicFailure("States.ArrayPartition($.FunctionInput, -1)", functionInput: [1]) != nil)
        #expect(try intrinsicFailure("States.ArrayPartition($.FunctionInput, 1)", functionInput: "abc") != nil)
        #expect(try intrinsicFailure("States.ArrayPartition($.FunctionInput, '1')", functionInput: [1]) != nil)
    }

    @Test func arrayContainsUsesStrictEquality() throws {
        let input: JSONValue = ["arr": [1, "2", ["a": 1, "b": [nil]], [3]], "obj": ["b": [nil], "a": 1]]
        #expect(
            try evaluate("States.ArrayContains($.FunctionInput.arr, $.FunctionInput.obj)", functionInput: input) == true
        )
        #expect(try evaluate("States.ArrayContains($.FunctionInput.arr, 2)", functionInput: input) == false)
        #expect(try evaluate("States.ArrayContains($.FunctionInput.arr, 1)", functionInput: input) == true)
        #expect(try evaluate("States.ArrayContains($.FunctionInput.arr, 1.0)", functionInput: input) == false)
        #expect(try intrinsicFailure("States.ArrayContains($.FunctionInput.obj, 1)", functionInput: input) != nil)
    }

    @Test func arrayRangeLimits() throws {
        #expect(try evaluate("States.ArrayRange(9, 1, -2)") == [9, 7, 5, 3, 1])
        #expect(try evaluate("States.ArrayRange(5, 1, 1)") == [])
        #expect(try evaluate("States.ArrayRange(1.5, 3.4, 1)") == [2, 3])
        #expect(try evaluate("States.ArrayRange(1, 1000, 1)").arrayValue?.count == 1000)
        #expect(try intrinsicFailure("States.ArrayRange(0, 1000, 1)") != nil)
        #expect(try intrinsicFailure("States.ArrayRange(0, 9, 0)") != nil)
        #expect(try intrinsicFailure("States.ArrayRange('0', 9, 1)") != nil)
        #expect(try intrinsicFailure("States.ArrayRange(-9000000000000000000, 9000000000000000000, 1)") != nil)
    }

    @Test func arrayGetItemBounds() throws {
        let items: JSONValue = [1, 2, 3, 4, 5, 6, 7, 8, 9]
        #expect(try evaluate("States.ArrayGetItem($.FunctionInput, 0)", functionInput: items) == 1)
        #expect(try evaluate("States.ArrayGetItem($.FunctionInput, 8)", functionInput: items) == 9)
        #expect(try intrinsicFailure("States.ArrayGetItem($.FunctionInput, 9)", functionInput: items) != nil)
        #expect(try intrinsicFailure("States.ArrayGetItem($.FunctionInput, -1)", functionInput: items) != nil)
        #expect(try intrinsicFailure("States.ArrayGetItem($.FunctionInput, 'a')", functionInput: items) != nil)
    }

    @Test func arrayLengthAndUnique() throws {
        #expect(try evaluate("States.ArrayLength($.FunctionInput)", functionInput: []) == 0)
        #expect(try intrinsicFailure("States.ArrayLength($.FunctionInput)", functionInput: "abc") != nil)
        let input = try JSONParser.parse(
            #"[null, null, true, true, false, 1, 1, 1.1, 1.0, 0, -0, "1", [], [], [null], "#
                + #"{"a": 1, "b": 2}, {"b": 2, "a": 1}, {"a": 1, "b": 1}]"#
        )
        let unique = try evaluate("States.ArrayUnique($.FunctionInput)", functionInput: input)
        let expected = try JSONParser.parse(
            #"[null, true, false, 1, 1.1, 1.0, 0, "1", [], [null], {"a": 1, "b": 2}, {"a": 1, "b": 1}]"#
        )
        #expect(sameJSON(unique, expected), "got \(unique.serialized())")
    }

    // MARK: Encoding and hashing

    @Test func base64RoundTripsUnicode() throws {
        #expect(try evaluate("States.Base64Encode('héllo ✓')") == "aMOpbGxvIOKckw==")
        #expect(try evaluate("States.Base64Decode('aMOpbGxvIOKckw==')") == "héllo ✓")
        #expect(try evaluate("States.Base64Decode('RGF0YQ')") == "Data")
        #expect(try intrinsicFailure("States.Base64Decode('RGF0YQ=')") != nil)
        #expect(try intrinsicFailure("States.Base64Decode('RG F0')") != nil)
        #expect(try intrinsicFailure("States.Base64Encode(1)") != nil)
    }

    @Test func encodingInputLimit() throws {
        let longest = String(repeating: "a", count: 10_000)
        #expect(
            try evaluate("States.Base64Encode($.FunctionInput)", functionInput: .string(longest)).stringValue?.count
                == 13_336
        )
        #expect(
            try intrinsicFailure("States.Base64Encode($.FunctionInput)", functionInput: .string(longest + "a")) != nil
        )
        #expect(
            try intrinsicFailure("States.Base64Decode($.FunctionInput)", functionInput: .string(longest + "aaaa"))
                != nil
        )
    }

    @Test func hashChecksAlgorithmAndLength() throws {
        #expect(try evaluate("States.Hash('', 'MD5')") == "d41d8cd98f00b204e9800998ecf8427e")
        #expect(try intrinsicFailure("States.Hash('x', 'sha-256')") != nil)
        #expect(try intrinsicFailure("States.Hash('x', 'SHA-3')") != nil)
        #expect(try intrinsicFailure("States.Hash($.FunctionInput, 'MD5')", functionInput: 1) != nil)
        let longest = String(repeating: "é", count: 10_000)
        #expect(
            try evaluate("States.Hash($.FunctionInput, 'SHA-1')", functionInput: .string(longest)).stringValue?.count
                == 40
        )
        #expect(
            try intrinsicFailure("States.Hash($.FunctionInput, 'SHA-1')", functionInput: .string(longest + "e")) != nil
        )
    }

    // MARK: Math

    @Test func mathAddRoundsHalfUp() throws {
        #expect(try evaluate("States.MathAdd(111, -1)") == 110)
        #expect(try evaluate("States.MathAdd(-2.5, -3.5)") == -5)
        #expect(try intrinsicFailure("States.MathAdd('1', 2)") != nil)
        #expect(try intrinsicFailure("States.MathAdd(9223372036854775807, 1)") != nil)
    }

    @Test func mathRandomStaysInRange() throws {
        var random = CountingGenerator()
        for _ in 0..<200 {
            let value = try evaluate("States.MathRandom(1, 5)", random: &random).intValue ?? -1
            #expect((1..<5).contains(value))
        }
        #expect(try evaluate("States.MathRandom(7, 7)") == 7)
        #expect(try intrinsicFailure("States.MathRandom(5, 1)") != nil)
        #expect(try intrinsicFailure("States.MathRandom('a', 1)") != nil)
    }

    @Test func mathRandomSeededMatchesJava() throws {
        // java.util.Random: new Random(42).nextInt(10) == 0, new Random(3).nextInt(999) == 239,
        // new Random(0).nextInt(1000) == 360.
        #expect(try evaluate("States.MathRandom(0, 10, 42)") == 0)
        #expect(try evaluate("States.MathRandom(1, 1000, 3)") == 240)
        #expect(try evaluate("States.MathRandom(-500, 500, 0)") == -140)
        var other = CountingGenerator(state: 99)
        #expect(try evaluate("States.MathRandom(1, 1000, 3)", random: &other) == 240)
    }

    @Test func unseededRandomnessComesFromTheGenerator() throws {
        var first = CountingGenerator(state: 5)
        var second = CountingGenerator(state: 5)
        #expect(
            try evaluate("States.MathRandom(0, 1000000)", random: &first)
                == evaluate("States.MathRandom(0, 1000000)", random: &second)
        )
        #expect(try evaluate("States.UUID()", random: &first) == evaluate("States.UUID()", random: &second))
    }

    // MARK: Strings and UUIDs

    @Test func stringSplitOnAnyDelimiterScalar() throws {
        #expect(
            try evaluate("States.StringSplit($.FunctionInput, '\r\n')", functionInput: "a\r\nb\nc\r\r") == [
                "a", "b", "c",
            ]
        )
        #expect(try evaluate("States.StringSplit('abc', '')") == ["abc"])
        #expect(try evaluate("States.StringSplit('', ',')") == [])
        #expect(try evaluate(#"States.StringSplit('a\{b\}c', '\{\}')"#) == ["a", "b", "c"])
        #expect(try intrinsicFailure("States.StringSplit(1, ',')") != nil)
        #expect(try intrinsicFailure("States.StringSplit('a', null)") != nil)
    }

    @Test func uuidIsVersion4() throws {
        var random = CountingGenerator()
        let first = try evaluate("States.UUID()", random: &random).stringValue ?? ""
        let second = try evaluate("States.UUID()", random: &random).stringValue ?? ""
        #expect(first != second)
        let scalars = Array(first.unicodeScalars)
        #expect(scalars.count == 36)
        #expect([8, 13, 18, 23].allSatisfy { scalars[$0] == "-" })
        #expect(scalars[14] == "4")
        #expect("89ab".unicodeScalars.contains(scalars[19]))
        #expect(first.unicodeScalars.allSatisfy { "0123456789abcdef-".unicodeScalars.contains($0) })
    }

    // MARK: Evaluation order and errors

    @Test func nestedCallsEvaluateInsideOut() throws {
        let expression =
            "States.Format('{}.{}.{}', States.ArrayGetItem(States.StringSplit(States.ArrayGetItem("
            + "States.StringSplit($.FunctionInput, '/'), 2), '.'), 0), States.ArrayGetItem(States.StringSplit("
            + "States.ArrayGetItem(States.StringSplit($.FunctionInput, '/'), 2), '.'), 1), States.MathAdd(1, 1))"
        #expect(try evaluate(expression, functionInput: "arn:aws/recipe/my.image.v1/1.0.0") == "my.image.2")
    }

    @Test func pathFailuresPassThroughUnchanged() throws {
        #expect(throws: StatesError.runtime("$.FunctionInput.nope not found")) {
            try evaluate("States.Array($.FunctionInput.nope)", functionInput: [:])
        }
    }

    @Test func failuresAreIntrinsicFailures() throws {
        let failure = try #require(try intrinsicFailure("States.ArrayGetItem($.FunctionInput, 3)", functionInput: [1]))
        #expect(failure.name == "States.IntrinsicFailure")
        #expect(failure.cause?.contains("States.ArrayGetItem") == true)
    }

    @Test func handBuiltCallsAreCheckedToo() throws {
        var random = CountingGenerator()
        let unknown = IntrinsicCall(name: "States.Nope", arguments: [])
        let wrongCount = IntrinsicCall(name: "States.ArrayLength", arguments: [])
        for call in [unknown, wrongCount] {
            #expect(throws: StatesError.self) {
                try IntrinsicEvaluator.evaluate(call, resolvePath: { _ throws(StatesError) in .null }, random: &random)
            }
        }
        let format = IntrinsicCall(
            name: "States.Format",
            arguments: [.string("{} and {}"), .int(1), .call(IntrinsicCall(name: "States.Array", arguments: []))]
        )
        #expect(
            try IntrinsicEvaluator.evaluate(format, resolvePath: { _ throws(StatesError) in .null }, random: &random)
                == "1 and []"
        )
    }
}
