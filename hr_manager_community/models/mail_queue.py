# Copyright 2026 Manager Communities contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Queueing the product's e-mails (``data/mail_template_data.xml``).

Every mail comes from a ``mail.template``, queued with ``force_send=False``:
Odoo's mail queue cron sends it. A body carries logistics, counts and a link,
never a situation, a note, a feedback or an action title (DESIGN.md section 5).
"""


def queue_template(template, records, email_values=None, **ctx):
    """Queue ``template`` for each of ``records`` (one mail.mail each,
    rendered and created in one batch)."""
    # sudo: our own templates render logistics, counts and links only, for
    # records the flow that calls this just handled; the mail queue sends them.
    if records:
        # sudo: see above (our templates, logistics, counts and links only).
        template.sudo().with_context(**ctx).send_mail_batch(
            records.ids, force_send=False, email_values=email_values
        )
