# Copyright 2026 Manager Communities contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""French where a French user looks: a backend form, a portal page and a PDF
rendered in French carry no English string of the product, and the data the
product writes (session names, agenda steps, "Action plan of ...") is French
too. Each check compares the English rendering with the French one: a text
that comes out the same in both is English left untranslated, unless it is
data of the fixture or a word that is the same in both languages."""

import re
from html import unescape

from lxml import etree, html

from odoo.tests.common import tagged

from .test_portal import PortalCase

LANG = "fr_FR"
MODULES = ("base", "web", "mail", "portal", "hr", "calendar", "hr_manager_community")
# Words spelt the same in English and French, and brands.
SAME_IN_BOTH = {
    "Date",
    "Description",
    "Note",
    "Notes",
    "Transition",
    "Actions",
    "Action",
    "Situations",
    "Situation",
    "Type",
    "Message",
    "Messages",
    "Minutes",
    "Participants",
    "Documents",
    "Contact",
    "Odoo",
    "Portal",
    "Total",
    "min",
    "Version",
    "Communication",
    "Options",
    "Attachments",
    "Support",
    "Absent",
}
WORD_RE = re.compile(r"[A-Za-z]{3,}")
PAGE_XPATH = "//div[contains(concat(' ', normalize-space(@class), ' '), ' page ')]"


def texts_of(markup, root_xpath="//body"):
    """The visible texts (and the labels of buttons and fields) of an HTML page."""
    tree = html.fromstring(markup)
    roots = tree.xpath(root_xpath) or [tree]
    found = set()
    for root in roots:
        for element in root.iter():
            if element.tag in ("script", "style", etree.Comment):
                continue
            for text in (
                element.text,
                element.get("title"),
                element.get("placeholder"),
            ):
                text = " ".join((text or "").split())
                if WORD_RE.search(text or ""):
                    found.add(text)
    return found


def arch_labels(arch):
    """The string, help and placeholder attributes and texts of a view arch."""
    tree = etree.fromstring(arch)
    found = set()
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        for value in (
            element.get("string"),
            element.get("placeholder"),
            element.get("help"),
            element.text,
        ):
            value = " ".join((value or "").split())
            if WORD_RE.search(value):
                found.add(value)
    return found


@tagged("post_install", "-at_install")
class TestFrench(PortalCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang(LANG)
        cls.env["ir.module.module"]._load_module_terms(list(MODULES), [LANG])
        cls.french = cls.portal_fellow
        cls.french.lang = LANG
        cls.company.partner_id.lang = LANG
        # The fixture's sessions as written in the company's language, French.
        sessions = cls.env["hr.manager.community.session"].search(
            [("company_id", "=", cls.company.id)]
        )
        sessions._compute_name()
        sessions._compute_agenda_line_ids()
        communities = cls.env["hr.manager.community"].search([])
        communities.pact_text = communities._default_pact_text()
        cls.data = set(
            cls.env["hr.manager.community"].search([]).mapped("name")
            + cls.env["hr.employee"].search([]).mapped("name")
            + cls.env["res.users"].search([]).mapped("name")
            + sessions.mapped("name")
            + sessions.agenda_line_ids.mapped("name")
            + [
                " ".join(html.fromstring(text).text_content().split())
                for text in communities.mapped("pact_text")
                if text
            ]
            + [cls.company.name, cls.company.street, cls.company.city, "Room 4"]
        )

    def assertNoEnglish(self, english, french, where):
        same = {
            text
            for text in english & french
            if not set(WORD_RE.findall(text)) <= SAME_IN_BOTH
            and not any(value and value in text for value in self.data)
        }
        self.assertFalse(same, f"English left in {where}: {sorted(same)}")
        self.assertNotEqual(english, french, where)

    def test_backend_view_in_french(self):
        Session = self.env["hr.manager.community.session"]
        views = {
            lang: Session.with_context(lang=lang).get_views([(False, "form")])
            for lang in ("en_US", LANG)
        }
        english = arch_labels(views["en_US"]["views"]["form"]["arch"])
        french = arch_labels(views[LANG]["views"]["form"]["arch"])
        self.assertNoEnglish(english, french, "the session form")
        fields_fr = views[LANG]["models"]["hr.manager.community.session"]["fields"]
        # The date is not the button: each has its own French word.
        self.assertEqual(fields_fr["date_start"]["string"], "Date de début")
        self.assertIn("Démarrer", french)
        self.assertNotIn("Démarrer", {field["string"] for field in fields_fr.values()})

    def test_data_in_french(self):
        self.assertIn(
            "Ce qui se dit dans le groupe reste dans le groupe",
            self.env["hr.manager.community"]._default_pact_text(),
        )
        session = self._create_session(
            template_id=self.env.ref(
                "hr_manager_community.session_template_codevelopment"
            ).id
        )
        self.assertIn("Séance", session.name)
        self.assertNotIn("Session", session.name)
        steps = session.agenda_line_ids.mapped("name")
        self.assertIn(
            "Questions de clarification sur les faits, le contexte et les enjeux", steps
        )
        factor = self.env.ref("hr_manager_community.factor_hse_role").with_context(
            lang=LANG
        )
        self.assertNotEqual(factor.name, factor.with_context(lang="en_US").name)
        plan = self._french_plan()
        self.assertTrue(plan.name.startswith("Plan d'action de "), plan.name)

    def _page(self, url):
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200, url)
        return response.text

    def test_portal_page_in_french(self):
        url = f"/my/communities/{self.community.id}"
        self.authenticate(self.french.login, self.french.login)
        french = self._page(url)
        self.assertIn("Séances à venir", french)
        self.french.lang = "en_US"
        self.authenticate(self.french.login, self.french.login)
        self.opener.cookies.pop("frontend_lang", None)
        english = self._page(url)
        self.assertIn("Upcoming sessions", english)
        self.assertNoEnglish(
            texts_of(english, "//main"), texts_of(french, "//main"), url
        )

    def _french_plan(self):
        Plan = self.env["hr.manager.community.action.plan"]
        return Plan.search([("member_id", "=", self.members[4].id)]) or Plan.create(
            {"member_id": self.members[4].id}
        )

    def test_pdf_in_french(self):
        plan = self._french_plan()
        report = "hr_manager_community.action_report_action_plan"
        rendered = {}
        for lang in ("en_US", LANG):
            self.french.lang = lang
            content, _format = (
                self.env["ir.actions.report"]
                .with_user(self.french)
                ._render_qweb_html(report, plan.ids)
            )
            rendered[lang] = content.decode()
        self.assertIn("Plan d'action de", unescape(rendered[LANG]))
        self.assertNoEnglish(
            texts_of(rendered["en_US"], PAGE_XPATH) - {plan.name},
            texts_of(rendered[LANG], PAGE_XPATH),
            "the action plan PDF",
        )
        # The stamped page footer is French as well.
        label = (
            self.env["ir.actions.report"]
            .with_context(lang=LANG)
            .env._("Page %(page)s of %(total)s")
        )
        self.assertEqual(label, "Page %(page)s sur %(total)s")
