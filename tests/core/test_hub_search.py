"""Finding a hub by what people type: Latin letters for a Ukrainian name, and the keyboard left in English."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from digigram.core.regions import Hub, folded, hub_search_text, person_search_text, romanised, search_matches


@pytest.mark.parametrize(("name", "latin"), [
    # As the 2010 romanisation writes them on passports and road signs.
    ("Київ", "kyiv"), ("Згурівка", "zghurivka"), ("Юрій", "yurii"), ("Ярмолинці", "yarmolyntsi"),
    ("Знамʼянка", "znamianka"), ("Олександрія", "oleksandriia"), ("Миколаїв", "mykolaiv"),
    ("Ізмаїл", "izmail"), ("Яготин", "yahotyn"), ("Їжакевич", "yizhakevych"), ("Щорс", "shchors"),
    ("Ґорґани", "gorgany"), ("Біла Церква", "bila tserkva"), ("Хаб №12 (Буча)", "khab №12 (bucha)"),
])
def test_names_are_romanised_as_the_state_writes_them(name: str, latin: str) -> None:
    assert romanised(folded(name)) == latin


def _letter_by_letter(text: str) -> str:
    # The rules read one letter at a time, as the resolution states them: the reference for the fast path.
    latin = {"а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "e", "є": "ie", "ж": "zh",
             "з": "z", "и": "y", "і": "i", "ї": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n",
             "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
             "ч": "ch", "ш": "sh", "щ": "shch", "ь": "", "ю": "iu", "я": "ia"}
    first = {"є": "ye", "ї": "yi", "й": "y", "ю": "yu", "я": "ya"}
    out, previous = [], ""
    for ch in text:
        if ch == "г" and previous == "з":
            out.append("gh")
        elif not previous.isalpha() and ch in first:
            out.append(first[ch])
        else:
            out.append(latin.get(ch, ch))
        previous = ch
    return "".join(out)


@given(st.text(alphabet="абвгґдеєжзиіїйклмнопрстуфхцчшщьюя зг-1.їє²ǅ_", max_size=30))
def test_romanised_follows_the_letter_by_letter_rules(text: str) -> None:
    assert romanised(text) == _letter_by_letter(text)


def _hub(name: str, region: str | None = "UA-32") -> Hub:
    return Hub(id="h", name=name, region_id=region)


def test_a_hub_is_found_by_its_name_in_latin_letters() -> None:
    text = hub_search_text(_hub("Бучанська публічна бібліотека"))
    assert search_matches(text, "Bucha")
    assert search_matches(text, "buchanska biblioteka")
    assert search_matches(text, "Київська bucha")  # mixed, in any order
    assert not search_matches(text, "Irpin")
    kamianets = hub_search_text(_hub("Хаб у Камʼянці-Подільському", "UA-68"))
    assert search_matches(kamianets, "kamiantsi-podilskomu")


def test_a_hub_is_found_when_typed_with_the_keyboard_left_in_english() -> None:
    text = hub_search_text(_hub("Хаб у Бучі"))
    assert search_matches(text, ",exs")  # «бучі» on the English keys
    assert search_matches(text, "{f,")  # «хаб»
    assert not search_matches(text, "ked")  # «луд» is not there
    # ' is «є» on the Ukrainian keys, so it is read as a letter there, not set aside as an apostrophe.
    kyiv = hub_search_text(_hub("Хаб у Києві"))
    assert search_matches(kyiv, "rb'ds")  # «києві»
    assert search_matches(kyiv, "RB\"DS")  # with Shift: «КИЄВІ»
    assert search_matches(kyiv, "києві") and search_matches(kyiv, "' ")  # an apostrophe alone keeps every hub


def test_one_or_two_latin_letters_are_not_also_read_as_ukrainian_keys() -> None:
    # "f" is «а» on the Ukrainian keys: read both ways it would keep nearly every hub.
    text = hub_search_text(_hub("Хаб у Львові", "UA-46"))
    assert not search_matches(text, "f")
    assert not search_matches(text, "fd")
    assert search_matches(text, "kmd")  # «льв», three keys


def test_a_person_is_found_by_their_hub_in_latin_letters_as_the_hub_itself_is() -> None:
    # The hub dialogs find «Бучанська бібліотека» by "bucha"; the people of that hub are found alike.
    text = person_search_text("Олена Шевченко", "Бучанська бібліотека")
    assert search_matches(hub_search_text(_hub("Бучанська бібліотека")), "buchanska")
    assert search_matches(text, "buchanska") and search_matches(text, "olena buchanska")
    assert search_matches(text, "Shevchenko")
    assert not search_matches(person_search_text("Олена Шевченко", "Ірпінська бібліотека"), "buchanska")
