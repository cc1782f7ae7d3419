"""haber-search query syntax (the subset the benchmark query sets use) parsed
into a small tree and written out for the peers.

Supported: words (all must match), "phrases", OR / AND / NOT, +word, -word,
( ), field:word and field:"phrase" (category, title; other fields are
searched as text), =word (exact form: peers have no such thing, searched as a
word), prefix*, a NEAR b / a NEAR/n b (peers: searched as a AND b).
OR binds looser than AND (explicit or implicit).

Tree nodes: ("word", text, prefix) ("phrase", [words]) ("field", name, node)
("and", [nodes]) ("or", [nodes]) ("not", node).
"""
import re


class QueryError(ValueError):
    pass


_TOKEN = re.compile(r'\s*(?:(\()|(\))|("[^"]*"?)|([^\s()"]+))')


def _lex(q):
    toks = []
    pos = 0
    while pos < len(q):
        m = _TOKEN.match(q, pos)
        if not m or m.end() == pos:
            break
        pos = m.end()
        if m.group(1):
            toks.append(("(", None))
        elif m.group(2):
            toks.append((")", None))
        elif m.group(3):
            toks.append(("phrase", m.group(3).strip('"')))
        else:
            w = m.group(4)
            if w in ("OR", "AND", "NOT") or re.fullmatch(r"NEAR(/\d+)?", w):
                toks.append((w.split("/")[0], w))
            else:
                toks.append(("word", w))
    return toks


def _words(text):
    return [w for w in re.split(r"\s+", text.strip()) if w]


class _Parser:
    def __init__(self, q):
        self.toks = _lex(q)
        self.i = 0

    def peek(self):
        return self.toks[self.i][0] if self.i < len(self.toks) else None

    def take(self):
        t = self.toks[self.i]
        self.i += 1
        return t

    def parse(self):
        node = self.parse_or()
        if self.i != len(self.toks):
            raise QueryError("unexpected " + str(self.toks[self.i][1] or self.toks[self.i][0]))
        return node

    def parse_or(self):
        parts = [self.parse_and()]
        while self.peek() == "OR":
            self.take()
            parts.append(self.parse_and())
        return parts[0] if len(parts) == 1 else ("or", parts)

    def parse_and(self):
        parts = []
        while self.peek() not in (None, ")", "OR"):
            if self.peek() in ("AND", "NEAR"):
                self.take()
                continue
            if self.peek() == "NOT":
                self.take()
                parts.append(("not", self.parse_unary()))
                continue
            parts.append(self.parse_unary())
        if not parts:
            raise QueryError("empty expression")
        return parts[0] if len(parts) == 1 else ("and", parts)

    def parse_unary(self):
        t = self.peek()
        if t == "(":
            self.take()
            node = self.parse_or()
            if self.peek() != ")":
                raise QueryError("missing )")
            self.take()
            return node
        if t == "phrase":
            ws = _words(self.take()[1])
            if not ws:
                raise QueryError("empty phrase")
            return ("phrase", ws) if len(ws) > 1 else ("word", ws[0], False)
        if t == "word":
            w = self.take()[1]
            if w.startswith("-") and len(w) > 1:
                return ("not", self._word_or_field(w[1:]))
            if w.startswith("+") and len(w) > 1:
                w = w[1:]
            return self._word_or_field(w)
        raise QueryError("unexpected " + str(t))

    def _word_or_field(self, w):
        m = re.fullmatch(r"([a-z]+):(.*)", w)
        if m:
            name, rest = m.group(1), m.group(2)
            if rest:
                return ("field", name, self._plain_word(rest))
            if self.peek() == "phrase":
                ws = _words(self.take()[1])
                return ("field", name, ("phrase", ws) if len(ws) > 1 else ("word", ws[0], False))
            raise QueryError("empty field value")
        return self._plain_word(w)

    def _plain_word(self, w):
        if w.startswith("="):
            w = w[1:]
        prefix = w.endswith("*")
        w = w.rstrip("*")
        if not w:
            raise QueryError("empty word")
        return ("word", w, prefix)


def parse(q):
    return _Parser(q).parse()


def _split_not(parts):
    pos = [p for p in parts if p[0] != "not"]
    neg = [p[1] for p in parts if p[0] == "not"]
    if not pos:
        raise QueryError("only negative terms")
    return pos, neg


def _fieldname(name):
    return name if name in ("category", "title") else None


# ---------------------------------------------------------------- SQLite FTS5
def _fts_str(s):
    return '"' + s.replace('"', '""') + '"'


def to_fts5(node, cols="{title lead body}"):
    kind = node[0]
    if kind == "word":
        return f"{cols} : {_fts_str(node[1])}" + (" *" if node[2] else "")
    if kind == "phrase":
        return f"{cols} : {_fts_str(' '.join(node[1]))}"
    if kind == "field":
        f = _fieldname(node[1])
        if f == "category":
            return to_fts5(_lower_leaf(node[2]), "{category}")
        return to_fts5(node[2], "{title}" if f == "title" else cols)
    if kind == "or":
        return "(" + " OR ".join(to_fts5(p, cols) for p in node[1]) + ")"
    if kind == "and":
        pos, neg = _split_not(node[1])
        s = "(" + " AND ".join(to_fts5(p, cols) for p in pos) + ")"
        for n in neg:
            s = f"({s} NOT {to_fts5(n, cols)})"
        return s
    if kind == "not":
        raise QueryError("only negative terms")
    raise QueryError(kind)


def _lower_leaf(node):
    if node[0] == "word":
        return ("word", node[1].lower(), node[2])
    return ("phrase", [w.lower() for w in node[1]])


# ---------------------------------------------------------------- PostgreSQL
# A query becomes (WHERE condition, its parameters, ranking tsquery SQL, its
# parameters). Text parts of one AND/OR node are merged into one tsquery
# (plainto_tsquery / phraseto_tsquery joined with && || !!, i.e. & | ! and
# <-> inside), so the GIN index sees one tsquery; category is a column filter.
def _pg_leaf(node):
    if node[0] == "word":
        if node[2]:
            # prefix: 'word':* (turkish config still stems the word)
            return "to_tsquery('turkish', %s)", ["'" + node[1].replace("'", "''") + "':*"]
        return "plainto_tsquery('turkish', %s)", [node[1]]
    return "phraseto_tsquery('turkish', %s)", [" ".join(node[1])]


def _pg_tsq(node):
    """tsquery SQL for a node without category filters, else None."""
    kind = node[0]
    if kind in ("word", "phrase"):
        return _pg_leaf(node)
    if kind == "field":
        if _fieldname(node[1]) == "category":
            return None
        return _pg_tsq(node[2])  # title: searched in the whole text
    if kind in ("and", "or"):
        subs = [_pg_tsq(p) for p in node[1]]
        if any(s is None for s in subs):
            return None
        op = " && " if kind == "and" else " || "
        return "(" + op.join(s for s, _ in subs) + ")", [x for _, ps in subs for x in ps]
    if kind == "not":
        s = _pg_tsq(node[1])
        return None if s is None else ("(!! " + s[0] + ")", s[1])
    raise QueryError(kind)


def _pg_cond(node):
    t = _pg_tsq(node)
    if t is not None:
        return "tsv @@ " + t[0], t[1]
    kind = node[0]
    if kind == "field":  # category
        v = node[2]
        return "category = %s", [(v[1] if v[0] == "word" else " ".join(v[1])).lower()]
    if kind == "not":
        s, ps = _pg_cond(node[1])
        return "NOT (" + s + ")", ps
    if kind == "and":
        text = [p for p in node[1] if _pg_tsq(p) is not None]
        rest = [p for p in node[1] if _pg_tsq(p) is None]
        conds = []
        if text:
            conds.append(_pg_cond(("and", text) if len(text) > 1 else text[0]))
        conds += [_pg_cond(p) for p in rest]
        return "(" + " AND ".join(s for s, _ in conds) + ")", [x for _, ps in conds for x in ps]
    if kind == "or":
        conds = [_pg_cond(p) for p in node[1]]
        return "(" + " OR ".join(s for s, _ in conds) + ")", [x for _, ps in conds for x in ps]
    raise QueryError(kind)


def _positive_text(node):
    kind = node[0]
    if kind in ("word", "phrase"):
        return node
    if kind == "field":
        return None if _fieldname(node[1]) == "category" else _positive_text(node[2])
    if kind == "not":
        return None
    subs = [s for s in (_positive_text(p) for p in node[1]) if s is not None]
    if not subs:
        return None
    return subs[0] if len(subs) == 1 else (kind, subs)


def to_pg(node):
    cond, params = _pg_cond(node)
    pt = _positive_text(node)
    rank = _pg_tsq(pt) if pt is not None else None
    return cond, params, rank


# ---------------------------------------------------------------- Lucene
_LUCENE_SPECIAL = set('\\+-!():^[]"{}~*?|&/')


def _lucene_escape(s):
    return "".join("\\" + c if c in _LUCENE_SPECIAL else c for c in s)


def to_lucene(node, field=""):
    kind = node[0]
    pre = field + ":" if field else ""
    if kind == "word":
        return pre + _lucene_escape(node[1]) + ("*" if node[2] else "")
    if kind == "phrase":
        return pre + '"' + " ".join(_lucene_escape(w) for w in node[1]) + '"'
    if kind == "field":
        f = _fieldname(node[1])
        if f == "category":
            v = node[2]
            v = (v[1] if v[0] == "word" else " ".join(v[1])).lower()
            return 'category:"' + v.replace("\\", "\\\\").replace('"', '\\"') + '"'
        return to_lucene(node[2], "title" if f == "title" else field)
    if kind == "or":
        return "(" + " OR ".join(to_lucene(p, field) for p in node[1]) + ")"
    if kind == "and":
        pos, neg = _split_not(node[1])
        return "(" + " AND ".join([to_lucene(p, field) for p in pos] +
                                  ["NOT " + to_lucene(n, field) for n in neg]) + ")"
    if kind == "not":
        raise QueryError("only negative terms")
    raise QueryError(kind)


if __name__ == "__main__":
    import sys
    for q in sys.argv[1:]:
        t = parse(q)
        print(q, "=>", t)
        print("  fts5  :", to_fts5(t))
        print("  pg    :", to_pg(t))
        print("  lucene:", to_lucene(t))
