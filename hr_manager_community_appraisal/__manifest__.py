# Copyright 2026 Manager Communities contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Manager Communities - Appraisals",
    "summary": "Bring chosen actions of a manager's action plan to their appraisal",
    "version": "18.0.1.1.0",
    "category": "Human Resources",
    "website": "https://github.com/manager-communities/manager-communities",
    "author": "Manager Communities contributors",
    "license": "AGPL-3",
    "installable": True,
    "auto_install": True,
    "depends": ["hr_manager_community", "hr_appraisal_oca"],
    "data": [
        "security/ir.model.access.csv",
        "security/hr_manager_community_appraisal_rules.xml",
        "data/mail_activity_type_data.xml",
        "views/hr_appraisal_views.xml",
    ],
    "demo": [
        "demo/hr_appraisal_demo.xml",
    ],
}
