# Copyright 2026 Manager Communities contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A new version of the charter keeps one section per theme (portal and PDF),
and the charter lines list shows readable, distinct columns."""

import re

from lxml import etree

from odoo.tests import Form
from odoo.tests.common import HttpCase, tagged

from .common import CharterCase

REPORT = "hr_manager_community_charter.action_report_charter"
ORGANISING = "Organising the work"


class CharterSectionsCase(CharterCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.change = cls.adopted
        cls.workload_1 = cls._adopt("Protect focus time", "workload")
        cls.workload_2 = cls._adopt("Plan the peaks", "workload")
        cls.recognition = cls._adopt("Say thank you precisely", "recognition")
        cls.workload_3 = cls._adopt("Arbitrate priorities weekly", "workload")
        cls.v1 = cls.Charter.with_user(cls.officer).create(
            {
                "name": "Charter",
                "line_ids": [
                    (0, 0, {"section": section, "sequence": seq, "practice_id": p.id})
                    for section, seq, p in (
                        ("Leading change", 10, cls.change),
                        (ORGANISING, 20, cls.workload_1),
                        (ORGANISING, 30, cls.workload_2),
                        ("Recognising the work", 40, cls.recognition),
                    )
                ],
            }
        )
        cls._publish(cls.v1)

    @classmethod
    def _adopt(cls, name, theme):
        practice = cls._create_practice(name=name, theme=theme)
        practice.with_user(cls.director).action_adopt()
        return practice

    def _new_version_with_a_practice(self):
        """Duplicate v1 to v2, then add a workload practice at the end of the
        list, as HR does in the form."""
        v2 = self.v1.with_user(self.officer).copy()
        self.assertEqual(v2.version, self.v1.version + 1)
        with Form(v2) as form:
            with form.line_ids.new() as line:
                line.practice_id = self.workload_3
                line.sequence = 50
        return v2

    def _titles(self, html):
        return re.findall(r"<h4[^>]*>\s*([^<]+?)\s*</h4>", html)


@tagged("post_install", "-at_install")
class TestCharterSections(CharterSectionsCase):
    def test_added_practice_joins_its_theme_section(self):
        v2 = self._new_version_with_a_practice()
        added = v2.line_ids.filtered(lambda ln: ln.practice_id == self.workload_3)
        # The section of the charter's practices of the same theme.
        self.assertEqual(added.section, ORGANISING)
        sections = v2._get_sections()
        self.assertEqual(
            [title for title, _lines in sections],
            ["Leading change", ORGANISING, "Recognising the work"],
        )
        organising = dict(sections)[ORGANISING]
        self.assertEqual(
            [line.practice_id for line in organising],
            [self.workload_1, self.workload_2, self.workload_3],
        )

    def test_one_section_per_title_in_the_pdf(self):
        v2 = self._new_version_with_a_practice()
        # A title typed again with other case and spaces is the same section.
        v2.line_ids.filtered(
            lambda ln: ln.practice_id == self.workload_2
        ).section = " organising  the WORK"
        html = (
            self.env["ir.actions.report"]
            .with_user(self.officer)
            ._render_qweb_html(REPORT, v2.ids)[0]
            .decode()
        )
        titles = self._titles(html)
        self.assertEqual(titles.count(ORGANISING), 1, titles)
        self.assertEqual(len(titles), len(set(titles)), titles)
        self.assertIn("Arbitrate priorities weekly", html)

    def test_section_defaults_to_the_theme(self):
        charter = self.Charter.with_user(self.officer).create(
            {
                "name": "Fresh",
                "line_ids": [(0, 0, {"practice_id": self.recognition.id})],
            }
        )
        self.assertEqual(charter.line_ids.section, "Recognition")
        # A section typed by HR is kept.
        with Form(charter) as form:
            with form.line_ids.new() as line:
                line.section = "Listening"
                line.practice_id = self.workload_1
        self.assertEqual(
            charter.line_ids.mapped("section"), ["Recognition", "Listening"]
        )

    def test_lines_list_has_distinct_readable_columns(self):
        Charter = self.Charter.with_user(self.officer)
        form = Charter.get_views([(False, "form")])["views"]["form"]["arch"]
        arch = etree.fromstring(form)
        line_list = arch.xpath("//field[@name='line_ids']/list")[0]
        Line = self.env["hr.manager.charter.line"]
        labels = []
        for node in line_list.xpath("./field"):
            if (
                node.get("column_invisible") in ("1", "True")
                or node.get("widget") == "handle"
            ):
                continue
            labels.append(node.get("string") or Line._fields[node.get("name")].string)
        self.assertEqual(len(labels), len(set(labels)), labels)
        self.assertNotIn("Practice Name", labels)
        self.assertIn("Practice", labels)
        self.assertIn("Section", labels)
        self.assertNotIn("name", [n.get("name") for n in line_list.xpath("./field")])


@tagged("post_install", "-at_install")
class TestCharterSectionsPortal(HttpCase, CharterSectionsCase):
    def test_one_section_per_title_on_the_portal(self):
        v2 = self._new_version_with_a_practice()
        self._publish(v2)
        self.authenticate(self.member.login, self.member.login)
        response = self.url_open("/my/charter")
        self.assertEqual(response.status_code, 200)
        self.assertIn("Arbitrate priorities weekly", response.text)
        titles = self._titles(response.text)
        self.assertEqual(titles.count(ORGANISING), 1, titles)
        self.assertEqual(len(titles), len(set(titles)), titles)
