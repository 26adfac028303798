"""Briefs in every supported language other than English, on invented events.

Each cluster is three short reports of one made-up event, written for these tests: a fact
repeated in other words, the same sentence with a different number (a conflict), and the
language's abbreviations. Each is checked for splitting, stop words and stems, repeats
removed, conflicts found, budgets kept and detection; English's own briefs are pinned by
``test_brief_seeds.py`` and ``test_determinism.py``.
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from summarize import language as languages
from summarize.config import Config
from summarize.load import build_cluster, load_inputs
from summarize.model import Budget, Cluster, Document
from summarize.pipeline import summarize
from summarize.text import content_terms, count_words, split_sentences, stem, using


@dataclass(frozen=True)
class Case:
    name: str
    docs: tuple[str, str, str]
    intact: tuple[str, ...]
    """Sentences that must come out of the splitter whole (abbreviations, quotes)."""
    stop: str
    """A stop word of the language, kept out of the content terms."""
    inflected: tuple[str, str] | None
    """Two forms of one word that must share a stem (None: the language has no stemmer)."""
    numbers: tuple[str, str]
    """The figures the reports disagree on."""
    paraphrase: tuple[str, str]
    """Parts of two sentences of different reports that state one fact in other words."""


GERMAN = Case(
    "german",
    ("Brand im Hafen von Kiel\n\n"
     "Am Dienstagabend ist in einer Lagerhalle im Kieler Hafen ein Großbrand ausgebrochen. "
     "Nach Angaben der Feuerwehr wurden 12 Menschen verletzt, zwei von ihnen schwer.\n\n"
     "Die Flammen griffen am 7. Oktober auch auf ein benachbartes Bürogebäude über. "
     "Dr. Anna Berger, die Sprecherin der Stadt, sagte, die Ursache sei noch unklar.",
     "Großfeuer in Kiel: Lagerhalle zerstört\n\n"
     "Ein Feuer hat am Dienstag eine Lagerhalle im Hafen von Kiel vollständig zerstört. "
     "Nach Angaben der Feuerwehr wurden 15 Menschen verletzt.\n\n"
     "Rund 200 Einsatzkräfte waren bis in die Nacht im Einsatz, u. a. aus Neumünster. "
     "Anwohner wurden gebeten, Fenster und Türen geschlossen zu halten.",
     "Kiel: Brand im Hafen unter Kontrolle\n\n"
     "Der Brand in der Lagerhalle am Kieler Hafen ist unter Kontrolle. "
     "Laut Feuerwehr wurden bei dem Brand 12 Menschen verletzt.\n\n"
     "Die Halle Nr. 4 gehörte einer Spedition, die dort Papier lagerte. "
     "Der Schaden wird auf ca. 3 Mio. Euro geschätzt."),
    intact=("Dr. Anna Berger, die Sprecherin der Stadt, sagte, die Ursache sei noch unklar.",
            "Die Flammen griffen am 7. Oktober auch auf ein benachbartes Bürogebäude über.",
            "Rund 200 Einsatzkräfte waren bis in die Nacht im Einsatz, u. a. aus Neumünster.",
            "Die Halle Nr. 4 gehörte einer Spedition, die dort Papier lagerte.",
            "Der Schaden wird auf ca. 3 Mio. Euro geschätzt."),
    stop="werden", inflected=("Menschen", "Mensch"), numbers=("12", "15"),
    paraphrase=("Nach Angaben der Feuerwehr wurden 1", "bei dem Brand 12 Menschen"))

FRENCH = Case(
    "french",
    ("Inondations dans le Gard\n\n"
     "De fortes pluies ont provoqué des inondations dans le Gard dans la nuit de lundi. "
     "Selon la préfecture, 8 personnes ont été blessées et 300 habitants évacués.\n\n"
     "M. Dupont, le maire d'Alès, a déclaré : « Nous n'avons jamais vu autant d'eau. » "
     "Les écoles resteront fermées jusqu'à jeudi.",
     "Le Gard sous les eaux\n\n"
     "Le département du Gard a été frappé par des crues soudaines mardi. "
     "Selon la préfecture, 11 personnes ont été blessées et 300 habitants évacués.\n\n"
     "Mme Laurent, qui habite près de la rivière, a perdu sa voiture. "
     "Les pompiers sont intervenus plus de 500 fois.",
     "Crues : le bilan s'alourdit\n\n"
     "La préfecture du Gard a fait état mardi soir de 8 blessés après les crues. "
     "Environ 300 riverains ont dû quitter leur logement.\n\n"
     "Les routes départementales n° 6 et 904 sont coupées. "
     "Les écoles du département restent fermées jusqu'à jeudi."),
    intact=("M. Dupont, le maire d'Alès, a déclaré : « Nous n'avons jamais vu autant d'eau. »",
            "Mme Laurent, qui habite près de la rivière, a perdu sa voiture."),
    stop="les", inflected=("blessées", "blessé"), numbers=("8", "11"),
    paraphrase=("Les écoles resteront fermées", "Les écoles du département restent"))

SPANISH = Case(
    "spanish",
    ("Terremoto en Murcia\n\n"
     "Un terremoto de magnitud 5,1 sacudió la región de Murcia el domingo por la mañana. "
     "Según Protección Civil, 23 personas resultaron heridas y varios edificios sufrieron "
     "daños.\n\n"
     "¿Estaba preparada la ciudad? El Sr. García, alcalde de Lorca, aseguró que sí. "
     "Las clases se suspendieron el lunes.",
     "Sismo en el sureste de España\n\n"
     "Un sismo sacudió el domingo la región de Murcia y se sintió hasta Alicante. "
     "Según Protección Civil, 31 personas resultaron heridas y varios edificios sufrieron "
     "daños.\n\n"
     "¡Fue terrible! contó una vecina a la radio. "
     "La Dra. Martínez atendió a los heridos en el hospital de Lorca.",
     "Murcia evalúa los daños del terremoto\n\n"
     "Protección Civil informó que el temblor del domingo en la región de Murcia dejó 23 "
     "personas heridas. Unas 40 viviendas quedaron inhabitables, aprox. la mitad en Lorca.\n\n"
     "Los colegios permanecieron cerrados el lunes."),
    intact=("¿Estaba preparada la ciudad?", "El Sr. García, alcalde de Lorca, aseguró que sí.",
            "¡Fue terrible! contó una vecina a la radio.",
            "La Dra. Martínez atendió a los heridos en el hospital de Lorca.",
            "Unas 40 viviendas quedaron inhabitables, aprox. la mitad en Lorca."),
    stop="los", inflected=("heridas", "herida"), numbers=("23", "31"),
    paraphrase=("Un terremoto de magnitud", "el temblor del domingo"))

ITALIAN = Case(
    "italian",
    ("Frana in Valtellina\n\n"
     "Una frana ha colpito la strada statale in Valtellina nella notte di sabato. "
     "Secondo la Protezione civile, 6 persone sono rimaste ferite e 120 residenti sono stati "
     "evacuati.\n\n"
     "Il sig. Rossi, sindaco di Sondrio, ha chiesto l'intervento dell'esercito. "
     "La strada resterà chiusa fino a martedì.",
     "Valtellina, strada bloccata dalla frana\n\n"
     "La strada statale della Valtellina è stata travolta sabato da una frana. "
     "Secondo la Protezione civile, 9 persone sono rimaste ferite e 120 residenti sono stati "
     "evacuati.\n\n"
     "Il dott. Bianchi ha curato i feriti all'ospedale di Sondrio. Non ci sono dispersi.",
     "Frana, il bilancio\n\n"
     "La Protezione civile ha comunicato domenica che i feriti della frana sono 6. "
     "Circa 120 abitanti hanno dovuto lasciare le loro case.\n\n"
     "La statale resta chiusa fino a martedì."),
    intact=("Il sig. Rossi, sindaco di Sondrio, ha chiesto l'intervento dell'esercito.",
            "Il dott. Bianchi ha curato i feriti all'ospedale di Sondrio."),
    stop="della", inflected=("ferite", "ferito"), numbers=("6", "9"),
    paraphrase=("La strada resterà chiusa", "La statale resta chiusa"))

PORTUGUESE = Case(
    "portuguese",
    ("Incêndio florestal em Leiria\n\n"
     "Um incêndio florestal atingiu o distrito de Leiria na quarta-feira. "
     "Segundo a Proteção Civil, 14 bombeiros ficaram feridos e 50 casas foram evacuadas.\n\n"
     "O Sr. Costa, presidente da câmara, pediu ajuda ao governo. "
     "As chamas foram controladas na quinta-feira.",
     "Fogo em Leiria obriga a evacuações\n\n"
     "O fogo que lavra no distrito de Leiria desde quarta-feira obrigou a evacuar aldeias. "
     "Segundo a Proteção Civil, 19 bombeiros ficaram feridos e 50 casas foram evacuadas.\n\n"
     "A Dra. Sousa tratou os feridos no hospital. "
     "Mais de 600 operacionais estiveram no terreno.",
     "Leiria: incêndio dominado\n\n"
     "A Proteção Civil informou que o incêndio de Leiria deixou 14 bombeiros feridos. "
     "Cerca de 50 habitações tiveram de ser evacuadas.\n\n"
     "O fogo foi dado como dominado na quinta-feira."),
    intact=("O Sr. Costa, presidente da câmara, pediu ajuda ao governo.",
            "A Dra. Sousa tratou os feridos no hospital."),
    stop="foram", inflected=("feridos", "ferido"), numbers=("14", "19"),
    paraphrase=("Segundo a Proteção Civil, 14", "deixou 14 bombeiros feridos"))

CHINESE = Case(
    "chinese",
    ("青岛港仓库发生火灾\n\n"
     "周二晚，青岛港一座仓库发生大火。据消防部门称，共有12人受伤，其中两人伤势严重。\n\n"
     "火势还蔓延到了附近的一栋办公楼。市政府发言人表示，起火原因仍在调查中。",
     "青岛大火烧毁仓库\n\n"
     "周二，一场大火烧毁了青岛港的一座仓库。据消防部门称，共有15人受伤。\n\n"
     "约200名消防员连夜参与灭火。附近居民被要求关闭门窗。",
     "青岛港火灾已得到控制\n\n"
     "青岛港仓库的大火已得到控制。消防部门周三通报，火灾造成12人受伤。\n\n"
     "损失估计约为300万元。起火原因仍在调查之中。"),
    intact=("据消防部门称，共有15人受伤。", "周二晚，青岛港一座仓库发生大火。",
            "约200名消防员连夜参与灭火。"),
    stop="的", inflected=None, numbers=("12", "15"),
    paraphrase=("周二晚，青岛港", "一场大火烧毁了"))

JAPANESE = Case(
    "japanese",
    ("横浜港の倉庫で火災\n\n"
     "火曜日の夜、横浜港の倉庫で大規模な火災が発生した。消防によると、12人が負傷し、うち2人が"
     "重傷だという。\n\n"
     "火は近くの事務所ビルにも燃え広がった。市の広報担当者は、出火原因はまだ分かっていないと"
     "述べた。",
     "横浜の倉庫が全焼\n\n"
     "火曜日、横浜港の倉庫が火災で全焼した。消防によると、15人が負傷した。\n\n"
     "約200人の消防隊員が夜通し消火活動にあたった。近隣の住民は窓を閉めるよう求められた。",
     "横浜港の火災、鎮圧\n\n"
     "横浜港の倉庫火災は鎮圧された。消防は水曜日、火災で12人が負傷したと発表した。\n\n"
     "損害額は約3億円と見積もられている。出火原因は引き続き調査中だ。"),
    intact=("消防によると、15人が負傷した。", "横浜港の倉庫火災は鎮圧された。"),
    stop="の", inflected=None, numbers=("12", "15"),
    paraphrase=("火曜日の夜、横浜港", "倉庫が火災で全焼"))

CASES = (GERMAN, FRENCH, SPANISH, ITALIAN, PORTUGUESE, CHINESE, JAPANESE)
IDS = [c.name for c in CASES]


def cluster_of(case: Case, language: str | None = None) -> Cluster:
    docs = [Document(id=f"{case.name[:2]}{i}", title="", text=t, source=f"{i}.txt", position=i)
            for i, t in enumerate(case.docs)]
    return build_cluster(docs, language=language)


def test_every_claimed_language_is_tested() -> None:
    assert set(languages.names()) == {"english", *IDS}


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_detected_per_document(case: Case) -> None:
    cluster = cluster_of(case)
    assert cluster.language == case.name
    assert [d.language for d in cluster.documents] == [case.name] * 3


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_abbreviations_and_quotes_do_not_split(case: Case) -> None:
    said = {t[s:e] for t in case.docs for s, e in split_sentences(t, case.name)}
    for sentence in case.intact:
        assert sentence in said


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_stop_words_and_stems_are_the_language_s(case: Case) -> None:
    with using(case.name):
        assert content_terms(case.stop) == []
        if case.inflected:
            one, other = (content_terms(w) for w in case.inflected)
            assert one == other and one
    if case.inflected:  # English again outside the block
        assert content_terms(case.stop) == [stem(case.stop, "english")]


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_repeats_removed_and_conflict_found(case: Case) -> None:
    summary = summarize(cluster_of(case), "lexrank", Config(budget=Budget(words=120)))
    removed = [r.sentence.text for r in summary.removed]
    assert any(n in r for n in case.numbers for r in removed)
    kept = [s.text for s in summary.sentences]
    said = [k for k in kept if any(p in k for p in case.paraphrase)]
    assert len(said) <= 1, kept
    assert any(p in r for p in case.paraphrase for r in removed), removed
    figures = " ".join(c.description for c in summary.conflicts)
    assert all(n in figures for n in case.numbers), figures
    options = dict(summary.options)
    assert options["language"] == case.name and options["similarity"] == "lexical"
    assert any("English embeddings only" in w for w in summary.warnings)


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize("method", ["lexrank", "textrank", "centroid", "submodular", "lead",
                                    "sumy-lsa", "sumy-luhn", "sumy-edmundson", "sumy-kl"])
def test_budgets_kept_by_every_method(case: Case, method: str) -> None:
    cluster = cluster_of(case)
    for words in (15, 40, 80):
        summary = summarize(cluster, method, Config(budget=Budget(words=words)))
        assert summary.sentences and summary.words <= words
        texts = {s.text for s in cluster.sentences}
        assert all(s.text in texts for s in summary.sentences)
    two = summarize(cluster, method, Config(budget=Budget(words=None, sentences=2)))
    assert len(two.sentences) == 2


def test_english_is_detected_on_the_seeds(seeds: Cluster) -> None:
    assert seeds.language == "english"
    assert {d.language for d in seeds.documents} == {"english"}


def test_text_without_stop_words_is_english() -> None:
    assert languages.detect("") == "english"
    assert languages.detect("12345 ... ###") == "english"


def test_the_cluster_language_is_the_majority() -> None:
    texts = [*GERMAN.docs[:2], "The fire in the port of Kiel was brought under control."]
    docs = [Document(id=str(i), title="", text=t, source="", position=i)
            for i, t in enumerate(texts)]
    cluster = build_cluster(docs)
    assert [d.language for d in cluster.documents] == ["german", "german", "english"]
    assert cluster.language == "german"


def test_given_language_wins_over_detection() -> None:
    assert cluster_of(FRENCH, language="spanish").language == "spanish"


def test_decimal_comma_figures() -> None:
    from summarize.conflicts import mentions

    with using("german"):
        found = mentions("Mehr als 1.200 Menschen flohen, 2,5 Mio. Euro Schaden.")
    assert [m.value for m in found] == [1200.0, 2.5e6]
    with using("english"):
        assert [m.value for m in mentions("About 1,200 people fled.")] == [1200.0]


def test_languages_do_not_leak_between_threads() -> None:
    seen: dict[str, list[str]] = {}

    def work(name: str) -> None:
        with using(name):
            seen[name] = content_terms("Die Menschen werden verletzt")

    threads = [threading.Thread(target=work, args=(n,)) for n in ("german", "english")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert seen["german"] == ["mensch", "verletzt"]
    assert "die" in seen["english"]


def test_east_asian_terms_are_character_pairs() -> None:
    """Runs become overlapping pairs; function characters (的) and Japanese hiragana cut
    them, and the characters of a compound stay (起火 "catch fire": sumy's Chinese list has 起)."""
    with using("chinese"):
        assert content_terms("共有12人受伤的消息") == ["共有", "12", "人受", "受伤", "消息"]
        assert content_terms("起火原因") == ["起火", "火原", "原因"]
        assert content_terms("我们") == []  # a stop word of sumy's list
    with using("japanese"):
        assert content_terms("倉庫で火災が発生した") == ["倉庫", "火災", "発生"]


def test_east_asian_budgets_count_characters() -> None:
    summary = summarize(cluster_of(CHINESE), "lexrank", Config(budget=Budget(words=30)))
    assert summary.words <= 30
    ideographs = sum(1 for s in summary.sentences for c in s.text if "\u4e00" <= c <= "\u9fff")
    assert 20 <= ideographs <= 30
    assert any("each character" in w for w in summary.warnings)


_ALPHABET = st.sampled_from(list("abcz ÄäÉéñÑ¿¡?!.。！？，、,;:«»“”\"'\n0123456789人の的火起"
                                 "MmDdrNoz") + [". ", " « ", "z. B. ", "7. Oktober "])


@settings(max_examples=150, deadline=None)
@given(st.lists(_ALPHABET, max_size=80).map("".join), st.sampled_from(languages.names()))
def test_any_text_in_any_language(text: str, name: str) -> None:
    """Spans are trimmed, non-empty and in order; terms never fail, whatever the text."""
    spans = split_sentences(text, name)
    assert all(s < e and text[s:e] == text[s:e].strip() for s, e in spans)
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:], strict=False))
    with using(name):
        assert all(isinstance(t, str) and t for t in content_terms(text))
    assert languages.detect(text) in languages.names()


def test_french_elision() -> None:
    with using("french"):
        assert content_terms("l'attaque") == content_terms("attaque")


# --- the command ---------------------------------------------------------------------------


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "summarize", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=300)


def test_unsupported_language_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Hello there. This is a report.", encoding="utf-8")
    proc = run("brief", str(tmp_path / "a.txt"), "--language", "klingon")
    assert proc.returncode == 2 and proc.stdout == ""
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1
    assert "klingon" in lines[0] and "english" in lines[0] and "german" in lines[0]


def test_jsonl_language_per_document(tmp_path: Path) -> None:
    docs = [{"id": f"d{i}", "text": t, "language": "spanish"} for i, t in
            enumerate(SPANISH.docs)]
    path = tmp_path / "c.jsonl"
    path.write_text(json.dumps({"id": "sismo", "documents": docs}) + "\n", encoding="utf-8")
    proc = run("brief", str(path), "-f", "json", "--conflicts")
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert out["options"]["language"] == "spanish"
    assert "English embeddings only" in proc.stderr
    docs[0]["language"] = "elvish"
    path.write_text(json.dumps({"id": "sismo", "documents": docs}) + "\n", encoding="utf-8")
    proc = run("brief", str(path))
    assert proc.returncode == 2 and len(proc.stderr.strip().splitlines()) == 1
    assert "line 1" in proc.stderr and "elvish" in proc.stderr


def test_language_option_on_files(tmp_path: Path) -> None:
    for i, text in enumerate(GERMAN.docs):
        (tmp_path / f"{i}.txt").write_text(text, encoding="utf-8")
    proc = run("brief", str(tmp_path), "--language", "German", "--words", "40", "--conflicts")
    assert proc.returncode == 0, proc.stderr
    body, _, rest = proc.stdout.partition("\n\n")
    assert count_words(body) <= 40
    assert "12" in rest and "15" in rest


def test_same_bytes_under_any_hash_seed(tmp_path: Path) -> None:
    import os

    for i, text in enumerate(FRENCH.docs):
        (tmp_path / f"{i}.txt").write_text(text, encoding="utf-8")
    outs = set()
    for seed in ("0", "1", "12345"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        proc = subprocess.run([sys.executable, "-m", "summarize", "brief", str(tmp_path),
                               "-f", "json", "--conflicts"], capture_output=True, text=True,
                              timeout=300, env=env)
        assert proc.returncode == 0, proc.stderr
        outs.add(proc.stdout)
    assert len(outs) == 1


def test_english_brief_unchanged_by_an_explicit_language() -> None:
    plain = summarize(load_inputs([]), "lexrank")
    given = summarize(load_inputs([], language="english"), "lexrank")
    assert plain == given
    assert "language" not in dict(plain.options)


def test_tui_takes_the_language(tmp_path: Path) -> None:
    from summarize.cli import build_parser
    from summarize.errors import UsageError
    from tui.cli import build_app

    for i, text in enumerate(SPANISH.docs):
        (tmp_path / f"{i}.txt").write_text(text, encoding="utf-8")
    parse = build_parser().parse_args
    app = build_app(parse(["tui", str(tmp_path), "--language", "italian", "--methods", ""]))
    assert app.cluster is not None and app.cluster.language == "italian"
    app = build_app(parse(["tui", str(tmp_path), "--methods", ""]))
    assert app.cluster is not None and app.cluster.language == "spanish"  # detected
    with pytest.raises(UsageError, match="klingon"):
        build_app(parse(["tui", str(tmp_path), "--language", "klingon"]))


def test_english_tables_do_not_depend_on_where_they_are_first_imported() -> None:
    """Module-level stems are English's even when the module is first imported inside a
    brief in another language (the pipeline imports the conflict finder lazily)."""
    code = ("from summarize.text import using\n"
            "with using('german'):\n"
            "    import summarize.conflicts as c\n"
            "from summarize.conflicts import mentions\n"
            "print([m.kind for m in mentions('About 30 people were wounded.')])\n")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "['injured']"


def test_update_brief_in_the_reports_language(tmp_path: Path) -> None:
    old, new = tmp_path / "old", tmp_path / "new"
    old.mkdir()
    new.mkdir()
    (old / "0.txt").write_text(GERMAN.docs[0], encoding="utf-8")
    for i, text in enumerate(GERMAN.docs[1:]):
        (new / f"{i}.txt").write_text(text, encoding="utf-8")
    proc = run("brief", str(new), "--since", str(old), "--words", "60")
    assert proc.returncode == 0, proc.stderr
    assert "german: the paraphrase-aware (hybrid) grouping" in proc.stderr
    assert "menschen: 12 [E1] -> 15 [1]" in proc.stdout  # the changed figure
    assert "12 Menschen" not in proc.stdout  # known from the earlier report
    assert "Die Halle Nr. 4 gehörte einer Spedition" in proc.stdout  # new, split whole


def test_bench_update_runs_in_the_reports_language() -> None:
    """``bench --update`` cut the cluster in two and lost its language on the way, so the
    update ran on English stems; it now goes where ``brief --since`` goes."""
    from eval.runner import Task, run_task
    from summarize.pipeline import summarize_update
    from summarize.update import split_sets

    docs = [Document(id=f"d{i}", title="", text=t, source=f"d{i}", position=i,
                     set="A" if i == 0 else "B") for i, t in enumerate(GERMAN.docs)]
    cluster = build_cluster(docs, id="brand")
    earlier, later, how = split_sets(cluster)
    assert (how, later.language) == ("set", "german")
    config = Config(budget=Budget(words=60))
    update, notes = summarize_update(earlier, later, "lexrank", config)
    assert dict(update.summary.options)["similarity"] == "lexical" and notes
    stored = run_task(Task(method="lexrank", cluster=cluster, config=config, update=True))
    assert stored.error is None
    assert [s["text"] for s in stored.sentences] == [s.text for s in update.summary.sentences]
