"""Chinese and Japanese repeats: the redundancy threshold calibrated for character pairs.

Chinese and Japanese are compared on overlapping character pairs, not words, so English's
lexical threshold (0.5) and containment share (0.55) do not carry over: in Japanese they
merged "the warehouse burned down" with "the fire was brought under control" (0.504 alike),
two facts. The clusters here are invented for these tests, three reports each of one event
in each language, with a fact repeated in other words, a figure that differs and two facts
that share every name ("the airport cancelled all flights" / "the airport reopened").
``summarize.language`` records what was measured on them to choose the thresholds.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from summarize.config import Config
from summarize.load import build_cluster
from summarize.model import Budget, Cluster, Document, Summary
from summarize.pipeline import summarize
from tests.test_languages import CHINESE, JAPANESE

ZH_TYPHOON = (
    "厦门遭台风袭击\n\n"
    "周日凌晨，台风“海燕”在厦门沿海登陆，最大风力达14级。据市应急管理局通报，台风造成3人死亡，"
    "20人受伤。\n\n"
    "全市已有超过5万名居民被紧急转移。厦门机场周日取消了全部航班。",
    "台风“海燕”登陆厦门\n\n"
    "台风“海燕”周日清晨登陆厦门，带来狂风暴雨。市应急管理局表示，台风已造成3人死亡、26人受伤。\n\n"
    "约5万名群众已被转移到安全地带。全市中小学周一停课。",
    "厦门台风过后开始清理\n\n"
    "台风过后，厦门市民周一开始清理街道。应急管理局称，台风导致3人遇难，20人受伤。\n\n"
    "厦门机场周一上午恢复航班。部分地区仍然停电。")

JA_TYPHOON = (
    "台風10号、沖縄に上陸\n\n"
    "日曜日の未明、台風10号が沖縄本島に上陸し、最大風速は50メートルに達した。県によると、2人が"
    "死亡し、18人がけがをした。\n\n"
    "約3万人の住民が避難した。那覇空港は日曜日、全便を欠航とした。",
    "台風10号が沖縄を直撃\n\n"
    "台風10号は日曜日の早朝、沖縄本島を直撃した。県の発表では、2人が死亡し、25人が負傷した。\n\n"
    "およそ3万人が避難所に身を寄せた。県内の学校は月曜日に休校となった。",
    "沖縄、台風の後片付け始まる\n\n"
    "台風が通過した沖縄では、月曜日に住民が後片付けを始めた。県は、2人が死亡、18人がけがを"
    "したと発表した。\n\n"
    "那覇空港は月曜日の朝、運航を再開した。一部の地域では停電が続いている。")

ZH_RAIN = (
    "郑州遭遇特大暴雨\n\n"
    "周四，郑州遭遇特大暴雨，24小时降雨量达300毫米。据市政府通报，暴雨造成5人死亡。\n\n"
    "地铁5号线一度停运，数百名乘客被困。市内多条道路积水严重。",
    "郑州暴雨致地铁停运\n\n"
    "郑州周四降下特大暴雨，一天的雨量超过300毫米。市政府表示，暴雨已导致7人死亡。\n\n"
    "被困在地铁5号线的乘客已全部获救。全市学校周五停课。",
    "郑州灾后恢复\n\n"
    "暴雨过后，郑州地铁5号线周六恢复运营。市政府称，暴雨共造成5人死亡。\n\n"
    "多条道路的积水已经排除。气象部门预计下周还有降雨。")

JA_RAIN = (
    "熊本で記録的な大雨\n\n"
    "木曜日、熊本県で記録的な大雨が降り、24時間の雨量は300ミリに達した。県によると、5人が"
    "死亡した。\n\n"
    "JR九州は在来線の運転を見合わせ、数百人の乗客が駅で足止めされた。市内の多くの道路が冠水した。",
    "熊本の大雨、死者7人\n\n"
    "熊本県では木曜日、一日で300ミリを超える雨が降った。県は、大雨で7人が死亡したと発表した。\n\n"
    "駅で足止めされていた乗客は全員無事だった。県内の学校は金曜日に休校となった。",
    "熊本、復旧が進む\n\n"
    "大雨から二日たった土曜日、JR九州は在来線の運転を再開した。県は、大雨による死者は5人と"
    "発表した。\n\n"
    "冠水していた道路の水はほぼ引いた。気象台は来週も雨が降ると予想している。")


def cluster(language: str, docs: tuple[str, ...]) -> Cluster:
    return build_cluster([Document(id=f"d{i}", title="", text=t, source=f"{i}.txt",
                                   position=i) for i, t in enumerate(docs)], language=language)


def brief(language: str, docs: tuple[str, ...], **options: object) -> Summary:
    return summarize(cluster(language, docs), "lexrank",
                     Config(budget=Budget(words=400), **options))  # type: ignore[arg-type]


def kept(summary: Summary) -> list[str]:
    return [s.text for s in summary.sentences]


def removed(summary: Summary) -> list[str]:
    return [r.sentence.text for r in summary.removed]


# (language, docs, two other facts that share their names, a repeat and what it repeats)
CASES = [
    ("chinese", ZH_TYPHOON,
     ("厦门机场周日取消了全部航班。", "厦门机场周一上午恢复航班。"),
     ("市应急管理局表示，台风已造成3人死亡、26人受伤。",
      "据市应急管理局通报，台风造成3人死亡，20人受伤。")),
    ("chinese", CHINESE.docs,
     ("周二，一场大火烧毁了青岛港的一座仓库。", "青岛港仓库的大火已得到控制。"),
     ("市政府发言人表示，起火原因仍在调查中。", "起火原因仍在调查之中。")),
    ("japanese", JA_TYPHOON,
     ("那覇空港は日曜日、全便を欠航とした。", "那覇空港は月曜日の朝、運航を再開した。"),
     ("県によると、2人が死亡し、18人がけがをした。",
      "県は、2人が死亡、18人がけがをしたと発表した。")),
    ("japanese", JAPANESE.docs,
     ("火曜日、横浜港の倉庫が火災で全焼した。", "横浜港の倉庫火災は鎮圧された。"),
     ("火曜日の夜、横浜港の倉庫で大規模な火災が発生した。",
      "火曜日、横浜港の倉庫が火災で全焼した。")),
    ("chinese", ZH_RAIN,
     ("市内多条道路积水严重。", "多条道路的积水已经排除。"),
     ("郑州周四降下特大暴雨，一天的雨量超过300毫米。",
      "周四，郑州遭遇特大暴雨，24小时降雨量达300毫米。")),
    ("japanese", JA_RAIN,
     ("市内の多くの道路が冠水した。", "冠水していた道路の水はほぼ引いた。"),
     ("木曜日、熊本県で記録的な大雨が降り、24時間の雨量は300ミリに達した。",
      "熊本県では木曜日、一日で300ミリを超える雨が降った。")),
]


@pytest.mark.parametrize(("language", "docs", "facts", "repeat"), CASES,
                         ids=["zh-typhoon", "zh-fire", "ja-typhoon", "ja-fire", "zh-rain",
                              "ja-rain"])
def test_another_fact_kept_a_repeat_removed(language: str, docs: tuple[str, ...],
                                            facts: tuple[str, str],
                                            repeat: tuple[str, str]) -> None:
    summary = brief(language, docs)
    assert set(facts) <= set(kept(summary)), kept(summary)
    again, said = repeat
    assert again in removed(summary) and said in kept(summary)
    assert f"{language}: " in " ".join(summary.warnings)


@pytest.mark.parametrize(("language", "threshold"), [("chinese", 0.45), ("japanese", 0.55)])
def test_the_language_s_own_default_is_said(language: str, threshold: float) -> None:
    for similarity in ("hybrid", "lexical"):
        summary = brief(language, ZH_TYPHOON if language == "chinese" else JA_TYPHOON,
                        similarity=similarity)
        options = dict(summary.options)
        assert options["redundancy"] == threshold and options["similarity"] == "lexical"
        note = [w for w in summary.warnings if "redundancy" in w]
        assert note and f"redundancy {threshold}, calibrated for character pairs" in note[0]


def test_english_threshold_would_merge_the_two_facts() -> None:
    """The user's --redundancy wins over the language's default, and at English's 0.5 the
    two Japanese facts merge again: the calibration is what keeps them apart."""
    summary = brief("japanese", JAPANESE.docs, threshold=0.5)
    assert "横浜港の倉庫火災は鎮圧された。" in removed(summary)
    assert dict(summary.options)["redundancy"] == 0.5
    assert not any("calibrated" in w for w in summary.warnings)


def test_containment_is_calibrated_too() -> None:
    """Above the pair's similarity (0.504) only containment could merge the two facts:
    English's share (0.55) did, Japanese's (0.65) does not."""
    from summarize import language

    assert language.contained_share("japanese", 0.55) == 0.65
    assert language.contained_share("english", 0.55) == 0.55
    summary = brief("japanese", JAPANESE.docs, threshold=0.6)
    assert "横浜港の倉庫火災は鎮圧された。" in kept(summary)


def test_spaced_languages_keep_the_measure_s_default() -> None:
    from summarize.language import lexical_default

    assert lexical_default("german", 0.5) == (0.5, "")
    assert lexical_default("english", 0.5) == (0.5, "")


def test_given_redundancy_wins_on_the_command_line(tmp_path: Path) -> None:
    for i, text in enumerate(JA_TYPHOON):
        (tmp_path / f"{i}.txt").write_text(text, encoding="utf-8")

    def run(*extra: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "summarize", "brief", str(tmp_path),
                               "-f", "json", *extra], capture_output=True, text=True,
                              timeout=300)

    import json

    default = run()
    assert default.returncode == 0, default.stderr
    assert "redundancy 0.55, calibrated for character pairs" in default.stderr
    assert json.loads(default.stdout)["options"]["redundancy"] == 0.55
    given = run("--redundancy", "0.8")
    assert given.returncode == 0, given.stderr
    assert "(redundancy 0.8)" in given.stderr and "calibrated" not in given.stderr
    assert json.loads(given.stdout)["options"]["redundancy"] == 0.8
