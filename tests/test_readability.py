"""Does a sentence read on its own: pointers back, fragments and relative dates."""

from __future__ import annotations

from pathlib import Path

import pytest

from summarize.readability import (
    absolute_date,
    is_fragment,
    needs_antecedent,
    relative_dates,
    unbalanced,
    verb_like,
)
from summarize.text import split_sentences

SEEDS = Path(__file__).resolve().parent.parent / "seeds"

POINTS_BACK = [
    # The seeds' cases.
    "He told reporters: “It risks wreaking greater havoc with the humanitarian assistance. It "
    "risks further isolating Israel around the world and jeopardising its long-term security "
    "and standing.”",
    "It risks further isolating Israel around the world and jeopardising its long-term security "
    "and standing.”",
    "“It risks further isolating Israel around the world and jeopardizing its long-term security "
    "and standing,” Blinken told reporters after his meetings Friday.",
    "Neither the return of hostages nor the ground invasion happened.",
    "Lasting peace was on Blinken’s mind as well.",
    "He said the US was “intensely engaged” in ceasefire talks in Doha, Qatar.",
    "Still, there are few signs that the pressure is having an impact on Netanyahu.",
    "But the long-time Israeli leader added that his country's forces would go into Rafah.",
    "However, he asserted that defeating Hamas without entering Rafah was impossible.",
    "In response, Netanyahu stated that Israel would proceed alone.",
    "His arrival in the nation occurred shortly prior to 10:00 a.m. local time.",
    "This was the first time the US called for a ceasefire at the UN.",
    "The motion was rejected by China and Russia on Friday.",
    "Israel must take further action, he declared on Thursday.",
    "Hamas and medical staff deny fighters were present there.",
    "The legislation, which was co-sponsored by Sen. Tim Kaine, comes as vaping has soared.",
    "The law took effect in May.",
    "The talks ended then.",
    "“Almost by definition, when you get down to the last items, they tend to be the hardest. "
    "So there's still a lot of work to be done.”",
    # Tiny hand-made ones.
    "She left early.",
    "Their plan failed.",
    "These are the facts.",
    "Such a move would be unprecedented.",
    "The move angered many.",
    "The decision was welcomed in Cairo.",
    "The two leaders met for an hour.",
    "Both sides claimed victory.",
    "Meanwhile, aid trucks waited at the border.",
    "Also on Friday, the council met.",
    "Despite this, the talks went on.",
    "After that, nobody spoke.",
    "In spite of it, they stayed.",
    "The talks were tense too.",
    "“We tried,” he said.",
    "So there's still a lot of work to be done.",
    "As he met leaders in Israel, US, Egyptian, Qatari and Israeli officials were scheduled "
    "to meet in Doha for further discussions on a potential hostage deal.",
    "When they arrived, the talks had ended.",
    "Many more had been too young to vote.",
    # A person, body or place named before (neus-val briefs).
    "The agency increased the cost of online naturalization applications from $640 to $1,160.",
    "The state appealed the order just two days after it was issued.",
    "The president made the comments in a series of early-morning tweets.",
    # Connectives of reviews (Opinosis).
    "Plus the Kindle 2's Battery life is 4 days longer per charge .",
    "Plus, it is cheap.",
    "Speaking of typing, the keyboard is great, almost full size .",
    "Anyway, the screen is fine.",
    # A verb joined to the pronoun (the Windows 7 reviews; a quote on neus-val).
    "They're features I don't use .",
    "He’s been there before.",
    "They'll return next week.",
    "\"That's locked,\" Graham said.",
    # A part of a group, or more than a number, said before (neus-val briefs).
    "Fifty of them signed an open letter warning that Trump would put the country at risk.",
    "Fifty more joined “Together for America,” a Clinton effort.",
    "Some of those were never counted.",
    "12 more people were hurt.",
    "What’s more, North Carolina state law also makes it a Class I felony.",
    "What is more, the battery lasts a week.",
    # An "it" with an obligation, and a set named before (neus-val briefs).
    "It has to go through Pennsylvania, which is necessary but not sufficient.",
    "It had to be done, officials said.",
    "Biden leads in both of those states.",
    "None of these plans passed the Senate.",
    "The third quarter, however, was one for the record books.",  # neus-val-058
    "Oil, meanwhile, plunged 15% to its lowest level in more than 18 years.",
    "The concierge, in turn, told us to see the bellman.",
]

SELF_CONTAINED = [
    "It is anticipated that Israel would be under pressure once more to provide more aid.",
    "It would be an unprecedented move for Netanyahu to do something the US opposes.",
    "It’s unimaginable why countries wouldn’t be able to do that.",
    "It has been reported that the talks failed.",
    "Trump made four false claims -- all of them involving statistics -- about the wage.",
    "This week the council meets again in New York.",
    "That night, the council met again.",
    "This week's vote was close.",
    "The US has previously vetoed ceasefire resolutions.",
    "The vote on the resolution failed.",
    "The decision to invade Rafah was criticized.",
    "The Three Percenters joined the protest.",
    "Those who voted for it were few.",
    "After his meeting with Netanyahu, Blinken spent two hours with the war cabinet.",
    "Despite disagreements and Netanyahu’s stubbornness, Blinken emphasised the same goals.",
    "“Once again, Russia put politics over progress,” Thomas-Greenfield said after the vote.",
    "I told him that we will do it alone.",
    "There is no place for the civilians to escape.",
    "So far, 32,000 Palestinians have been killed.",
    "Another 6.6 million people filed for unemployment benefits last week.",
    "President Trump plans to sign an order, he said yesterday in an interview.",
    "Democrats fear Sanders will win the nomination and bring the party down, too.",
    "There is a concierge, also free wine in the afternoon.",
    "Blinken also on Tuesday raised the alarm over the new data.",
    "US pressure has also yielded few results on the humanitarian front.",
    "A ground invasion of Rafah has been threatened since mid-February.",
    "When he arrived in Tel Aviv, Secretary of State Blinken met the war cabinet.",
    "We're happy with the tablet.",
    "It'd be nice to have a longer battery life.",
    "It'll be interesting to see whether the vote holds.",
    "There's a concierge desk in the lobby.",
    "Obama's plan failed in the Senate.",
    "The State Department said the talks would go on.",
    "Plus size clothing sells well online.",
    "The court of appeals in Richmond heard the case on Monday.",
    "The president of Ukraine met the delegation.",
    "Some of those who voted for it had second thoughts.",
    "Many of those killed in the strike were children.",
    "Some of those on board were Americans.",
    "Most of the staff left in June.",
    "More than 50 people were hurt.",
    "What more could a reader want from a tablet?",
    "In Paris, France, the vote failed on Monday.",
    "Joe Biden, the president, signed the order.",
    "The third quarter was one for the record books, however you count it.",
    "",
]


@pytest.mark.parametrize("sentence", POINTS_BACK)
def test_needs_antecedent(sentence):
    assert needs_antecedent(sentence)


@pytest.mark.parametrize("sentence", SELF_CONTAINED)
def test_self_contained(sentence):
    assert not needs_antecedent(sentence)


def test_seed_leads_are_self_contained():
    """The first news sentence of each seed report opens a text, so it must not point back."""
    leads = {
        "000": "US Secretary of State Antony Blinken held talks",
        "002": "A three-day diplomatic blitz",
        "003": "US Secretary of State Antony Blinken emerged",
        "004": "U.S. Secretary of State Antony Blinken issued",
    }
    for doc, start in leads.items():
        text = next(SEEDS.glob(f"{doc}_*.txt")).read_text(encoding="utf-8")
        lead = next(text[s:e] for s, e in split_sentences(text) if text[s:e].startswith(start))
        assert not needs_antecedent(lead), lead


@pytest.mark.parametrize("text", [
    "Blinken emphasized",                           # under 4 words
    "Netanyahu meets Blinken",
    "David Azagury and the US Embassy staff",       # no verb
    "He told reporters: “It risks wreaking greater havoc with the humanitarian assistance.",
    "It risks further isolating Israel around the world and its standing.”",
    "and eliminating the rest of the battalions there.",  # starts lowercase
    "The council voted on the resolution after a long",    # no final punctuation
    "In a video released after the meeting, the Israeli leader said:",  # a lead-in
    ", and the council met again on Friday.",
])
def test_fragments(text):
    assert is_fragment(text)


@pytest.mark.parametrize("text", [
    "Neither the return of hostages nor the ground invasion happened.",
    "Still, the recovery remains incomplete.",
    "“Russia prioritized politics over advancement once more,” Thomas-Greenfield declared.",
    "Pelosi and Mnuchin plan to speak again Wednesday.",
    "iPhone sales rose sharply in the spring.",
])
def test_whole_sentences(text):
    assert not is_fragment(text)


def test_review_text_is_judged_without_case_and_final_punctuation():
    line = "the battery life is incredible and it charges fast"
    assert is_fragment(line)
    assert not is_fragment(line, punctuated=False)
    assert is_fragment("great product", punctuated=False)  # still under 4 words
    assert verb_like("the order establishes a new board")
    assert not verb_like("Police in Portland, Ore.")
    assert unbalanced("He said “no.") and unbalanced('He said "no.') and not unbalanced("(a) “b”")


@pytest.mark.parametrize(("text", "cut"), [
    ("'Most of the masks you get over the counter don’t work.", True),  # neus-val-060
    ("‘Never again.", True),
    ("'Trying to shape it isn't the same as the science,' he added.", False),
    ("‘We will win,’ she said.", False),
    ("'90s music was loud.", False),
    ("'The Joneses' car was red, neighbours said.", False),
    ("It's fine, they're fine.", False),
])
def test_a_single_quote_opened_and_never_closed_is_a_cut_quotation(text: str, cut: bool) -> None:
    """An apostrophe ("don’t", "it's") closes nothing; a quote mark before a space or
    punctuation does."""
    assert unbalanced(text) is cut
    if cut:
        assert is_fragment(text)


def test_seed_sentences_are_whole_after_cleaning():
    from summarize.clean import clean, is_punctuated

    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        kept = clean(path.stem, text, split_sentences(text)).spans
        punctuated = is_punctuated(text)
        for s, e in kept:
            assert not is_fragment(text[s:e], punctuated=punctuated), text[s:e]


def test_relative_dates():
    assert relative_dates("Blinken met him today and will return next week.") == [
        "today", "next week"]
    assert relative_dates("The vote failed on Friday; on Thursday night talks went on.") == [
        "on Friday", "on Thursday night"]
    assert relative_dates("Last month prices rose, two weeks ago they fell, yesterday too.") == [
        "Last month", "two weeks ago", "yesterday"]
    assert relative_dates("Friday's vote came earlier this week, tonight it ends.") == [
        "Friday", "earlier this week", "tonight"]
    # Not relative: a weekday in a full date, a day and month, "may" the verb.
    assert relative_dates("Published Friday, March 22, 2024. It may rain on October 7.") == []
    assert relative_dates("") == []


def test_absolute_date():
    assert absolute_date("They met on March 22, 2024 in Tel Aviv.") == "March 22, 2024"
    assert absolute_date("They met on 22 March 2024.") == "22 March 2024"
    assert absolute_date("Filed Mar. 22 2024 and 2024-03-23.") == "Mar. 22 2024"
    assert absolute_date("Seen 2024-03-23.") == "2024-03-23"
    # A timestamp line wins over a date in the prose.
    text = "The attacks of Sept. 11, 2001 changed it.\nUpdated: March 22, 2024, 6:51 PM\n"
    assert absolute_date(text) == "March 22, 2024"
    # No year, the modal "may", impossible values: none.
    for text in ["on March 22", "it may 5 2024", "2024-13-40", "on Friday", ""]:
        assert absolute_date(text) is None, text


def test_seed_dates():
    texts = {p.name[:3]: p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))}
    assert absolute_date(texts["002"]) == "March 22, 2024"
    assert [absolute_date(t) for k, t in texts.items() if k != "002"] == [None] * 4
    assert "today" in relative_dates(texts["000"])
    assert "on Friday" in relative_dates(texts["001"])
