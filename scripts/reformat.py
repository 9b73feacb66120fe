#!/usr/bin/env python3
"""Brings CarbonX sources to the checkstyle rules of config/checkstyle/checkstyle.xml.

Run through scripts/reformat.sh, which calls the passes in this order:

  source FILES...         K&R braces to Allman ('{' on its own line, '}' alone before else/catch/finally),
                          `null != x` to `x != null`; purely lexical, no build needed.
  checkstyle XML...       fixes checkstyle reported (checkstyle-result.xml of each module): adds `final` to
                          parameters and locals it names, turns a reassigned parameter into a final one copied
                          to a local, deletes unused and redundant imports, re-indents lines it finds
                          wrongly indented, puts braces around a one-line `if (x) y;` it names.
  wrap FILES...           wraps lines longer than 120 columns: code at the least nested comma or operator
                          that fits, long string literals into concatenations, comments at word boundaries.

Each pass is deterministic and idempotent: a tree already in style is left byte for byte as it is.
"""

import re
import sys
import xml.etree.ElementTree as ElementTree

MAX_COLUMNS = 120
INDENT = 4

KEYWORDS_AFTER_CLOSE = {"else", "catch", "finally"}


class Token:
    __slots__ = ("kind", "text", "start", "end", "line", "col")

    def __init__(self, kind, text, start, end, line, col):
        self.kind = kind  # ident, number, string, textblock, char, op, comment, ws, nl
        self.text = text
        self.start = start
        self.end = end
        self.line = line
        self.col = col

    def __repr__(self):
        return "%s(%r@%d:%d)" % (self.kind, self.text, self.line, self.col)


OPERATORS = sorted([
    ">>>=", "<<=", ">>=", ">>>", "...", "->", "::", "++", "--", "&&", "||", "==", "!=", "<=", ">=", "+=", "-=",
    "*=", "/=", "%=", "&=", "|=", "^=", "<<",
], key=len, reverse=True)


def tokenize(text):
    """Java tokens with offsets, lines (1-based) and columns (0-based); comments and whitespace kept."""
    tokens = []
    i = 0
    line = 1
    line_start = 0
    n = len(text)
    while i < n:
        c = text[i]
        start = i
        col = i - line_start
        kind = None
        if c == "\n":
            i += 1
            tokens.append(Token("nl", "\n", start, i, line, col))
            line += 1
            line_start = i
            continue
        if c in " \t\r\f":
            while i < n and text[i] in " \t\r\f":
                i += 1
            kind = "ws"
        elif text.startswith("//", i):
            while i < n and text[i] != "\n":
                i += 1
            kind = "comment"
        elif text.startswith("/*", i):
            j = text.find("*/", i + 2)
            i = n if j < 0 else j + 2
            kind = "comment"
        elif text.startswith('"""', i):
            j = i + 3
            while j < n:
                if text[j] == "\\":
                    j += 2
                    continue
                if text.startswith('"""', j):
                    j += 3
                    break
                j += 1
            i = j
            kind = "textblock"
        elif c == '"' or c == "'":
            j = i + 1
            while j < n and text[j] != c and text[j] != "\n":
                j += 2 if text[j] == "\\" else 1
            i = j + 1
            kind = "string" if c == '"' else "char"
        elif c.isalpha() or c == "_" or c == "$":
            while i < n and (text[i].isalnum() or text[i] in "_$"):
                i += 1
            kind = "ident"
        elif c.isdigit() or (c == "." and i + 1 < n and text[i + 1].isdigit()):
            while i < n and (text[i].isalnum() or text[i] in "._"):
                i += 1
            kind = "number"
        else:
            for op in OPERATORS:
                if text.startswith(op, i):
                    i += len(op)
                    break
            else:
                i += 1
            kind = "op"
        token_text = text[start:i]
        tokens.append(Token(kind, token_text, start, i, line, col))
        newlines = token_text.count("\n")
        if newlines:
            line += newlines
            line_start = start + token_text.rfind("\n") + 1
    return tokens


def code_tokens(tokens):
    return [t for t in tokens if t.kind not in ("ws", "nl", "comment")]


def apply_edits(text, edits):
    """Edits are (start, end, replacement); applied from the end so offsets stay valid."""
    for start, end, replacement in sorted(edits, key=lambda e: (e[0], e[1]), reverse=True):
        text = text[:start] + replacement + text[end:]
    return text


def line_indent(text, offset):
    line_start = text.rfind("\n", 0, offset) + 1
    j = line_start
    while j < len(text) and text[j] == " ":
        j += 1
    return j - line_start


def first_on_line(text, offset):
    line_start = text.rfind("\n", 0, offset) + 1
    return text[line_start:offset].strip() == ""


# ---------------------------------------------------------------------------------------------------------------------
# source: braces and null comparisons


def split_closing_braces(text):
    """`} else {` -> `}` and `else {` on its own line, at the brace's indentation."""
    tokens = tokenize(text)
    edits = []
    for index, token in enumerate(tokens):
        if token.text != "}":
            continue
        j = index + 1
        while j < len(tokens) and tokens[j].kind == "ws":
            j += 1
        if j < len(tokens) and tokens[j].kind == "ident" and tokens[j].text in KEYWORDS_AFTER_CLOSE:
            indent = line_indent(text, token.start)
            edits.append((token.end, tokens[j].start, "\n" + " " * indent))
    return apply_edits(text, edits)


def matching_braces(tokens):
    pairs = {}
    stack = []
    for index, token in enumerate(tokens):
        if token.text == "{":
            stack.append(index)
        elif token.text == "}" and stack:
            pairs[stack.pop()] = index
    return pairs


ARRAY_INITIALISER_BEFORE = {"=", "]", ",", "{", "("}


def move_opening_braces(text):
    """A '{' that ends a line with code before it goes to a line of its own, where its block's '}' is."""
    tokens = tokenize(text)
    pairs = matching_braces(tokens)
    edits = []
    for index, token in enumerate(tokens):
        if token.text != "{" or first_on_line(text, token.start):
            continue
        previous = index - 1
        while previous >= 0 and tokens[previous].kind in ("ws", "comment"):
            previous -= 1
        if previous < 0 or tokens[previous].text in ARRAY_INITIALISER_BEFORE:
            continue
        following = index + 1
        while following < len(tokens) and tokens[following].kind == "ws":
            following += 1
        close = pairs.get(index)
        trailing_comment = None
        if following < len(tokens) and tokens[following].kind == "comment" and \
                tokens[following].text.startswith("//"):
            trailing_comment = tokens[following]
        elif following < len(tokens) and tokens[following].kind != "nl":
            if close is not None and tokens[close].line == token.line and close > following:
                edits.extend(open_single_line_block(text, tokens, previous, index, close))
            continue
        if close is not None and first_on_line(text, tokens[close].start):
            indent = tokens[close].col
        else:
            indent = line_indent(text, token.start)
        if trailing_comment is not None:
            # `case 0: { // why` -> `case 0: // why`, then the brace on a line of its own
            edits.append((tokens[previous].end, trailing_comment.end,
                          " " + trailing_comment.text + "\n" + " " * indent + "{"))
        else:
            edits.append((tokens[previous].end, token.start, "\n" + " " * indent))
    return apply_edits(text, edits)


def open_single_line_block(text, tokens, previous, index, close):
    """`enum State { A, B }` (ending its line) -> the body on a line of its own between Allman braces."""
    after = close + 1
    while after < len(tokens) and tokens[after].kind == "ws":
        after += 1
    if after < len(tokens) and tokens[after].kind != "nl":
        return []
    body = text[tokens[index].end:tokens[close].start].strip()
    if not body:
        return []
    pad = " " * line_indent(text, tokens[index].start)
    return [(tokens[previous].end, tokens[close].end,
             "\n" + pad + "{\n" + pad + " " * INDENT + body + "\n" + pad + "}")]


OPERAND_END = {"&&", "||", ")", ";", "?", ",", ":", "]", "}", "==", "!="}


def swap_null_comparisons(text):
    """`null != x` -> `x != null` (and `==`), where x is a name, field, call or array element."""
    changed = True
    while changed:
        changed = False
        tokens = tokenize(text)
        code = code_tokens(tokens)
        for k in range(len(code) - 2):
            if code[k].text != "null" or code[k + 1].text not in ("==", "!="):
                continue
            if k > 0 and code[k - 1].text in (".",):
                continue
            end = operand_end(code, k + 2)
            if end is None:
                continue
            first, last = code[k + 2], code[end]
            operand = text[first.start:last.end]
            replacement = operand + " " + code[k + 1].text + " null"
            text = text[:code[k].start] + replacement + text[last.end:]
            changed = True
            break
    return text


def operand_end(code, k):
    """Index of the last token of a primary expression starting at k (name, this, calls, fields, indexes)."""
    if k >= len(code) or code[k].kind not in ("ident", "number", "string", "char"):
        return None
    j = k
    while j + 1 < len(code):
        nxt = code[j + 1]
        if nxt.text == "." and j + 2 < len(code) and code[j + 2].kind == "ident":
            j += 2
        elif nxt.text in ("(", "["):
            depth = 0
            m = j + 1
            while m < len(code):
                if code[m].text in ("(", "["):
                    depth += 1
                elif code[m].text in (")", "]"):
                    depth -= 1
                    if depth == 0:
                        break
                m += 1
            if m >= len(code):
                return None
            j = m
        else:
            break
    if j + 1 < len(code) and code[j + 1].text not in OPERAND_END:
        return None
    return j


def source_pass(paths):
    for path in paths:
        text = read(path)
        new = swap_null_comparisons(move_opening_braces(split_closing_braces(text)))
        new = "\n".join(line.rstrip() for line in new.split("\n"))
        if not new.endswith("\n"):
            new += "\n"
        write_if_changed(path, text, new)


# ---------------------------------------------------------------------------------------------------------------------
# checkstyle-driven fixes


def checkstyle_pass(reports):
    by_file = {}
    for report in reports:
        for file_element in ElementTree.parse(report).getroot().iter("file"):
            for error in file_element.iter("error"):
                source = error.get("source", "").split(".")[-1]
                by_file.setdefault(file_element.get("name"), []).append(
                    (source, int(error.get("line", "0")), int(error.get("column", "0") or 0), error.get("message")))
    for path, errors in sorted(by_file.items()):
        text = read(path)
        new = fix_file(text, errors)
        write_if_changed(path, text, new)


def offset_of(text, line, column):
    """Offset of a checkstyle position (line 1-based, column 1-based)."""
    lines = text.split("\n")
    return sum(len(x) + 1 for x in lines[:line - 1]) + max(column - 1, 0)


def fix_file(text, errors):
    tokens = tokenize(text)
    code = code_tokens(tokens)
    by_start = {t.start: i for i, t in enumerate(code)}
    edits = []
    delete_lines = set()
    for source, line, column, message in errors:
        if source in ("UnusedImportsCheck", "RedundantImportCheck"):
            delete_lines.add(line)
        elif source == "FinalParametersCheck":
            offset = offset_of(text, line, column)
            index = by_start.get(offset)
            if index is None:
                continue
            name = re.search(r"Parameter (\S+) should be final", message).group(1)
            edit = finalize_parameter(text, code, index, name)
            edits.extend(edit)
        elif source == "FinalLocalVariableCheck":
            offset = offset_of(text, line, column)
            index = by_start.get(offset)
            if index is None:
                continue
            type_start = type_start_before(code, index)
            if type_start is not None:
                edits.append((code[type_start].start, code[type_start].start, "final "))
    for source, line, column, message in errors:
        if source == "IndentationCheck":
            edits.extend(reindent(text, line, message))
        elif source == "NeedBracesCheck":
            index = by_start.get(offset_of(text, line, column))
            if index is not None:
                edits.extend(add_braces(text, code, index))
    text = apply_edits(text, set(edits))
    if delete_lines:
        lines = text.split("\n")
        text = "\n".join(x for i, x in enumerate(lines) if i + 1 not in delete_lines)
    return text


CONTROL_WITHOUT_BRACES = {"if", "for", "while", "else"}


def add_braces(text, code, index):
    """`if (x) return;` (one statement ending its line) -> the statement between Allman braces."""
    keyword = code[index]
    if keyword.text not in CONTROL_WITHOUT_BRACES:
        return []
    body = index + 1
    if keyword.text != "else":
        if body >= len(code) or code[body].text != "(":
            return []
        depth = 0
        while body < len(code):
            if code[body].text == "(":
                depth += 1
            elif code[body].text == ")":
                depth -= 1
                if depth == 0:
                    break
            body += 1
        body += 1
    if body >= len(code) or code[body].text in ("{", ";", "if", "for", "while", "do", "try", "switch", "else"):
        return []
    end = body
    depth = 0
    while end < len(code):
        if code[end].text in ("(", "[", "{"):
            depth += 1
        elif code[end].text in (")", "]", "}"):
            depth -= 1
        elif code[end].text == ";" and depth == 0:
            break
        end += 1
    if end >= len(code) or code[end].line - code[body - 1].line > 1:
        return []
    rest = text[code[end].end:text.find("\n", code[end].end)]
    if rest.strip():
        return []
    pad = " " * line_indent(text, keyword.start)
    statement = text[code[body].start:code[end].end]
    # Lines that continue the statement move in with it.
    own_line = first_on_line(text, code[body].start)
    delta = len(pad) + INDENT - line_indent(text, code[body].start) if own_line else INDENT
    statement = "\n".join(x.strip() if i == 0 else shift(x, delta) for i, x in enumerate(statement.split("\n")))
    return [(code[body - 1].end, code[end].end,
             "\n" + pad + "{\n" + pad + " " * INDENT + statement + "\n" + pad + "}")]


def shift(line, delta):
    if delta >= 0:
        return " " * delta + line
    return line[min(-delta, len(line) - len(line.lstrip(" "))):]


def reindent(text, line, message):
    """Moves a line checkstyle finds wrongly indented to the first level it expects."""
    match = re.search(r"level (\d+), expected level should be (?:one of the following: )?(\d+)", message)
    if match is None:
        return []
    found, expected = int(match.group(1)), int(match.group(2))
    start = offset_of(text, line, 1)
    if line_indent(text, start) != found:
        return []
    return [(start, start + found, " " * expected)]


def type_start_before(code, index):
    """Index of the first token of the type written before the variable name at index."""
    j = index - 1
    depth = 0
    while j >= 0:
        t = code[j].text
        if t in (">", ">>", ">>>"):
            depth += len(t)
        elif t == "<":
            depth -= 1
        elif depth == 0 and t in ("]", "["):
            pass
        elif depth == 0 and code[j].kind == "ident":
            if j > 0 and code[j - 1].text == ".":
                j -= 2
                continue
            if j > 0 and code[j - 1].text in (">",) :
                pass
            return j
        elif depth == 0:
            return None
        j -= 1
    return None


ASSIGNMENT = {"=", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "<<=", ">>=", ">>>="}


def finalize_parameter(text, code, index, name):
    """`final` before the parameter; if the body assigns it, the parameter becomes `initialName`, copied to a local."""
    name_index = index
    while name_index < len(code) and not (code[name_index].text == name and code[name_index + 1].text in (",", ")")):
        name_index += 1
    if name_index >= len(code):
        return []
    body_open, body_close = body_of(code, name_index)
    if body_open is None:
        return [(code[index].start, code[index].start, "final ")]
    assigned = False
    for k in range(body_open + 1, body_close):
        if code[k].text != name or code[k - 1].text in (".", "::"):
            continue
        if code[k + 1].text in ASSIGNMENT or code[k + 1].text in ("++", "--") or code[k - 1].text in ("++", "--"):
            assigned = True
            break
    if not assigned:
        return [(code[index].start, code[index].start, "final ")]
    renamed = "initial" + name[0].upper() + name[1:]
    type_text = text[code[index].start:code[name_index - 1].end]
    indent = line_indent(text, code[body_open].start) + INDENT
    return [
        (code[index].start, code[index].start, "final "),
        (code[name_index].start, code[name_index].end, renamed),
        (code[body_open].end, code[body_open].end, "\n" + " " * indent + type_text + " " + name + " = " + renamed + ";"),
    ]


def body_of(code, name_index):
    """The '{' and '}' of the method or constructor whose parameter is at name_index."""
    depth = 0
    k = name_index
    while k < len(code):
        t = code[k].text
        if t == "(":
            depth += 1
        elif t == ")":
            if depth == 0:
                break
            depth -= 1
        k += 1
    while k < len(code) and code[k].text not in ("{", ";"):
        k += 1
    if k >= len(code) or code[k].text == ";":
        return None, None
    open_index = k
    depth = 0
    while k < len(code):
        if code[k].text == "{":
            depth += 1
        elif code[k].text == "}":
            depth -= 1
            if depth == 0:
                return open_index, k
        k += 1
    return None, None


# ---------------------------------------------------------------------------------------------------------------------
# wrap: lines over 120 columns

BREAK_AFTER = {",", "(", "+", "&&", "||", "=", "->"}
CONTROL_KEYWORDS = {"if", "for", "while", "switch", "catch", "synchronized", "return", "throw", "new"}


def wrap_pass(paths):
    for path in paths:
        text = read(path)
        new = text
        for _ in range(5000):
            wrapped = wrap_text(new)
            if wrapped == new:
                break
            new = wrapped
        write_if_changed(path, text, new)


def wrap_text(text):
    lines = text.split("\n")
    if all(len(x) <= MAX_COLUMNS for x in lines):
        return text
    tokens = tokenize(text)
    by_line = {}
    for t in tokens:
        if t.kind != "nl":
            for covered in range(t.line, t.line + t.text.count("\n") + 1):
                by_line.setdefault(covered, []).append(t)
    open_at_line = enclosing_brackets(tokens)
    line_offsets = []
    offset = 0
    for x in lines:
        line_offsets.append(offset)
        offset += len(x) + 1
    for number, line in enumerate(lines, start=1):
        if len(line) <= MAX_COLUMNS or re.match(r"^(package|import) ", line):
            continue
        if re.match(r"^\s*\* *https?://", line):
            continue
        line_tokens = [t for t in by_line.get(number, []) if t.kind != "ws"]
        start = line_offsets[number - 1]
        previous = next((lines[k].strip() for k in range(number - 2, -1, -1) if lines[k].strip()), "")
        replacement = wrap_line(line, line_tokens, start, open_at_line.get(number), previous)
        if replacement is not None and replacement != line:
            lines[number - 1] = replacement
            reflow(lines, number)
            return "\n".join(lines)
    return text


def reflow(lines, number):
    """After a comment line is wrapped, its overflow joins the next line of the same paragraph rather than standing
    alone; that line is wrapped in turn if it grows too long."""
    parts = lines[number - 1].split("\n")
    if len(parts) != 2 or number >= len(lines):
        return
    head, tail = parts
    match = re.match(r"^(\s*(?:\*|//+) )(\S.*)$", tail)
    if match is None:
        return
    prefix, overflow = match.group(1), match.group(2)
    following = lines[number]
    if not following.startswith(prefix) or len(following) == len(prefix):
        return
    text = following[len(prefix):]
    if text[0] in " @<*/-{|" or re.match(r"^\d+[.)] ", text) or overflow.endswith("*/") or in_pre_block(lines, number):
        return
    lines[number - 1] = head
    lines[number] = prefix + overflow + " " + text


def in_pre_block(lines, number):
    """True if the comment line at index number is inside <pre> ... </pre>."""
    for k in range(number - 1, -1, -1):
        if "</pre>" in lines[k]:
            return False
        if "<pre>" in lines[k]:
            return True
        if "/*" in lines[k]:
            return False
    return False


def enclosing_brackets(tokens):
    """For each line: (the innermost bracket open where the line starts, the code token before it)."""
    result = {}
    stack = []
    previous_code = None
    current_line = 0
    for t in tokens:
        if t.kind in ("ws", "nl", "comment"):
            continue
        if t.line != current_line:
            current_line = t.line
            result[current_line] = stack[-1] if stack else None
        if t.text in ("(", "[", "{"):
            stack.append((t.text, previous_code.text if previous_code else ""))
        elif t.text in (")", "]", "}") and stack:
            stack.pop()
        previous_code = t
    return result


def is_ternary_question(code, i):
    t = code[i]
    if t.text != "?" or i == 0 or i + 1 >= len(code):
        return False
    return code[i - 1].text not in ("<", ",") and code[i + 1].text not in (">", ",", "extends", "super")


CONTINUED_AFTER = ("+", "&&", "||", "=", "?", "(")


def is_continuation(line, previous, enclosing):
    """True if the line already continues the statement above it: its own wraps keep its indentation."""
    if line.lstrip().startswith((".", "?", ":", "+")):
        return True
    if previous.startswith(("//", "*", "/*", "@")):
        return False
    if previous.endswith(CONTINUED_AFTER):
        return True
    return previous.endswith(",") and enclosing is not None and enclosing[0] == "("


def wrap_line(line, line_tokens, line_start, enclosing, previous):
    indent = len(line) - len(line.lstrip(" "))
    # The line starts inside a comment (a Javadoc or block comment line) or is a comment line of its own.
    first = line_tokens[0] if line_tokens else None
    if first is None or first.start < line_start or (first.kind == "comment" and len(line_tokens) == 1):
        if first is not None and first.kind == "textblock":
            return None
        return wrap_comment_line(line)
    # Code followed by a comment: the comment goes on a line of its own above.
    if line_tokens[-1].kind == "comment" and line_tokens[-1].text.startswith("//") and len(line_tokens) > 1:
        comment = line_tokens[-1].text
        code_part = line[:line_tokens[-1].start - line_start].rstrip()
        return " " * indent + comment + "\n" + code_part
    code = [t for t in line_tokens if t.kind != "comment"]
    if any(t.kind == "textblock" for t in code):
        return None
    best = None
    depth = 0
    open_ternaries = {}
    for i, t in enumerate(code[:-1]):
        if t.text in ("(", "[", "{"):
            depth += 1
        elif t.text in (")", "]", "}"):
            depth -= 1
        nxt = code[i + 1]
        column_after = t.end - line_start
        if column_after > MAX_COLUMNS:
            break
        if is_ternary_question(code, i):
            open_ternaries[depth] = open_ternaries.get(depth, 0) + 1
        if nxt.text in (")", ";", ",", "]"):
            continue
        breakable = t.text in BREAK_AFTER
        if t.text == "+" and (i == 0 or code[i - 1].kind == "op" and code[i - 1].text not in (")", "]")):
            breakable = False
        if t.text == "(" and (i == 0 or code[i - 1].kind != "ident" or code[i - 1].text in CONTROL_KEYWORDS):
            breakable = i > 0 and code[i - 1].text == ">"
        if is_ternary_question(code, i + 1):
            breakable = True
        if nxt.text == ":" and open_ternaries.get(depth, 0) > 0:
            breakable = True
        if nxt.text == "." and t.text == ")":
            breakable = True
        if breakable:
            key = (depth, -column_after)
            if best is None or key < best[0]:
                best = (key, t, nxt)
        if t.text == ":" and open_ternaries.get(depth, 0) > 0:
            open_ternaries[depth] -= 1
    if best is not None:
        (depth, _), t, nxt = best
        # A wrap inside brackets opened on this line, or a lambda body, goes in; a line that already continues the
        # statement above it keeps its indentation for a wrap at its own level.
        continued = depth <= 0 and t.text != "->" and is_continuation(line, previous, enclosing)
        continuation = " " * (indent if continued else indent + INDENT)
        if depth <= 0 and enclosing is not None and enclosing[0] == "{" and enclosing[1] in ARRAY_INITIALISER_BEFORE:
            continuation = " " * indent  # the next element of an array initialiser
        head = line[:t.end - line_start].rstrip()
        tail = line[nxt.start - line_start:]
        if len(continuation) + len(tail) < len(line) and head.strip():
            return head + "\n" + continuation + tail
    continued = is_continuation(line, previous, enclosing)
    return split_string(line, code, line_start, " " * (indent if continued else indent + INDENT))


STRING_CUTS = (r" ", r"[|;,&/=]")


def split_string(line, code, line_start, continuation):
    """Splits the string literal that crosses the limit into `"head " +` and `"tail"` on the next line."""
    for i, t in enumerate(code):
        if t.kind != "string" or t.end - line_start <= MAX_COLUMNS - 1:
            continue
        if t.start - line_start >= MAX_COLUMNS - 12:
            return None
        before = code[i - 1].text if i > 0 else ""
        after = code[i + 1].text if i + 1 < len(code) else ""
        if before in (".", ")") or after in (".", "["):
            return None
        body = t.text[1:-1]
        limit = MAX_COLUMNS - 3 - (t.start - line_start + 1)  # room for `" +`
        escapes = [m.span() for m in re.finditer(r"\\(u+[0-9a-fA-F]{4}|[0-7]{1,3}|.)", body)]

        def allowed(position):
            return 8 <= position < len(body) and not any(a < position < b for a, b in escapes)

        cut = None
        for pattern in STRING_CUTS:
            for m in re.finditer(pattern, body):
                if m.end() > limit:
                    break
                if allowed(m.end()):
                    cut = m.end()
            if cut is not None:
                break
        if cut is None:
            cut = next((p for p in range(limit, 7, -1) if allowed(p)), None)
        if cut is None:
            return None
        head = line[:t.start - line_start] + '"' + body[:cut] + '" +'
        tail = continuation + '"' + body[cut:] + '"' + line[t.end - line_start:]
        return head + "\n" + tail
    return None


def escaped_at(body, position):
    """True if cutting at position would split an escape sequence."""
    backslashes = 0
    k = position - 1
    while k >= 0 and body[k] == "\\":
        backslashes += 1
        k -= 1
    return backslashes % 2 == 1


def wrap_comment_line(line):
    indent = len(line) - len(line.lstrip(" "))
    stripped = line.strip()
    single_javadoc = re.match(r"^/\*\*\s*(.*?)\s*\*/$", stripped)
    if single_javadoc:
        pad = " " * indent
        return pad + "/**\n" + pad + " * " + single_javadoc.group(1) + "\n" + pad + " */"
    match = re.match(r"^(\s*(?://+|\*)?\s?)(.*)$", line)
    prefix, rest = match.group(1), match.group(2)
    if stripped.startswith("/*"):
        prefix_match = re.match(r"^(\s*/\*+\s?)(.*)$", line)
        prefix = prefix_match.group(1)
        rest = prefix_match.group(2)
        next_prefix = " " * indent + " * "
    elif stripped.startswith("*"):
        next_prefix = prefix if prefix.endswith(" ") else prefix + " "
    elif stripped.startswith("//"):
        next_prefix = prefix if prefix.endswith(" ") else prefix + " "
    else:
        return None
    limit = MAX_COLUMNS - len(prefix)
    cut = None
    for m in re.finditer(r" ", rest):
        if m.start() > limit:
            break
        if m.start() > 0:
            cut = m.start()
    if cut is None:
        return None
    return prefix + rest[:cut].rstrip() + "\n" + next_prefix + rest[cut + 1:].lstrip()


# ---------------------------------------------------------------------------------------------------------------------


def report(reports):
    """Prints the violations left in checkstyle-result.xml files; exit status 1 if there are any."""
    count = 0
    for path in reports:
        for file_element in ElementTree.parse(path).getroot().iter("file"):
            for error in file_element.iter("error"):
                count += 1
                print("    %s:%s: %s" % (file_element.get("name"), error.get("line"), error.get("message")))
    print("    %d checkstyle violations left" % count)
    return 1 if count else 0


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def write_if_changed(path, old, new):
    if new != old:
        with open(path, "w", encoding="utf-8") as f:
            f.write(new)


def main(argv):
    if len(argv) < 2:
        print(__doc__)
        return 2
    command, arguments = argv[1], argv[2:]
    if command == "source":
        source_pass(arguments)
    elif command == "checkstyle":
        checkstyle_pass(arguments)
    elif command == "wrap":
        wrap_pass(arguments)
    elif command == "report":
        return report(arguments)
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
