/// An element of a request's XML body (S3's DeleteObjects, CompleteMultipartUpload, CreateBucketConfiguration):
/// its local name (any namespace prefix dropped, as the bodies SDKs send use the S3 namespace or none), the text
/// directly inside it, and its child elements in order. Attributes are read past and not kept: no operation
/// sluiced answers needs one.
package struct XMLElement: Sendable, Equatable {
    package var name: String
    package var text: String
    package var children: [XMLElement]

    package init(name: String, text: String = "", children: [XMLElement] = []) {
        self.name = name
        self.text = text
        self.children = children
    }

    /// The first child element called `name`.
    package func child(_ name: String) -> XMLElement? {
        children.first { $0.name == name }
    }

    /// Every child element called `name`, in order.
    package func children(_ name: String) -> [XMLElement] {
        children.filter { $0.name == name }
    }

    /// The text of the first child called `name`.
    package func text(of name: String) -> String? {
        child(name)?.text
    }
}
