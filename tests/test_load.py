"""Loading inputs: formats, encodings, paths, JSONL clusters and every input error."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from summarize.errors import InputError
from summarize.load import (
    build_cluster,
    load_inputs,
    read_clusters,
    seed_paths,
    validate_jsonl,
)

BODY = ("Officials met in Geneva on Monday to discuss the ceasefire plan.\n\n"
        "The talks ended without agreement, a spokesman said.\n")


def check_spans(cluster):
    for s in cluster.sentences:
        assert cluster.document(s.doc_id).text[s.start:s.end] == s.text


def write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path


def test_txt_title_and_sentences(tmp_path):
    p = write(tmp_path / "report.txt", "top of page\nGeneva talks end without a deal\n\n" + BODY)
    c = load_inputs([str(p)])
    doc = c.documents[0]
    assert (doc.id, doc.position, doc.source) == ("report", 0, str(p))
    assert doc.title == "Geneva talks end without a deal"
    assert [s.text for s in c.sentences] == [
        "Officials met in Geneva on Monday to discuss the ceasefire plan.",
        "The talks ended without agreement, a spokesman said.",
    ]
    check_spans(c)


def test_markdown_title_without_hashes(tmp_path):
    p = write(tmp_path / "note.md", "# Geneva talks\n\n" + BODY)
    c = load_inputs([str(p)])
    assert c.documents[0].title == "Geneva talks"
    assert all(not s.text.startswith("#") for s in c.sentences)


def test_long_title_is_shortened(tmp_path):
    title = "Word " * 40
    p = write(tmp_path / "a.txt", title + "\n\n" + BODY)
    assert len(load_inputs([str(p)]).documents[0].title) <= 80


def test_html_main_text_only(tmp_path):
    html = """<!DOCTYPE html><html><head><title>Geneva talks end</title>
    <style>p { color: red }</style><script>var x = "Do not keep this sentence.";</script></head>
    <body><nav><a href="/">Home</a> Menu item one. Menu item two.</nav>
    <header>Site header text here.</header>
    <article><h1>Talks end</h1><p>Officials met in Geneva &amp; Bern on Monday.</p>
    <p>The talks ended&nbsp;without agreement,<br>a spokesman said.</p>
    <figure><img src="x.jpg"><figcaption>A photo caption. AP</figcaption></figure>
    <form>Subscribe to our newsletter.</form></article>
    <aside>Related story you may like.</aside><footer>Copyright notice here.</footer>
    </body></html>"""
    c = load_inputs([str(write(tmp_path / "page.html", html))])
    doc = c.documents[0]
    assert doc.title == "Geneva talks end"
    assert "<" not in doc.text and "Officials met in Geneva & Bern on Monday." in doc.text
    for junk in ("Do not keep", "color", "Menu item", "Site header", "caption", "Subscribe",
                 "Related", "Copyright"):
        assert junk not in doc.text, junk
    assert "Officials met in Geneva & Bern on Monday." in [s.text for s in c.sentences]
    check_spans(c)


def test_stdin_bytes_and_html_sniffing():
    c = load_inputs(["-"], stdin=io.BytesIO(BODY.encode("utf-8")))
    assert c.documents[0].id == "stdin" and c.documents[0].source == "<stdin>"
    assert len(c.sentences) == 2
    page = b"<html><body><p>Officials met in Geneva on Monday, a spokesman said.</p></body></html>"
    c = load_inputs(["-"], stdin=io.BytesIO(page))
    assert c.sentences[0].text == "Officials met in Geneva on Monday, a spokesman said."


@pytest.mark.parametrize("encoded", [
    BODY.encode("utf-8"),
    b"\xef\xbb\xbf" + BODY.encode("utf-8"),
    b"\xff\xfe" + BODY.encode("utf-16-le"),
    b"\xfe\xff" + BODY.encode("utf-16-be"),
    BODY.replace("\n", "\r\n").encode("utf-8"),
])
def test_encodings(tmp_path, encoded):
    warnings = []
    c = load_inputs([str(write(tmp_path / "x.txt", encoded))], warn=warnings.append)
    assert c.documents[0].text == BODY
    assert warnings == []


def test_latin1_fallback_warns(tmp_path):
    p = write(tmp_path / "old.txt", "Le café a fermé à Genève lundi, a dit le maire.\n".encode(
        "latin-1"))
    warnings = []
    c = load_inputs([str(p)], warn=warnings.append)
    assert c.documents[0].text.startswith("Le café a fermé à Genève")
    assert warnings == [f"{p}: not UTF-8, read as Latin-1"]


def test_binary_refused(tmp_path):
    p = write(tmp_path / "x.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 10)
    with pytest.raises(InputError, match="binary file, not text"):
        load_inputs([str(p)])
    p = write(tmp_path / "y.txt", bytes(range(1, 32)) * 20)
    with pytest.raises(InputError, match="binary"):
        load_inputs([str(p)])


def test_huge_file_refused(tmp_path):
    p = tmp_path / "big.txt"
    with p.open("wb") as f:
        f.truncate(51 * 1024 * 1024)  # sparse: costs no disk, refused from its size alone
    with pytest.raises(InputError, match="larger than the 50 MiB limit"):
        load_inputs([str(p)])
    with pytest.raises(InputError, match="larger than the 50 MiB limit"):
        load_inputs(["-"], stdin=io.BytesIO(b"a" * (50 * 1024 * 1024 + 1)))


def test_directory_recursion_order_and_unique_ids(tmp_path):
    write(tmp_path / "b" / "x.txt", "Second file says the talks went on for hours today.\n")
    write(tmp_path / "a.md", "First file says officials met in Geneva on Monday.\n")
    write(tmp_path / "b" / "c" / "x.html",
          "<p>Third file says the spokesman declined to comment further.</p>")
    write(tmp_path / "README", "Fourth file has no extension but is plain text here.\n")
    write(tmp_path / "image.png", b"\x89PNG\x00\x00")
    write(tmp_path / "data.bin", b"\x00\x01\x02")
    write(tmp_path / ".hidden.txt", "Hidden files are skipped by the loader always.\n")
    c = load_inputs([str(tmp_path)])
    assert [d.id for d in c.documents] == ["README", "a", "x", "x-2"]
    assert [d.position for d in c.documents] == [0, 1, 2, 3]
    assert [Path(d.source).relative_to(tmp_path).as_posix() for d in c.documents] == [
        "README", "a.md", "b/c/x.html", "b/x.txt"]
    check_spans(c)


def test_glob(tmp_path):
    for name in ("one", "two", "three"):
        write(tmp_path / f"{name}.txt", f"Report {name} says the officials met on Monday.\n")
    write(tmp_path / "skip.md", "This markdown file is not matched by the glob.\n")
    c = load_inputs([str(tmp_path / "*.txt")])
    assert [d.id for d in c.documents] == ["one", "three", "two"]
    with pytest.raises(InputError, match="no files match"):
        load_inputs([str(tmp_path / "*.nothing")])


def test_missing_empty_and_whitespace_inputs(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        load_inputs([str(tmp_path / "missing.txt")])
    empty = write(tmp_path / "empty.txt", b"")
    blank = write(tmp_path / "blank.txt", " \n\t\r\n \u00a0\n")
    for p in (empty, blank):
        with pytest.raises(InputError) as err:
            load_inputs([str(p)], warn=lambda m: None)
        assert "\n" not in str(err.value)
    with pytest.raises(InputError):
        load_inputs(["-"], stdin=io.BytesIO(b""), warn=lambda m: None)
    (tmp_path / "emptydir").mkdir()
    with pytest.raises(InputError, match="no text files"):
        load_inputs([str(tmp_path / "emptydir")])
    chrome = write(tmp_path / "chrome.txt", "top of page\n\nbottom of page\n")
    with pytest.raises(InputError, match="keep-boilerplate"):
        load_inputs([str(chrome)])
    assert load_inputs([str(chrome)], keep_boilerplate=True).sentences


def test_empty_file_among_others_is_skipped_with_warning(tmp_path):
    a = write(tmp_path / "a.txt", b"")
    b = write(tmp_path / "b.txt", BODY)
    warnings = []
    c = load_inputs([str(a), str(b)], warn=warnings.append)
    assert [d.id for d in c.documents] == ["b"] and c.documents[0].position == 0
    assert warnings == [f"{a}: empty, skipped"]


def cluster_line(cid, n_docs=2, **extra):
    docs = [{"id": f"d{i}", "title": "" if i else "Given title",
             "text": f"Document {i} says officials met in Geneva on Monday. They left."}
            for i in range(n_docs)]
    return json.dumps({"id": cid, "documents": docs, "references": [f"Summary of {cid}."],
                       **extra})


def test_jsonl_clusters(tmp_path):
    p = write(tmp_path / "set.jsonl", "\n".join(cluster_line(f"c{i}") for i in range(7)) + "\n")
    assert validate_jsonl(p) == 7
    clusters = list(read_clusters(p))
    assert [c.id for c in clusters] == [f"c{i}" for i in range(7)]
    c = load_inputs([str(p)], cluster_id="c3")
    assert c.id == "c3" and c.references == ("Summary of c3.",)
    assert [d.id for d in c.documents] == ["d0", "d1"]
    assert c.documents[0].title == "Given title"
    assert c.documents[1].title == "Document 1 says officials met in Geneva on Monday."
    assert c.documents[1].source == f"{p}#c3/d1"
    assert [s.position for s in c.sentences] == [0, 0, 1, 1]
    check_spans(c)
    with pytest.raises(InputError, match=r"--cluster") as err:
        load_inputs([str(p)])
    assert "c0" in str(err.value)
    with pytest.raises(InputError, match=r"no cluster 'nope'.*c0, c1, c2, c3, c4, \.\.\.") as err:
        load_inputs([str(p)], cluster_id="nope")
    single = write(tmp_path / "one.jsonl", cluster_line("only") + "\n")
    assert load_inputs([str(single)]).id == "only"


def test_malformed_jsonl_names_file_and_line(tmp_path):
    lines = [cluster_line("a"), "", '{"id": "b", "documents": [', cluster_line("c")]
    p = write(tmp_path / "bad.jsonl", "\n".join(lines) + "\n")
    with pytest.raises(InputError, match=r"bad\.jsonl line 3: not valid JSON"):
        validate_jsonl(p)
    with pytest.raises(InputError, match="line 3"):
        list(read_clusters(p))
    p2 = write(tmp_path / "bad2.jsonl", cluster_line("a") + '\n{"id": "b", "documents": [{}]}\n')
    with pytest.raises(InputError, match=r"line 2: document 0 needs a \"text\" string"):
        validate_jsonl(p2)
    p3 = write(tmp_path / "dup.jsonl", cluster_line("a") + "\n" + cluster_line("a") + "\n")
    with pytest.raises(InputError, match="line 2: duplicate cluster id"):
        validate_jsonl(p3)
    with pytest.raises(InputError, match="no clusters"):
        validate_jsonl(write(tmp_path / "empty.jsonl", "\n"))


def test_jsonl_must_be_the_only_input(tmp_path):
    p = write(tmp_path / "set.jsonl", cluster_line("a") + "\n")
    t = write(tmp_path / "t.txt", BODY)
    with pytest.raises(InputError, match="only input"):
        load_inputs([str(p), str(t)])


def test_seeds_from_any_directory(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    paths = seed_paths()
    assert len(paths) == 5 and all(p.is_file() for p in paths)
    c = load_inputs([])
    assert [d.id for d in c.documents] == [p.stem for p in paths]
    assert c.documents[0].id == "000_6caf09a4cd5c747a"
    check_spans(c)


def test_build_cluster_edge_cases():
    from summarize.model import Document

    docs = [Document("a", "", "", "a", 0), Document("b", "", "The talks ended", "b", 1),
            Document("c", "", "Same. Same. Same.", "c", 2)]
    c = build_cluster(docs, id="x", references=["r"])
    assert c.id == "x" and c.references == ("r",)
    assert [s.text for s in c.sentences if s.doc_id == "c"] == ["Same."]
    assert [s.text for s in c.sentences if s.doc_id == "b"] == ["The talks ended"]
    assert build_cluster([]).sentences == ()


def test_permission_denied(tmp_path):
    p = write(tmp_path / "locked.txt", BODY)
    p.chmod(0)
    if os.geteuid() != 0:
        with pytest.raises(InputError, match="permission denied"):
            load_inputs([str(p)])
        return
    # Root reads every file only through its capabilities: the same check runs as root
    # without any (setpriv empties the bounding set before exec), through the CLI.
    if shutil.which("setpriv") is None:
        pytest.skip("root reads everything, and setpriv (util-linux) is not installed")
    done = subprocess.run(["setpriv", "--bounding-set=-all", "--inh-caps=-all", sys.executable,
                           "-m", "summarize", "brief", str(p)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 2
    assert done.stderr.strip() == f"summarize: {p}: permission denied"
