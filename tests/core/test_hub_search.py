"""Finding a hub by what people type: Latin letters for a Ukrainian name, and the keyboard left in English."""

from __future__ import annotations

import pytest

from digigram.core.regions import Hub, folded, hub_matches, hub_search_text, romanised


@pytest.mark.parametrize(("name", "latin"), [
    # As the 2010 romanisation writes them on passports and road signs.
    ("Київ", "kyiv"), ("Згурівка", "zghurivka"), ("Юрій", "yurii"), ("Ярмолинці", "yarmolyntsi"),
    ("Знамʼянка", "znamianka"), ("Олександрія", "oleksandriia"), ("Миколаїв", "mykolaiv"),
    ("Ізмаїл", "izmail"), ("Яготин", "yahotyn"), ("Їжакевич", "yizhakevych"), ("Щорс", "shchors"),
    ("Ґорґани", "gorgany"), ("Біла Церква", "bila tserkva"), ("Хаб №12 (Буча)", "khab №12 (bucha)"),
])
def test_names_are_romanised_as_the_state_writes_them(name: str, latin: str) -> None:
    assert romanised(folded(name)) == latin


def _hub(name: str, region: str | None = "UA-32") -> Hub:
    return Hub(id="h", name=name, region_id=region)


def test_a_hub_is_found_by_its_name_in_latin_letters() -> None:
    text = hub_search_text(_hub("Бучанська публічна бібліотека"))
    assert hub_matches(text, "Bucha")
    assert hub_matches(text, "buchanska biblioteka")
    assert hub_matches(text, "Київська bucha")  # mixed, in any order
    assert not hub_matches(text, "Irpin")
    assert hub_matches(hub_search_text(_hub("Хаб у Камʼянці-Подільському", "UA-68")), "kamiantsi-podilskomu")


def test_a_hub_is_found_when_typed_with_the_keyboard_left_in_english() -> None:
    text = hub_search_text(_hub("Хаб у Бучі"))
    assert hub_matches(text, ",exs")  # «бучі» on the English keys
    assert hub_matches(text, "{f,")  # «хаб»
    assert not hub_matches(text, "ked")  # «луд» is not there
    # ' is «є» on the Ukrainian keys, so it is read as a letter there, not set aside as an apostrophe.
    kyiv = hub_search_text(_hub("Хаб у Києві"))
    assert hub_matches(kyiv, "rb'ds")  # «києві»
    assert hub_matches(kyiv, "RB\"DS")  # with Shift: «КИЄВІ»
    assert hub_matches(kyiv, "києві") and hub_matches(kyiv, "' ")  # an apostrophe alone keeps every hub


def test_one_or_two_latin_letters_are_not_also_read_as_ukrainian_keys() -> None:
    # "f" is «а» on the Ukrainian keys: read both ways it would keep nearly every hub.
    text = hub_search_text(_hub("Хаб у Львові", "UA-46"))
    assert not hub_matches(text, "f")
    assert not hub_matches(text, "fd")
    assert hub_matches(text, "kmd")  # «льв», three keys
