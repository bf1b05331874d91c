/// Wait: delays for a number of seconds or until a timestamp.
package enum WaitState: Sendable, Hashable {
    case seconds(ValueSource<Int>)
    case timestamp(ValueSource<String>)
}
