import SluiceASL
import SluiceJSON
import SluiceVocabulary

/// The facts about an execution fixed at its start: what `$$.Execution` and `$$.StateMachine` show.
package struct ExecutionContext: Sendable, Hashable {
    package var executionArn: String
    package var executionName: String
    package var stateMachineArn: String
    package var stateMachineName: String
    package var roleArn: String
    package var startTime: Timestamp
    package var redriveCount: Int = 0

    /// The region and account of the execution's ARN (`arn:aws:states:REGION:ACCOUNT:...`).
    package var region: String { arnPart(3) ?? "local" }
    package var account: String { arnPart(4) ?? "000000000000" }

    private func arnPart(_ index: Int) -> String? {
        let parts = executionArn.split(separator: ":", omittingEmptySubsequences: false)
        return parts.count > index ? String(parts[index]) : nil
    }

    package init(
        executionArn: String,
        executionName: String,
        stateMachineArn: String,
        stateMachineName: String,
        roleArn: String,
        startTime: Timestamp
    ) {
        self.executionArn = executionArn
        self.executionName = executionName
        self.stateMachineArn = stateMachineArn
        self.stateMachineName = stateMachineName
        self.roleArn = roleArn
        self.startTime = startTime
    }

    /// ARNs in AWS's shapes for a state machine `name` and execution `executionName`.
    package static func make(
        stateMachineName: String,
        executionName: String,
        region: String = "local",
        account: String = "000000000000",
        startTime: Timestamp
    ) -> ExecutionContext {
        ExecutionContext(
            executionArn: "arn:aws:states:\(region):\(account):execution:\(stateMachineName):\(executionName)",
            executionName: executionName,
            stateMachineArn: "arn:aws:states:\(region):\(account):stateMachine:\(stateMachineName)",
            stateMachineName: stateMachineName,
            roleArn: "arn:aws:iam::\(account):role/sluice",
            startTime: startTime
        )
    }
}
