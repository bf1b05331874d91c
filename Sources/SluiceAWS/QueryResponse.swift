/// An awsQuery answer: `<ActionResponse xmlns=...><ActionResult>...</ActionResult><ResponseMetadata>
/// <RequestId>...</RequestId></ResponseMetadata></ActionResponse>`, the result's children already XML.
package enum QueryResponse {
    /// The SNS API's namespace, which its SDKs expect on every answer.
    package static let snsNamespace = "http://sns.amazonaws.com/doc/2010-03-31/"

    package static func xml(action: String, result: String?, requestId: String, namespace: String) -> AWSResponse {
        let metadata = XMLText.element("ResponseMetadata", children: XMLText.element("RequestId", requestId))
        // An operation with no result (DeleteTopic, Unsubscribe) answers the metadata alone.
        let body = (result.map { XMLText.element(action + "Result", children: $0) } ?? "") + metadata
        var response = AWSResponse.xml(
            "<\(action)Response xmlns=\"\(XMLText.escape(namespace))\">\(body)</\(action)Response>"
        )
        response.headers.append(("x-amzn-RequestId", requestId))
        return response
    }

    /// A list as awsQuery writes it: `<Name><member>...</member>...</Name>`, each member's children already XML.
    package static func members(_ name: String, _ members: [String]) -> String {
        XMLText.element(name, children: members.map { XMLText.element("member", children: $0) }.joined())
    }

    /// A map of strings: `<Name><entry><key>k</key><value>v</value></entry>...</Name>`.
    package static func entries(_ name: String, _ entries: [(key: String, value: String)]) -> String {
        XMLText.element(
            name,
            children: entries.map {
                XMLText.element("entry", children: XMLText.element("key", $0.key) + XMLText.element("value", $0.value))
            }.joined()
        )
    }
}
