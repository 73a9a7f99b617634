"""Settings rows: one JSON value per key (appearance, the coordinator password). Never commits."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy.orm import Session

from digigram.store.models import SettingRow


def get_setting(session: Session, key: str) -> tuple[bool, Any]:
    row = session.get(SettingRow, key)
    return (False, None) if row is None else (True, json.loads(row.value))


def set_setting(session: Session, key: str, value: Any) -> None:
    row = session.get(SettingRow, key)
    text = json.dumps(value, ensure_ascii=False)
    if row is None:
        session.add(SettingRow(key=key, value=text))
    else:
        row.value = text
    session.flush()


def delete_setting(session: Session, key: str) -> None:
    row = session.get(SettingRow, key)
    if row is not None:
        session.delete(row)
        session.flush()
