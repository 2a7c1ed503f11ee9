"""Repair of damaged glyph maps: PDFs whose fonts map some glyphs to the
wrong Unicode characters.

Only mappings that are certain are repaired, one character for one, so the
page text keeps its length and every span stays valid:

- "ƣ" (U+01A3, LATIN SMALL LETTER OI) and "Ƣ" (U+01A2) for "ư"/"Ư" — fonts
  made for the old VietWare/Unicode-3 tables print "ư" with the oi glyph;
- U+FFFE (a non-character) where a hyphen was, as in "117/QĐ\ufffeUBND".

A page where such characters were found, or where text is missing in a way
that cannot be repaired (``(cid:N)`` codes, U+FFFD), is marked damaged so a
reviewer knows the text may be wrong.
"""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter

CERTAIN = str.maketrans({"\u01a3": "ư", "\u01a2": "Ư", "\ufffe": "-"})
_SUSPECT = re.compile(r"[\u01a2\u01a3\ufffe\ufffd]|\(cid:\d+\)")


def repair_glyphs(text: str) -> tuple[str, bool]:
    """(repaired text, damaged?) — the repaired text has the same length."""
    damaged = bool(_SUSPECT.search(text))
    return (text.translate(CERTAIN), damaged) if damaged else (text, False)


QUOC_HIEU = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"


def quoc_hieu_damaged(line: str) -> bool:
    """The Quốc hiệu is the most fixed line of any document: printed close
    to, but not exactly as, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" (e.g.
    "CỘNG ÒA XÃ ỘI C Ủ NG ĨA VIỆT NAM", every "H" lost), the font dropped
    glyphs.  Old/new tone placement (HOÀ/HÒA) is not damage."""
    from rapidfuzz import fuzz

    from rasoat.vntext import collapse, unify

    text = collapse(unify(line)).upper()
    if not text or text == QUOC_HIEU:
        return False
    return fuzz.ratio(text, QUOC_HIEU) >= 70


# ---------------------------------------------------------------------------
# Missing spaces: "hợpnhấtTCXH-NNcủacông" → "hợp nhất TCXH-NN của công"
# ---------------------------------------------------------------------------
# A letter run: the unit a missing space glues together (digits and punctuation still separate words)
_LETTER_RUN = re.compile(r"[^\W\d_]+")
# Letters with a Vietnamese mark (tone, ˆ ˘ ˀ, đ): only runs holding one are re-spaced, so foreign words
# and abbreviations without marks ("Online", "TTg", "UBND") are never cut
_VI_MARKED = re.compile("[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]", re.I)
# "V/v" (về việc) of a công văn directly followed by the subject's first letter
_VV_GLUED = re.compile(r"V/v[^\W\d_]")
# a comma or semicolon glued to the next word, in a text that lost its spaces
_COMMA_GLUED = re.compile(r"(?<=[^\W\d_])[,;](?=[^\W\d_])")
MAX_SYLLABLE = 7  # letters: the longest Vietnamese syllable ("nghiêng", "khuếch")
MAX_RUN = 60  # letters: longer runs are not text that lost its spaces
MIN_GLUED_RUNS = 3  # distinct glued runs making a word of the lists that show a text (page) lost its spaces


def _case_chunks(run: str, seen: dict[str, int]) -> list[str]:
    """The run cut where its case changes as between words: "ỦybanTWMặttrận" → Ủyban, TW, Mặttrận;
    "UBNDTỉnh" → UBND, Tỉnh; "TCXHcủa" → TCXH, của (the last capital starts the next word only when
    that makes a syllable of it)."""
    from rasoat.lexicon import known

    groups = ["".join(g) for _, g in itertools.groupby(run, key=str.isupper)]  # capitals / small letters
    chunks: list[str] = []
    i = 0
    while i < len(groups):
        group = groups[i]
        small = groups[i + 1] if group[0].isupper() and i + 1 < len(groups) else None
        if small is None:
            chunks.append(group)
            i += 1
            continue
        if len(group) == 1:
            chunks.append(group + small)
        elif known(group[-1] + small) or _segment(group[-1] + small, seen):
            chunks.extend([group[:-1], group[-1] + small])
        else:
            chunks.extend([group, small])
        i += 2
    return chunks


def _segment(chunk: str, seen: dict[str, int]) -> list[str] | None:
    """``chunk`` cut into syllables of the word lists: fewest pieces, then most pieces that pair into a
    word of the lists ("thực hiện", not "thự chiện"), then the syllables most used, spaced, elsewhere in
    the text (``seen``: "các huyện", not "cá chuyện"), then those in most words of the lists; None when
    no cut exists or two cuts tie on all of these."""
    from ingest.quality import is_vietnamese_syllable
    from rasoat.lexicon import key, syllables, word_pairs

    counts, pairs = syllables(), word_pairs()
    low = chunk.lower()
    n = len(chunk)
    # best[i]: (pieces, -pairs, -use in the text, -use in the lists, cut positions) of the best cut of chunk[:i]
    best: list[tuple | None] = [None] * (n + 1)
    tied = [False] * (n + 1)
    best[0] = (0, 0, 0.0, 0.0, ())
    for end in range(1, n + 1):
        for start in range(max(0, end - MAX_SYLLABLE), end):
            prev = best[start]
            piece = key(low[start:end])
            if prev is None or piece not in counts or not is_vietnamese_syllable(piece):
                continue
            last = key(low[prev[4][-1]:start]) if prev[4] else None
            pair = 1 if last is not None and (last, piece) in pairs else 0
            cand = (prev[0] + 1, prev[1] - pair, prev[2] - math.log1p(seen.get(piece, 0)),
                    prev[3] - math.log1p(counts[piece]), (*prev[4], start))
            if best[end] is None or cand[:4] < best[end][:4]:
                best[end], tied[end] = cand, tied[start]
            elif cand[:4] == best[end][:4]:
                tied[end] = True
    if best[n] is None or tied[n]:
        return None
    cuts = [*best[n][4], n]
    return [chunk[a:b] for a, b in zip(cuts, cuts[1:], strict=False)]


def _respace_run(run: str, seen: dict[str, int]) -> list[str] | None:
    """The syllables and abbreviations a glued run is made of, or None to leave it as it is."""
    from rasoat.lexicon import key, known, one_token_words

    if len(run) > MAX_RUN or not _VI_MARKED.search(run) or known(run) or key(run) in one_token_words():
        return None
    pieces: list[str] = []
    for chunk in _case_chunks(run, seen):
        if known(chunk) or (chunk.isupper() and not _VI_MARKED.search(chunk)):
            pieces.append(chunk)  # a syllable, or an abbreviation glued to words ("TCXH")
            continue
        cut = _segment(chunk, seen)
        if cut is None:
            return None  # no syllables: a typo, a name or a foreign word, not glue
        pieces.extend(cut)
    return pieces if len(pieces) > 1 else None


def respace(text: str) -> tuple[str, list[int]]:
    """Restore spaces a text layer lost between syllables.

    Vietnamese writes every syllable apart, so a run of letters holding a
    Vietnamese mark that is not one syllable of the word lists, but cuts
    into such syllables (and abbreviations in capitals), lost its spaces.
    Returns the new text and the positions of ``text`` before which a space
    was put (sorted), so spans into ``text`` can be moved.  Text that is
    already spaced, foreign words, abbreviations and unknown words are left
    as they are; without the word lists nothing changes.
    """
    from rasoat.lexicon import available, key, known, word_pairs

    if not available():
        return text, []
    # how often each syllable stands spaced in the text: the text's own words settle a cut
    runs = Counter(_LETTER_RUN.findall(text))  # distinct runs first (C speed), each judged once
    seen: Counter[str] = Counter()
    for run, n in runs.items():
        if known(run):
            seen[key(run)] += n
    cut = {run: pieces for run in runs if (pieces := _respace_run(run, seen))}
    if not cut and "V/v" not in text:
        return text, []
    found: list[tuple[re.Match, list[str]]] = []
    for m in _LETTER_RUN.finditer(text):
        if m.start() >= 2 and _VV_GLUED.match(text, m.start() - 2) and m.group()[0] == "v" and len(m.group()) > 1:
            run = m.group()[1:]  # "V/vhợp nhất": the công văn's "V/v" glued to the subject
            pieces = ["v", *(_respace_run(run, seen) or [run])]
        else:
            pieces = cut.get(m.group())
        if pieces:
            found.append((m, pieces))
    # The text layer lost its spaces only if some glued runs hold two syllables that make a word of the
    # lists ("hợpnhất"); a loanword or two written in one piece ("sunphurơ") does not make a page glued.
    pairs = word_pairs()
    evidence = len({key(m.group()) for m, p in found
                    if any((key(a), key(b)) in pairs for a, b in zip(p, p[1:], strict=False))})
    if evidence < MIN_GLUED_RUNS:
        return text, []
    inserted = {m.start() + len("".join(pieces[:k])) for m, pieces in found for k in range(1, len(pieces))}
    inserted.update(m.end() for m in _COMMA_GLUED.finditer(text))  # "viên,luật" → "viên, luật"
    positions = sorted(inserted)
    cuts = [0, *positions, len(text)]
    return " ".join(text[a:b] for a, b in zip(cuts, cuts[1:], strict=False)), positions


def shift_span(span: tuple[int, int], inserted: list[int]) -> tuple[int, int]:
    """A span of the text before ``respace`` in the text after it."""
    import bisect

    start, end = span
    return start + bisect.bisect_right(inserted, start), end + bisect.bisect_left(inserted, end)
