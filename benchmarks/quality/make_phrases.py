#!/usr/bin/python3
"""The sampled-phrase view's query set: N runs of words copied from kemik-42bin
bodies, each quoted as a phrase and aimed at the article it was copied from
(searched in the known-item view's corpus: the same indexes).

  make_phrases.py [--n 600] [--seed 7] KEMIK_EXPORT.jsonl OUT.tsv

What it stands for: a journalist who remembers a few words of a story as
they were printed and quotes them. Articles with a body, in a seeded random
order (random.Random(seed) over file order); the first N that yield a run.
In each, one sentence of at least 6 words chosen at random, and in it a run
of 3 to 5 consecutive words (length and start at random) of which at least
two have four letters or more, so that a run is rarely only "ve bu da bir".
A word is kept as printed, its apostrophe ending included, punctuation and
quotes at its edges dropped; a run crosses no comma and no line break (a
heading, or a line wrapped inside a sentence, which haber's tokenizer reads
as a paragraph break: a matter for the engines, not this view); a run
holding a character that is haber-search syntax (quotes, parentheses, ':'
'*', a leading + - =) or an uppercase operator word is skipped for the next
one.
kemik-42bin's Windows-1252 punctuation stored as C1 controls is typed as a
keyboard gives it (as make_headlines.py). Split dev, heldout, dev, ... in
sample order. Rows as the known-item set:
qid<TAB>split<TAB>phrase<TAB>target<TAB>"query".

Nothing is checked against any engine: a phrase printed in several stories
stays (the story-level rule and every system meet it alike).
"""
import argparse
import json
import random
import re
import sys

_TYPED = str.maketrans({"\x91": "'", "\x92": "'", "\x93": '"', "\x94": '"', "\x85": " ", "\x96": " ",
                        "\x97": " ", "\xad": None, "\u200e": None, "\u200f": None})
_SENTENCE = re.compile(r"(?<=[.!?])\s+")
_SYNTAX = re.compile(r'["\u201C\u201D\u201E()*:]|^[+\-=]')
_OPERATOR = re.compile(r"(AND|OR|NOT|NEAR(/\d*)?)")
_EDGE = ",;.!?…-–—'‘’"


def words_of(sentence):
    return [w.strip(_EDGE) for w in sentence.split()]


def usable(run):
    if any(not w or _SYNTAX.search(w) or _OPERATOR.fullmatch(w) for w in run):
        return False
    if any(not any(c.isalnum() for c in w) for w in run):
        return False
    return sum(1 for w in run if sum(c.isalpha() for c in w) >= 4) >= 2


def phrase_of(body, rng):
    sentences = [s for line in body.translate(_TYPED).split("\n") for s in _SENTENCE.split(line)
                 if len(s.split()) >= 6]
    rng.shuffle(sentences)
    for s in sentences[:5]:
        words = s.split()
        for _ in range(8):
            n = rng.randint(3, 5)
            start = rng.randrange(0, len(words) - n + 1)
            raw = words[start:start + n]
            # A run may not cross a comma or a clause break: its inner words
            # must end without punctuation.
            if any(w[-1] in _EDGE for w in raw[:-1]) or any(w[0] in _EDGE for w in raw[1:]):
                continue
            run = words_of(" ".join(raw))
            if usable(run):
                return " ".join(run)
    return None


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("export")
    ap.add_argument("out")
    ap.add_argument("--n", type=int, default=600)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()

    candidates = []
    with open(args.export, encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            a = json.loads(line)
            body = (a.get("body") or "").strip()
            if body:
                candidates.append((a["id"], body))
    rng = random.Random(args.seed)
    order = rng.sample(range(len(candidates)), len(candidates))
    rows = []
    for i in order:
        if len(rows) == args.n:
            break
        aid, body = candidates[i]
        p = phrase_of(body, rng)
        if p:
            rows.append((aid, p))
    with open(args.out, "w", encoding="utf-8") as f:
        f.write(f"# sampled-phrase view: {len(rows)} runs of 3-5 words copied from kemik-42bin bodies (seed {args.seed}),\n"
                "# each quoted and aimed at its article; written by benchmarks/quality/make_phrases.py.\n"
                "# qid<TAB>split<TAB>kind<TAB>target<TAB>query\n")
        for i, (aid, p) in enumerate(rows):
            f.write(f"p{i + 1:04d}\t{'dev' if i % 2 == 0 else 'heldout'}\tphrase\t{aid}\t\"{p}\"\n")
    print(f"make_phrases: {len(rows)} phrases from {len(candidates)} articles with a body -> {args.out}",
          file=sys.stderr)


if __name__ == "__main__":
    main()
