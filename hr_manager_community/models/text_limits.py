# Copyright 2026 Manager Communities contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Length limits of what people write (titles and texts), shared by the
models and the portal forms."""

from odoo.exceptions import ValidationError

NAME_MAX_LENGTH = 120
TEXT_MAX_LENGTH = 10000


def check_text_lengths(records, field_names):
    """Raise a ValidationError when a title ("name") of ``records`` exceeds
    NAME_MAX_LENGTH or another of ``field_names`` exceeds TEXT_MAX_LENGTH."""
    for record in records:
        for field_name in field_names:
            limit = NAME_MAX_LENGTH if field_name == "name" else TEXT_MAX_LENGTH
            if len(record[field_name] or "") > limit:
                label = records._fields[field_name].get_description(records.env)
                raise ValidationError(
                    records.env._("%(field)s is limited to %(max)s characters.")
                    % {"field": label["string"], "max": limit}
                )
