"""The command line's help in Ukrainian: every help line the commands define, and argparse's own words."""

from __future__ import annotations

import argparse

# English help line (as the command modules write it) -> Ukrainian. A line missing here stays English,
# and tests/store/test_cli_quiz.py fails, so a new option cannot slip through untranslated.
HELP_UK: dict[str, str] = {
    "Digigram: digital-competence check and development plan for librarians. With no command it opens "
    "the desktop app.": "Digigram: перевірка цифрових компетентностей і план розвитку для бібліотекарів. "
                        "Без команди відкриває застосунок із вікном.",
    "show this help message and exit": "показати цю довідку й вийти",
    "language of messages (default: the system locale)": "мова повідомлень (типово: мова системи)",
    "folder for the database and backups (default: DIGIGRAM_DATA_DIR, else the per-user data folder)":
        "тека для бази даних і резервних копій (типово: DIGIGRAM_DATA_DIR, інакше тека даних користувача)",
    "an SQLAlchemy database URL instead of the data folder's database":
        "адреса бази даних SQLAlchemy замість бази в теці даних",
    "show program's version number and exit": "показати версію програми й вийти",
    "check this copy of Digigram on a temporary database (no window) and exit 0 or 1":
        "перевірити цю копію Digigram на тимчасовій базі (без вікна) і вийти з кодом 0 або 1",
    "check competency framework files and report every problem with its line and column":
        "перевірити файли рамки компетентностей і назвати кожну помилку з рядком і стовпцем",
    "take the competence check in the terminal (resumes an unfinished attempt)":
        "пройти перевірку в терміналі (продовжує незавершену)",
    "list the people stored in the database": "показати людей, збережених у базі",
    "print everything stored about one person as JSON": "вивести все збережене про одну людину як JSON",
    "list database backups, or restore one (the current file is kept aside)":
        "показати резервні копії бази або відновити одну (поточний файл зберігається окремо)",
    "export or import an offline result bundle (coordinator password required)":
        "вивантажити або завантажити пакет результатів (потрібен пароль координатора)",
    "measure the adaptive quiz against a fixed 90-question form with simulated people":
        "порівняти адаптивну перевірку з фіксованою формою на 90 питань на змодельованих людях",
    "framework YAML files to check": "файли рамки YAML, які перевірити",
    "whose check it is (created if new)": "чия це перевірка (нову людину буде додано)",
    "role profile (default: the framework's first)": "профіль ролі (типово: перший у рамці)",
    "framework file (default: the shipped one)": "файл рамки (типово: вбудований)",
    "full, quick or an area id (default: full)": "full (повна), quick (швидка) або код сфери (типово: full)",
    "the person's name": "ім'я людини",
    "the backup to restore, as numbered in the list (1 = newest)":
        "яку копію відновити, за номером у списку (1 — найновіша)",
    "write finished checks and plans to a bundle file": "записати завершені перевірки й плани у файл пакета",
    "add a bundle's records to this database": "додати записи з пакета до цієї бази",
    "only checks finished and plans saved from DATE (YYYY-MM-DD)":
        "лише перевірки, завершені, і плани, збережені від ДАТИ (РРРР-ММ-ДД)",
    "only the people of this hub": "лише люди цього хабу",
    "the bundle file to write (.zip)": "файл пакета, який записати (.zip)",
    "file holding the regional key: a passphrase or 64 hex digits (default: read it from standard input)":
        "файл із регіональним ключем: фраза або 64 шістнадцяткові цифри (типово: зі стандартного входу)",
    "write the bundle without a signature": "записати пакет без підпису",
    "the bundle file (.zip)": "файл пакета (.zip)",
    "accept a bundle without a checked signature (a warning is shown)":
        "прийняти пакет без перевіреного підпису (буде попередження)",
    "profile id for targets (default: the framework's first)":
        "код профілю для цілей (типово: перший у рамці)",
    "simulated people (default: 2000)": "змодельованих людей (типово: 2000)",
    "random seed (default: 1)": "початкове значення випадковості (типово: 1)",
    "correlation between areas (default: 0.6)": "кореляція між сферами (типово: 0.6)",
    "print the report as JSON": "вивести звіт як JSON",
}


class UkrainianHelpFormatter(argparse.HelpFormatter):
    """argparse's own words ("usage:") in Ukrainian."""

    def add_usage(self, usage: str | None, actions: object, groups: object,
                  prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, prefix="використання: ")  # type: ignore[arg-type]


def translate_parser(parser: argparse.ArgumentParser) -> list[str]:
    """Put Ukrainian help on `parser` and its sub-commands; returns the lines that had no translation."""
    missing: list[str] = []
    done = set(HELP_UK.values())

    def uk(text: str | None) -> str | None:
        if not text or text == argparse.SUPPRESS or text in done:
            return text  # the common options are shared by every sub-command: translated once
        if text not in HELP_UK:
            missing.append(text)
            return text
        return HELP_UK[text]

    def walk(p: argparse.ArgumentParser) -> None:
        p.description = uk(p.description)
        p.formatter_class = UkrainianHelpFormatter
        for group in p._action_groups:
            group.title = {"positional arguments": "позиційні аргументи",
                           "options": "параметри"}.get(group.title or "", group.title)
        for action in p._actions:
            action.help = uk(action.help)
            if isinstance(action, argparse._SubParsersAction):
                for choice in action._choices_actions:
                    choice.help = uk(choice.help)
                for sub in action.choices.values():
                    walk(sub)

    walk(parser)
    return missing
