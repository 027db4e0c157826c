# Copyright 2026 Manager Communities contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.addons.hr_manager_community.tests.common import ManagerCommunityCase


class CharterCase(ManagerCommunityCase):
    """The core fixture plus practices and a helper to build charters.

    ``member``/``fellow`` are internal active members of ``community``,
    ``portal_member`` a portal one, ``leaver`` left it; ``other_member`` is an
    active member of ``community_other``; ``employee_user`` is an employee
    of the company in no community.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.member = cls.members[0].user_id
        cls.fellow = cls.members[1].user_id
        cls.leaver = cls.members[3].user_id
        cls.portal_member = cls.members[4].user_id
        cls.other_member = cls.member_other.user_id
        cls.employee_user = cls.member_users[8]
        cls.Practice = cls.env["hr.manager.practice"]
        cls.Charter = cls.env["hr.manager.charter"]
        cls.adopted = cls._create_practice(name="Adopted practice")
        cls.adopted.with_user(cls.director).action_adopt()
        cls.adopted_bis = cls._create_practice(name="Second adopted practice")
        cls.adopted_bis.with_user(cls.director).action_adopt()
        cls.members[3].action_leave()

    @classmethod
    def _create_practice(cls, user=None, community=None, **values):
        user = user or cls.members[0].user_id
        practice = cls.Practice.with_user(user).create(
            dict(
                {
                    "name": "Announce changes face to face",
                    "theme": "change",
                    "situation_type": "Announcing a reorganisation",
                    "community_id": (community or cls.community).id,
                    "desirable": "DESIRABLE-TEXT brief managers first",
                    "possible": "POSSIBLE-TEXT short team meeting",
                },
                **values,
            )
        )
        return cls.Practice.browse(practice.id)

    @classmethod
    def _create_charter(cls, practices=None, **values):
        practices = practices or cls.adopted | cls.adopted_bis
        charter = cls.Charter.with_user(cls.officer).create(
            dict(
                {
                    "name": "Charter",
                    "line_ids": [
                        (
                            0,
                            0,
                            {
                                "section": f"Section {index // 2}",
                                "sequence": index,
                                "practice_id": practice.id,
                            },
                        )
                        for index, practice in enumerate(practices)
                    ],
                },
                **values,
            )
        )
        return cls.Charter.browse(charter.id)

    @classmethod
    def _publish(cls, charter):
        charter.with_user(cls.officer).action_open_consultation()
        charter.with_user(cls.director).action_approve()
        charter.with_user(cls.officer).action_publish()
        return charter
