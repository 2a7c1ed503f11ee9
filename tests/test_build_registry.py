"""``scripts/build_registry.py`` builds the shipped registry from gazette texts by rasoat's own reading: run here on
texts of our own, in the crawler's JSON form (``full_text``, ``so_hieu``, ``loai``, ``nam``, ``nguon_url``)."""

from __future__ import annotations

import json
import runpy
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

DECREE = """CHÍNH PHỦ
Số: 41/2031/NĐ-CP
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Hà Nội, ngày 10 tháng 3 năm 2031
NGHỊ ĐỊNH
Quy định về quản lý bến xe khách
Căn cứ Luật Tổ chức Chính phủ ngày 18 tháng 02 năm 2025;
Căn cứ Nghị định số 12/2027/NĐ-CP ngày 05 tháng 02 năm 2027 của Chính phủ quy định về vận tải;
Chính phủ ban hành Nghị định quy định về quản lý bến xe khách.
Điều 1. Phạm vi điều chỉnh
Nghị định này quy định về quản lý bến xe khách.
Điều 2. Hiệu lực thi hành
1. Nghị định này có hiệu lực thi hành kể từ ngày 01 tháng 5 năm 2031.
2. Nghị định này thay thế Nghị định số 30/2026/NĐ-CP ngày 02 tháng 3 năm 2026 của Chính phủ quy định về bến xe.
TM. CHÍNH PHỦ
THỦ TƯỚNG
Nguyễn Văn An
"""


def write(folder: Path, name: str, text: str, so_hieu: str, loai: str = "Nghị định") -> None:
    meta = dict(full_text=text, so_hieu=so_hieu, slug=name, loai=loai, nam=2031,
                nguon_url=f"https://congbao.example/{name}.htm")
    (folder / f"{name}.json").write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    folder = tmp_path_factory.mktemp("national")
    write(folder, "nghi-dinh-so-41-2031-nd-cp-1", DECREE, "Nghị định số 41/2031/NĐ-CP")
    # the crawler's number disagrees with the one printed: no evidence, skipped
    write(folder, "nghi-dinh-so-42-2031-nd-cp-2", DECREE, "Nghị định số 42/2031/NĐ-CP")
    # no header in the text (an image in the PDF): skipped
    write(folder, "nghi-dinh-so-43-2031-nd-cp-3", DECREE.split("Quy định về quản lý bến xe khách\n", 1)[1],
          "Nghị định số 43/2031/NĐ-CP")
    out = folder / "registry.json"
    runpy.run_path(str(ROOT / "scripts" / "build_registry.py"), run_name="build")["main"](
        ["--dir", str(folder), "--out", str(out)])
    return json.loads(out.read_text(encoding="utf-8"))


def test_registry_built_from_gazette_texts(built):
    assert (built["meta"]["documents_read"], built["meta"]["documents_skipped"]) == (1, 2)
    facts = {(f["number"], f["kind"]): f for f in built["facts"]}
    own = facts[("41/2031/NĐ-CP", "ban_hanh")]
    assert (own["issued_on"], own["effective_on"], own["doc_type"]) == ("2031-03-10", "2031-05-01", "Nghị định")
    replaced = facts[("30/2026/NĐ-CP", "thay_the")]
    assert (replaced["on"], replaced["by"]) == ("2031-05-01", "41/2031/NĐ-CP") and "Điều 2" in replaced["clause"]
    assert facts[("12/2027/NĐ-CP", "can_cu")]["on"] == "2031-03-10"
    assert ("Luật tổ chức chính phủ ngày 18/02/2025", "can_cu") in facts
    assert built["urls"] == {"41/2031/NĐ-CP": "https://congbao.example/nghi-dinh-so-41-2031-nd-cp-1.htm"}
    assert not [f for f in built["facts"] if "42/2031" in f["number"] or "43/2031" in f["number"]]
