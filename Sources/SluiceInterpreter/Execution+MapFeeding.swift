import SluiceASL
import SluiceJSON

/// Map runs feeding their children: batches built (ItemBatcher, its byte limit weighing the child's whole input),
/// children started while MaxConcurrency allows, the reader asked for more while the buffer runs low.
extension Execution {

    /// Starts children while MaxConcurrency allows and items are at hand; asks the reader for more when low.
    mutating func fill(_ id: Int, _ join: inout Join) {
        guard case .map(var run) = join.kind,
            let (stateName, kind) = readFrame(id, { f in (f.stateName, f.withState { $0.kind }) }),
            case .map(let map) = kind
        else {
            return
        }
        // The run is taken out of the join while items are consumed, so its buffer has one owner and releasing an
        // item does not copy the whole buffer; every way out puts it back.
        join.kind = .parallel
        let perChild = run.limits.maxItemsPerBatch ?? 1
        // What a batch waits for: its item count, or as many as the buffer holds (a batcher with only a byte limit
        // allows any number of items; the buffer never holds more than `maxBuffered`).
        let enough = min(perChild, Self.maxBuffered)
        while join.running.count < run.limits.maxConcurrency {
            // A batch waits for enough items unless the source is done.
            if run.bufferedCount == 0 || (map.itemBatcher != nil && run.bufferedCount < enough && !run.exhausted) {
                break
            }
            let input: JSONValue
            let inputByteCount: Int?
            let count: Int
            do {
                (input, inputByteCount, count) = try takeChildInput(map, &run, frame: id, perChild: perChild)
            } catch {
                join.kind = .map(run)
                failMap(id, &join, located(error, frame: id))
                return
            }
            let slot = run.nextSlot
            run.nextSlot += 1
            if let earlier = run.redriven.removeValue(forKey: slot) {
                // Succeeded before the redrive: counted again, not run again.
                run.itemsSucceeded += count
                run.succeededSlots.insert(slot)
                join.succeeded += 1
                if run.writerToken == nil {
                    while join.results.count <= slot { join.results.append(nil) }
                    join.results[slot] = earlier
                }
                continue
            }
            if !run.limits.distributed {
                record("MapIterationStarted", details: .mapIteration(name: stateName, index: slot))
            }
            let child = newFrame(machine: map.processor, parent: .init(frame: id, slot: slot), input: input)
            if let inputByteCount { modifyFrame(child) { $0.inputByteCount = inputByteCount } }
            if run.limits.distributed {
                makeChildExecution(child)
                run.children[child] = MapRun.ChildInfo(
                    slot: slot,
                    name: uuid(),
                    input: input,
                    start: now,
                    itemCount: count
                )
            } else {
                run.children[child] = MapRun.ChildInfo(slot: slot, name: "", input: .null, start: now, itemCount: count)
            }
            join.running.insert(child)
            schedule(child)
        }
        readAhead(&run, running: join.running.count, enough: enough)
        join.kind = .map(run)
    }

    /// The next child's input, taken from the buffer: one item, or (with an ItemBatcher) a batch of up to
    /// `perChild` items within MaxInputBytesPerBatch; its serialized size when the batcher weighed it, and how many
    /// items it holds.
    mutating func takeChildInput(_ map: MapState, _ run: inout MapRun, frame id: Int, perChild: Int)
        throws(StatesError) -> (input: JSONValue, byteCount: Int?, count: Int)
    {
        guard map.itemBatcher != nil else {
            let input = try peekSelected(map, run, frame: id)
            consume(&run)
            return (input, nil, 1)
        }
        var batch: [JSONValue] = []
        var bytes = 0
        // The limit weighs the child's whole input: `{"Items":[...]}` (11 bytes with the items' commas counted one
        // per item) and `"BatchInput":...,` when there is one, as AWS counts it.
        let wrapper =
            run.limits.maxBytesPerBatch == nil ? 0 : 11 + (run.batchInput.map { 14 + $0.serializedByteCount } ?? 0)
        if map.itemSelector == nil, run.sizesKnown || run.limits.maxBytesPerBatch == nil {
            // Items as they were read, weighed by the reader: the batch is a slice of the buffer, taken at once.
            batch = takeBatch(&run, perChild: perChild, wrapper: wrapper, bytes: &bytes)
        }
        while batch.count < perChild, run.bufferedCount > 0 {
            let item = try peekSelected(map, run, frame: id)
            if let limit = run.limits.maxBytesPerBatch {
                let size = itemSize(item, map, run) + 1
                // The item stays for the next batch (a lone oversized item still goes alone).
                if !batch.isEmpty, wrapper + bytes + size > limit { break }
                bytes += size
            }
            consume(&run)
            batch.append(item)
        }
        var o = JSONObject()
        if let batchInput = run.batchInput { o["BatchInput"] = batchInput }
        o["Items"] = .array(batch)
        let input = JSONValue.object(o)
        guard run.limits.maxBytesPerBatch != nil else { return (input, nil, batch.count) }
        // Weighed already.
        assert(wrapper + bytes == input.serializedByteCount, "batch size worked out wrong")
        return (input, wrapper + bytes, batch.count)
    }

    /// Drops what the buffer released, and asks the reader for more so that the buffer stays one round of children
    /// ahead of what runs.
    mutating func readAhead(_ run: inout MapRun, running: Int, enough: Int) {
        if run.bufferHead > 4096, run.bufferHead * 2 > run.buffer.count {
            run.buffer.removeFirst(run.bufferHead)
            if run.sizesKnown { run.bufferSizes.removeFirst(run.bufferHead) }
            run.bufferHead = 0
        }
        // Keep the buffer one round of children ahead of what runs.
        let wanted = min(
            Self.maxBuffered,
            max(Self.readChunk, enough * max(1, run.limits.maxConcurrency - running))
        )
        if !run.exhausted, !run.readPending, run.bufferedCount < wanted, let token = run.readerToken,
            var request = readerRequests[token]
        {
            request.count = wanted - run.bufferedCount
            run.readPending = true
            effects.append(.readItems(request))
        }
    }

    /// The next buffered item after ItemSelector (with `$$.Map.Item.Index` and `.Value`), not yet taken.
    func peekSelected(_ map: MapState, _ run: MapRun, frame id: Int) throws(StatesError) -> JSONValue {
        let item = run.buffer[run.bufferHead]
        guard let selector = map.itemSelector else { return item }
        return try evaluate(
            selector,
            input: run.effectiveInput,
            frame: id,
            mapItem: MapItem(index: run.nextItemIndex, value: item),
            fieldName: "ItemSelector"
        )
    }

    /// The compact size of the next item as the batcher weighs it: the reader's figure when it gave one and no
    /// ItemSelector changed the item, else a walk of the item.
    func itemSize(_ item: JSONValue, _ map: MapState, _ run: MapRun) -> Int {
        guard map.itemSelector == nil, run.sizesKnown, run.bufferHead < run.bufferSizes.count else {
            return item.serializedByteCount
        }
        let size = run.bufferSizes[run.bufferHead]
        assert(size == item.serializedByteCount, "the reader's item size is wrong")
        return size
    }

    /// The next batch of buffered items, unselected, as many as `perChild` and the byte limit allow (weighed with the
    /// reader's sizes, adding to `bytes`), released from the buffer. Spares a batch of a thousand items a thousand
    /// calls, each passing the map and its run along.
    func takeBatch(_ run: inout MapRun, perChild: Int, wrapper: Int, bytes: inout Int) -> [JSONValue] {
        let head = run.bufferHead
        var end = head + min(perChild, run.bufferedCount)
        if let limit = run.limits.maxBytesPerBatch {
            let sizesEnd = min(end, run.bufferSizes.count)
            var k = head
            while k < sizesEnd {
                let size = run.bufferSizes[k] + 1
                // The item stays for the next batch (a lone oversized item still goes alone).
                if k > head, wrapper + bytes + size > limit { break }
                bytes += size
                k += 1
            }
            end = k
        }
        // Moved out, not copied: the buffer's places are emptied anyway, and a copy retained each item only for the
        // emptying to release it, touching every row's (cold) object twice.
        let count = end - head
        let batch = run.buffer.withUnsafeMutableBufferPointer { buffer -> [JSONValue] in
            guard count > 0, let base = buffer.baseAddress else { return [] }
            return [JSONValue](unsafeUninitializedCapacity: count) { target, initialized in
                target.baseAddress!.moveInitialize(from: base + head, count: count)
                (base + head).initialize(repeating: .null, count: count)
                initialized = count
            }
        }
        run.bufferHead = end
        run.nextItemIndex += end - head
        return batch
    }

    /// Takes the next buffered item, releasing it from the buffer.
    func consume(_ run: inout MapRun) {
        run.buffer[run.bufferHead] = .null
        run.bufferHead += 1
        run.nextItemIndex += 1
    }
}
