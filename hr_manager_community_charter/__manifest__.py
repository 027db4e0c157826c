# Copyright 2026 Manager Communities contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Manager Communities - Managerial Charter",
    "summary": "Best-practice dictionary and the company's managerial charter",
    "version": "18.0.1.1.0",
    "category": "Human Resources",
    "website": "https://github.com/manager-communities/manager-communities",
    "author": "Manager Communities contributors",
    "license": "LGPL-3",
    "installable": True,
    "depends": ["hr_manager_community"],
    "data": [
        "security/ir.model.access.csv",
        "security/hr_manager_charter_rules.xml",
        "views/hr_manager_practice_views.xml",
        "views/hr_manager_charter_comment_views.xml",
        "views/hr_manager_charter_views.xml",
        "views/hr_manager_charter_menus.xml",
        "report/hr_manager_charter_report.xml",
        "report/hr_manager_charter_templates.xml",
        "views/portal_templates.xml",
        "views/portal_practice_templates.xml",
    ],
    "demo": ["demo/hr_manager_charter_demo.xml"],
    "assets": {
        "web.assets_tests": [
            "hr_manager_community_charter/static/tests/tours/*.js",
        ],
    },
}
