/// A definition written by a test that does not decode.
struct TestDefinitionError: Error {}
