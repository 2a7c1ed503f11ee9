"""Structure of a normative text: Phần / Chương / Mục / Điều / Khoản / Điểm,
each with its path ("Chương II > Điều 5 > Khoản 2") so a reviewer can search
and cite it."""

from __future__ import annotations

from extract import regexes as rx
from rasoat.models import Article, Page, Region

_LEVELS = [("phan", rx.PART, "Phần"), ("chuong", rx.CHAPTER, "Chương"), ("muc", rx.SECTION, "Mục"),
           ("dieu", rx.ARTICLE, "Điều")]
_RANK = {"phan": 0, "chuong": 1, "muc": 2, "dieu": 3, "khoan": 4, "diem": 5}


def find_articles(pages: list[Page], with_clauses: bool = True) -> list[Article]:
    """Articles in reading order.  Khoản and điểm are found inside each Điều."""
    marks: list[tuple[int, int, str, str, str | None, int]] = []  # (page, start, kind, number, title, line_end)
    for page in pages:
        body_from = page.regions.get(Region.BODY, (0, 0))[0]
        for kind, pattern, _ in _LEVELS:
            for m in pattern.finditer(page.text, body_from):
                title = m.group("title").strip() or None
                if kind in ("chuong", "phan", "muc") and title and not (title[0].isupper() or title[0] in ".:"):
                    continue  # "chương trình", "mục tiêu" inside a sentence
                marks.append((page.number, m.start(), kind, m.group("num"), title, m.end()))
    marks.sort(key=lambda t: (t[0], t[1]))
    page_text = {p.number: p.text for p in pages}
    out: list[Article] = []
    stack: list[tuple[str, str]] = []
    for i, (pno, start, kind, num, title, _) in enumerate(marks):
        nxt = marks[i + 1] if i + 1 < len(marks) else None
        end = nxt[1] if nxt and nxt[0] == pno else len(page_text[pno])
        while stack and _RANK[stack[-1][0]] >= _RANK[kind]:
            stack.pop()
        label = dict((k, name) for k, _, name in _LEVELS)[kind]
        stack.append((kind, f"{label} {num}"))
        path = " > ".join(s[1] for s in stack)
        body = page_text[pno][start:end]
        out.append(Article(path=path, kind=kind, number=num, title=title, text=body.strip(), page=pno, start=start,
                           end=end))
        if with_clauses and kind == "dieu":
            out.extend(_clauses(body, path, pno, start))
    return out


def _clauses(body: str, path: str, page: int, offset: int) -> list[Article]:
    out: list[Article] = []
    clause_marks = list(rx.CLAUSE.finditer(body))
    for i, m in enumerate(clause_marks):
        end = clause_marks[i + 1].start() if i + 1 < len(clause_marks) else len(body)
        cpath = f"{path} > Khoản {m.group('num')}"
        text = body[m.start():end]
        out.append(Article(cpath, "khoan", m.group("num"), None, text.strip(), page, offset + m.start(), offset + end))
        points = list(rx.POINT.finditer(text))
        for k, p in enumerate(points):
            pend = points[k + 1].start() if k + 1 < len(points) else len(text)
            out.append(Article(f"{cpath} > Điểm {p.group('num')}", "diem", p.group("num"), None,
                               text[p.start():pend].strip(), page, offset + m.start() + p.start(),
                               offset + m.start() + pend))
    return out
