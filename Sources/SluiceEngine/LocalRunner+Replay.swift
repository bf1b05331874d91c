import SluiceASL
import SluiceInterpreter
import SluiceJSON
import SluiceVocabulary

extension LocalRunner {
    /// What the replayed events left outstanding: the effects still to perform live, and results the writer
    /// already produced during the replay that the journal does not hold yet.
    struct ReplayResidue {
        var effects: [Effect] = []
        var events: [ExecutionEvent] = []
        var outcome: ExecutionOutcome?
        /// Callback Tasks whose integration ran: they wait for their token again, the integration not run twice.
        var callbacks: [TaskInvocation] = []
    }

    /// Rebuilds `execution` from its journal: hands the interpreter the journaled events again, at the times they
    /// were first handled, so it reaches the state it had (history included, event for event).
    ///
    /// Effects are not performed again except those that rebuild what a crash loses: items are read from the
    /// object again (the journal keeps counts), and result records are written again from the start into fresh
    /// files (a crashed writer's files were never committed). Invocations and timers the journal shows finished
    /// are skipped; those still outstanding at the end run live (an invocation in flight runs again: at least
    /// once, as on AWS; a Wait resumes with the time it has left).
    func replay(_ journal: [ReplayedEvent], into execution: inout Execution, first: [Effect]) async -> ReplayResidue {
        var invocations: [Int: TaskInvocation] = [:]
        var timers: [Int: Timestamp] = [:]
        var reads: [Int: ItemReadRequest] = [:]
        var writerEvents: [Int: ExecutionEvent] = [:]
        var order: [Int] = []
        var submitted = Set<Int>()
        var effects = first
        for replayed in journal {
            for effect in effects {
                switch effect {
                // An end the journal goes on past was redriven: the events after it carry on.
                case .finished: continue
                case .invoke(let invocation):
                    invocations[invocation.token] = invocation
                    order.append(invocation.token)
                case .startTimer(let token, let fireAt):
                    timers[token] = fireAt
                    order.append(token)
                case .cancelTimer(let token), .cancelInvocation(let token):
                    invocations[token] = nil
                    timers[token] = nil
                case .readItems(let request): reads[request.token] = request
                case .closeItemReader(let token):
                    reads[token] = nil
                    await mapIO.closeReader(token)
                case .openResultWriter(let request):
                    if let event = await mapIO.openWriter(request) { writerEvents[request.token] = event }
                case .writeResult(let token, let record):
                    if let event = await mapIO.write(token, record) { writerEvents[token] = event }
                case .closeResultWriter(let token, let commit):
                    if let event = await mapIO.closeWriter(token, commit: commit) { writerEvents[token] = event }
                case .childExecutionEnded(let mapRunArn, let record):
                    onChildEnded?(mapRunArn, record)
                }
            }
            let event: ExecutionEvent
            switch replayed.entry {
            case .itemsRead(let token, let count, let exhausted, let version):
                guard var request = reads.removeValue(forKey: token) else { continue }
                if count == 0 {
                    event = .itemsRead(token: token, items: [], exhausted: exhausted)
                } else {
                    request.count = count
                    let read = await mapIO.read(request)
                    if let changed = Self.changedSource(request, was: version, read: read) {
                        await mapIO.closeReader(token)
                        event = changed
                    } else {
                        event = read
                    }
                }
            case .event(let journaled):
                switch journaled {
                case .taskSucceeded(let token, _), .taskFailed(let token, _, _): invocations[token] = nil
                case .taskSubmitted(let token, _): submitted.insert(token)
                case .timerFired(let token): timers[token] = nil
                case .itemReaderFailed(let token, _): reads[token] = nil
                case .resultsWritten(let token, _), .resultWriterFailed(let token, _): writerEvents[token] = nil
                default: break
                }
                event = journaled
            }
            effects = execution.handle(event, at: replayed.time)
        }
        // The last event's effects are live work.
        var residue = ReplayResidue(outcome: execution.outcome)
        for token in order {
            if let invocation = invocations.removeValue(forKey: token) {
                // A callback Task whose integration already ran waits for its token again. A `.sync` Task's
                // TaskSubmitted says only that its child started: it is invoked again, finds that child, waits for it.
                if submitted.contains(token), invocation.taskToken != nil {
                    residue.callbacks.append(invocation)
                } else {
                    residue.effects.append(.invoke(invocation))
                }
            }
            if let fireAt = timers.removeValue(forKey: token) {
                residue.effects.append(.startTimer(token: token, fireAt: fireAt))
            }
        }
        residue.effects += reads.keys.sorted().compactMap { reads[$0].map(Effect.readItems) }
        residue.effects += effects
        residue.events = writerEvents.keys.sorted().compactMap { writerEvents[$0] }
        return residue
    }

    /// The object a map run was reading, read again on resume, is not the one it read before the restart (it was
    /// replaced or edited while sluiced was down; for a manifest, it or a data file it lists; for a listing, an
    /// object under the prefix, or the objects there): skipping what was read would hand out other items, so the map run
    /// fails with States.ItemReaderFailed saying so. nil when it is the same, or either version is unknown.
    static func changedSource(_ request: ItemReadRequest, was version: String?, read event: ExecutionEvent)
        -> ExecutionEvent?
    {
        guard let version, case .itemsRead(_, _, _, _, let now?) = event, now != version else { return nil }
        let bucket = request.parameters["Bucket"]?.stringValue ?? "?"
        let what: String
        var them = true
        if let key = request.parameters["Key"]?.stringValue {
            // A manifest's version covers the data files it lists as well.
            let manifest =
                request.readerConfig["ManifestType"] != nil
                || request.readerConfig["InputType"]?.stringValue == "MANIFEST"
            what = manifest ? "s3://\(bucket)/\(key) or the data files it lists" : "s3://\(bucket)/\(key)"
            them = manifest
        } else {
            what = "the objects under s3://\(bucket)/\(request.parameters["Prefix"]?.stringValue ?? "")"
        }
        return .itemReaderFailed(
            token: request.token,
            cause:
                "\(what) changed while the map run was reading \(them ? "them" : "it") (before: \(version); now: \(now)); "
                + "the map run cannot resume on other content"
        )
    }
}
