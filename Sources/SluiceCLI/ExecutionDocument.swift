import Foundation
import SluiceInterpreter
import SluiceJSON
import SluiceStore
import SluiceVocabulary

/// An execution as one line of `sluice executions list`.
extension ExecutionDocument {
    /// `SUCCEEDED  2026-11-27T07:00:00.000Z  NAME  ARN`, padded for a column.
    var line: String {
        let started = MapRunDocument.date(execution.startDate).stringValue ?? ""
        return
            "\(execution.status.rawValue.padding(toLength: 9, withPad: " ", startingAt: 0))  \(started)  \(execution.executionArn)"
    }
}
