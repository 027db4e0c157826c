# Copyright 2026 Manager Communities contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Manager Communities",
    "summary": "Confidential peer groups of managers led by an external facilitator",
    "version": "18.0.1.0.0",
    "category": "Human Resources",
    "website": "https://github.com/manager-communities/manager-communities",
    "author": "Manager Communities contributors",
    "license": "LGPL-3",
    "application": True,
    "installable": True,
    "depends": ["hr", "mail", "portal", "calendar"],
    "external_dependencies": {"python": []},
    "data": [
        "security/hr_manager_community_groups.xml",
        "security/ir.model.access.csv",
        "security/hr_manager_community_rules.xml",
        "data/hr_psychosocial_factor_data.xml",
        "data/hr_manager_community_session_template_data.xml",
        "views/hr_manager_community_menus.xml",
        "views/hr_psychosocial_factor_views.xml",
    ],
}
