# Copyright 2026 Manager Communities contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import namedtuple

from odoo import Command, api, fields, models
from odoo.exceptions import ValidationError

from .text_limits import NAME_MAX_LENGTH, TEXT_MAX_LENGTH, clean_text, parse_ids

# What a form method returns: the values to write (the form's fields only),
# the errors by field name ("_global" for the form as a whole), and the form
# as the user typed it, so that nothing is lost when it is shown again.
FormResult = namedtuple("FormResult", ["values", "errors", "form"])


class HrManagerCommunityFormMixin(models.AbstractModel):
    """Checks of what people write, for the backend and the portal alike.

    A model declares the texts people write in ``_text_fields``; their
    maximum length comes from the field's type (``Char``: NAME_MAX_LENGTH,
    ``Text``: TEXT_MAX_LENGTH) unless ``_text_max_lengths`` gives another one.
    The constraint below enforces the limits on every create and write; the
    model's form methods (``_form_*``, one per portal form) read raw posted
    values with ``_form_reader`` and return a ``FormResult``, reporting the
    same limits as field errors instead of raising.
    """

    _name = "hr.manager.community.form.mixin"
    _description = "Manager Communities Form Checks"

    _text_fields = ()
    _text_max_lengths = {}

    @api.model
    def _text_limits(self):
        """{field name: maximum length} of the texts people write here."""
        limits = {}
        for name in self._text_fields:
            default = (
                NAME_MAX_LENGTH
                if self._fields[name].type == "char"
                else TEXT_MAX_LENGTH
            )
            limits[name] = self._text_max_lengths.get(name, default)
        return limits

    @api.model
    def _text_length_error(self, name, value):
        """The message for ``value`` of field ``name`` when it is too long."""
        limit = self._text_limits()[name]
        if len(value or "") <= limit:
            return None
        return self.env._("%(field)s is limited to %(max)s characters.") % {
            "field": self._fields[name]._description_string(self.env),
            "max": limit,
        }

    @api.constrains(lambda self: tuple(self._text_limits()))
    def _check_text_lengths(self):
        names = tuple(self._text_limits())
        for record in self:
            for name in names:
                error = self._text_length_error(name, record[name])
                if error:
                    raise ValidationError(error)

    @api.model
    def _form_reader(self, raw):
        """A reader of the raw values posted to a form of this model."""
        return PostedForm(self, raw)


class PostedForm:
    """The raw values posted to one form of ``model``, read field by field.

    ``raw`` maps a field name to what was posted: a string, or a list of
    strings for a many2many; anything else (a file) is no text. Each method
    checks one field and keeps what the user typed in ``form``, the value to
    write in ``values`` and the message in ``errors``: nothing raises, so a
    bad input always gives a field error, never a server error.
    """

    def __init__(self, model, raw):
        self.model = model
        self.raw = raw or {}
        self.values = {}
        self.errors = {}
        self.form = {}

    def text(self, name, required=None, single_line=False):
        """A text or title; ``required`` is the message when it is empty."""
        typed = clean_text(self.raw.get(name))
        if single_line:
            typed = typed.replace("\n", " ")
        self.form[name] = typed
        value = typed.strip()
        if not value and required:
            self.errors[name] = required
        else:
            error = self.model._text_length_error(name, value)
            if error:
                self.errors[name] = error
        self.values[name] = value or False
        return value

    def choice(self, name, message):
        """One of the values of selection field ``name``."""
        typed = clean_text(self.raw.get(name))
        self.form[name] = typed
        if typed not in self.model._fields[name].get_values(self.model.env):
            self.errors[name] = message
        self.values[name] = typed
        return typed

    def date(self, name, message):
        """An optional date, as ``YYYY-MM-DD``."""
        typed = clean_text(self.raw.get(name)).strip()
        self.form[name] = typed
        value = False
        if typed:
            try:
                value = fields.Date.to_date(typed)
            except ValueError:
                self.errors[name] = message
        self.values[name] = value
        return value

    def flag(self, name):
        """A checkbox: checked when anything was posted."""
        value = bool(self.raw.get(name))
        self.form[name] = value
        self.values[name] = value
        return value

    def records(self, name, message):
        """The records of many2many ``name`` chosen by id, among those the
        user may read; a malformed, unknown or unreadable id is an error."""
        comodel = self.model.env[self.model._fields[name].comodel_name]
        raw = self.raw.get(name) or []
        if isinstance(raw, str):
            raw = [raw]
        ids = parse_ids(raw) if isinstance(raw, list | tuple) else None
        records = comodel.browse()
        if ids is None:
            self.errors[name] = message
        elif ids:
            records = comodel.search([("id", "in", ids)])
            if len(records) != len(set(ids)):
                self.errors[name] = message
        self.form[name] = set(records.ids)
        self.values[name] = [Command.set(records.ids)]
        return records

    def membership(self, memberships, message):
        """The membership of ``memberships`` (the user's own) whose community
        is posted as ``community_id``; optional when there is only one. Its
        community goes to ``values``; another community is an error."""
        typed = clean_text(self.raw.get("community_id")).strip()
        if len(memberships) == 1 and not typed:
            chosen = memberships
        else:
            ids = parse_ids([typed])
            chosen = memberships.filtered(
                lambda member: ids and member.community_id.id == ids[0]
            )[:1]
        self.form["community_id"] = chosen.community_id.id
        if not chosen:
            self.errors["community_id"] = message
        self.values["community_id"] = chosen.community_id.id
        return chosen

    def error(self, name, message):
        """Report ``message`` (if any) on field ``name``, unless it has one."""
        if message:
            self.errors.setdefault(name, message)

    def result(self):
        return FormResult(self.values, self.errors, self.form)
