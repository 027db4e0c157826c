# Copyright 2026 Manager Communities contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Default length limits of what people write, and the parsing of raw posted
values (texts, ids) shared by the form checks of every addon
(``hr.manager.community.form.mixin``) and the portal controllers."""

import re

# Defaults by field type: a Char is a title, a Text a text. A model declares
# other limits in ``_text_max_lengths`` (see the form mixin).
NAME_MAX_LENGTH = 120
TEXT_MAX_LENGTH = 10000

# Ids come from URLs and forms: anything outside PostgreSQL's integer range
# is unknown, not an error of the database.
PG_MAX_ID = 2**31 - 1
# Control characters have no place in a form (PostgreSQL refuses NUL); tabs
# and line breaks are kept.
CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# str.isdigit() accepts "²", which int() refuses.
ASCII_DIGITS = re.compile(r"[0-9]+")


def clean_text(value):
    """A posted value as clean text: never a file, no control character,
    line breaks as the browser shows them (``\\n``)."""
    if not isinstance(value, str):
        return ""
    return CONTROL_CHARS.sub("", value.replace("\r\n", "\n").replace("\r", "\n"))


def parse_ids(raw_values):
    """Posted ids as integers; ``None`` when one of them is not an id."""
    ids = []
    for raw in raw_values:
        if not isinstance(raw, str) or not ASCII_DIGITS.fullmatch(raw.strip()):
            return None
        value = int(raw)
        if not 0 < value <= PG_MAX_ID:
            return None
        ids.append(value)
    return ids
