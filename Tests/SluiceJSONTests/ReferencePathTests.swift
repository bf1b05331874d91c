import Testing

@testable import SluiceJSON

private func json(_ text: String) -> JSONValue {
    do {
        return try JSONParser.parse(text)
    } catch {
        Issue.record("bad test JSON: \(error)")
        return .null
    }
}

@Suite("ReferencePath")
struct ReferencePathTests {
    @Test("accepts names and single indices", arguments: ["$", "$.a", "$.a.b", "$['a'].b", "$.a[0]", "$[\"x y\"][-1]"])
    func accepts(text: String) throws {
        let path = try ReferencePath(text)
        #expect(path.text == text)
        #expect(path.description == text)
    }

    @Test(
        "rejects everything that can select more than one node",
        arguments: [
            "$.a[*]", "$.*", "$..a", "$.a[0:1]", "$['a','b']", "$[0,1]", "$[?(@.a)]", "$.a.length()", "a", "$.",
        ]
    )
    func rejects(text: String) {
        #expect(throws: JSONPathError.self) { try ReferencePath(text) }
    }

    @Test("the rejection says what is not allowed")
    func rejectionMessage() {
        do {
            _ = try ReferencePath("$.a[*]")
            Issue.record("expected an error")
        } catch {
            #expect(error.message.contains("wildcards"))
        }
    }

    @Test("$ replaces the whole document")
    func root() throws {
        let path = try ReferencePath("$")
        #expect(path.isRoot)
        #expect(try path.setting(.int(5), in: json(#"{"a":1}"#)) == .int(5))
    }

    @Test("a new member is appended after the existing ones")
    func appends() throws {
        let result = try ReferencePath("$.result").setting("r", in: json(#"{"z": 1, "a": 2}"#))
        #expect(result.objectValue?.keys == ["z", "a", "result"])
        #expect(result.serialized() == #"{"z":1,"a":2,"result":"r"}"#)
    }

    @Test("an existing member is replaced where it stands")
    func replacesInPlace() throws {
        let result = try ReferencePath("$.a").setting(json("[1]"), in: json(#"{"a": 0, "b": 1}"#))
        #expect(result.serialized() == #"{"a":[1],"b":1}"#)
    }

    @Test("missing members along the way are created as objects")
    func createsIntermediates() throws {
        let result = try ReferencePath("$.a.b.c").setting(true, in: json(#"{"x": 1, "a": {"y": 2}}"#))
        #expect(result.serialized() == #"{"x":1,"a":{"y":2,"b":{"c":true}}}"#)
        let fromEmpty = try ReferencePath("$['p q'].r").setting(1, in: json("{}"))
        #expect(fromEmpty.serialized() == #"{"p q":{"r":1}}"#)
    }

    @Test("indices replace array elements in range, negative ones from the end")
    func indices() throws {
        let doc = json(#"{"list": [{"v": 1}, {"v": 2}]}"#)
        #expect(try ReferencePath("$.list[1].v").setting(9, in: doc).serialized() == #"{"list":[{"v":1},{"v":9}]}"#)
        #expect(try ReferencePath("$.list[-2]").setting(0, in: doc).serialized() == #"{"list":[0,{"v":2}]}"#)
        #expect(try ReferencePath("$[0]").setting("x", in: json("[1,2]")) == json(#"["x",2]"#))
    }

    @Test("the original document is left untouched")
    func valueSemantics() throws {
        let doc = json(#"{"a": {"b": 1}}"#)
        _ = try ReferencePath("$.a.b").setting(2, in: doc)
        #expect(doc == json(#"{"a": {"b": 1}}"#))
    }

    @Test(
        "placing fails through scalars, null, wrong containers and out-of-range indices",
        arguments: [
            ("$.a", "\"text\""), ("$.a.b", #"{"a": 5}"#), ("$.a.b", #"{"a": null}"#), ("$.a.b", #"{"a": [1]}"#),
            ("$[0]", #"{"a": 1}"#), ("$.a[0]", #"{"a": {}}"#), ("$.a[2]", #"{"a": [1, 2]}"#),
            ("$.a[-3]", #"{"a": [1, 2]}"#), ("$.missing[0]", "{}"), ("$.x", "[1]"),
        ]
    )
    func failures(path: String, document: String) throws {
        let reference = try ReferencePath(path)
        #expect(throws: JSONPathError.self) { try reference.setting(1, in: json(document)) }
    }

    @Test("failure messages say where and why")
    func failureMessages() throws {
        do {
            _ = try ReferencePath("$.a.b").setting(1, in: json(#"{"a": "s"}"#))
            Issue.record("expected an error")
        } catch {
            #expect(error.message.contains("$.a.b"))
            #expect(error.message.contains("string"))
            #expect(error.message.contains("$['a']"))
        }
        do {
            _ = try ReferencePath("$.l[3]").setting(1, in: json(#"{"l": [1]}"#))
            Issue.record("expected an error")
        } catch {
            #expect(error.message.contains("out of range"))
        }
    }

    @Test("reading through a reference path")
    func reading() throws {
        let doc = json(#"{"a": [{"b": 3}]}"#)
        #expect(try ReferencePath("$.a[0].b").evaluate(doc) == 3)
        #expect(try ReferencePath("$.a[1].b").evaluate(doc) == nil)
        #expect(try ReferencePath("$.a[0].b").path.normalizedDescription == "$['a'][0]['b']")
    }

    @Test("reference paths are equal when written the same way")
    func equality() throws {
        #expect(try ReferencePath("$.a") == ReferencePath("$.a"))
        #expect(try ReferencePath("$.a") != ReferencePath("$['a']"))
    }
}
