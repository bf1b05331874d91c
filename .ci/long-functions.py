#!/usr/bin/env python3
"""Lists the functions in Sources/ longer than a limit (80 lines unless given), longest first, and exits 1 when
there are any, so a reviewer sees where a function mixes concerns.

A function counts from the line of its opening brace's declaration (`func`, `init`, `deinit`, `subscript`, a
computed property or accessor, or a closure assigned with `=`) to the line of its matching closing brace. Strings
and comments are blanked first, so braces inside them do not count.

Usage: .ci/long-functions.py [--limit N] [--exclude Module ...] [paths...]"""
import argparse
import os
import re
import sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Sources")
MODIFIERS = re.compile(r"\s*(?:(?:@\w+(?:\([^)]*\))?|private|fileprivate|package|public|internal|static|class|lazy|"
                       r"nonisolated|override|final|weak|unowned|mutating)(?:\(set\))?\s+)*")
DECLARATION = re.compile(r"\b(func\s+[^\s(<]+|init[?!]?|deinit|subscript|(?:var|let)\s+\w+)")


def blank(text):
    """The text with comments and string contents replaced by spaces (line breaks kept)."""
    out = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
            out.append(" " * (j - i))
            i = j
        elif text.startswith("/*", i):
            depth, j = 1, i + 2
            while j < n and depth:
                if text.startswith("/*", j):
                    depth, j = depth + 1, j + 2
                elif text.startswith("*/", j):
                    depth, j = depth - 1, j + 2
                else:
                    j += 1
            out.append(re.sub(r"[^\n]", " ", text[i:j]))
            i = j
        elif c == '"' or (c == "#" and re.match(r'#+"', text[i:])):
            hashes = len(re.match(r"#*", text[i:]).group(0))
            start = i + hashes
            triple = text.startswith('"""', start)
            quote = '"""' if triple else '"'
            close = quote + "#" * hashes
            j = start + len(quote)
            while j < n and not text.startswith(close, j):
                if text[j] == "\\" and hashes == 0:
                    j += 2
                    continue
                if text[j] == "\n" and not triple:
                    break
                j += 1
            j = min(n, j + len(close))
            out.append(re.sub(r"[^\n]", " ", text[i:j]))
            i = j
        else:
            out.append(c)
            i += 1
    return "".join(out)


def functions(path):
    """(name, first line, last line) of every function body in the file."""
    code = blank(open(path, encoding="utf-8").read())
    line_of = [0] * (len(code) + 1)
    line = 1
    for k, ch in enumerate(code):
        line_of[k] = line
        if ch == "\n":
            line += 1
    line_of[len(code)] = line
    # Matching braces.
    match, stack = {}, []
    for k, ch in enumerate(code):
        if ch == "{":
            stack.append(k)
        elif ch == "}" and stack:
            match[stack.pop()] = k
    found = []
    for m in DECLARATION.finditer(code):
        name = m.group(1)
        is_property = name.startswith(("var", "let"))
        before = code[code.rfind("\n", 0, m.start()) + 1:m.start()]
        if before.endswith("."):
            continue  # `.init(...)`: a call, not a declaration
        if is_property and not MODIFIERS.fullmatch(before):
            continue  # `case .x(let y)`, `if let y`: a binding, not a property
        depth, k = 0, m.end()
        while k < len(code):
            ch = code[k]
            if ch in "([":
                depth += 1
            elif ch in ")]":
                depth -= 1
            elif depth == 0 and ch == "}":
                k = -1
                break
            elif depth == 0 and ch == "{":
                break
            elif depth == 0 and ch == "\n" and is_property:
                # A stored property: only `= {` (a closure) or a computed body on the same line counts.
                k = -1
                break
            elif depth == 0 and DECLARATION.match(code, k) and code[k - 1] in " \t\n" and not is_property:
                k = -1  # a protocol requirement: no body
                break
            k += 1
        if k < 0 or k >= len(code) or k not in match:
            continue
        if is_property and not re.search(r"(=\s*|:\s*[^=]*)$", code[m.end():k]):
            continue
        found.append((re.sub(r"\s+", " ", name), line_of[m.start()], line_of[match[k]]))
    return found


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=80)
    parser.add_argument("--exclude", nargs="*", default=[], help="module folders to leave out")
    parser.add_argument("paths", nargs="*", default=[ROOT])
    args = parser.parse_args()
    long = []
    for top in args.paths:
        for base, _, files in os.walk(top):
            if any(part in args.exclude for part in os.path.relpath(base, top).split(os.sep)):
                continue
            for name in files:
                if name.endswith(".swift"):
                    path = os.path.join(base, name)
                    for fn, first, last in functions(path):
                        if last - first + 1 > args.limit:
                            long.append((last - first + 1, os.path.relpath(path, os.path.join(ROOT, "..")), first, fn))
    for lines, path, first, fn in sorted(long, reverse=True):
        print(f"{lines:5d}  {path}:{first}  {fn}")
    print(f"long functions: {len(long)} over {args.limit} lines")
    return 1 if long else 0


if __name__ == "__main__":
    sys.exit(main())
