# Copyright 2026 Manager Communities contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Manager Communities - Managerial Charter",
    "summary": "Best-practice dictionary and the company's managerial charter",
    "version": "18.0.1.0.0",
    "category": "Human Resources",
    "website": "https://github.com/manager-communities/manager-communities",
    "author": "Manager Communities contributors",
    "license": "LGPL-3",
    "installable": True,
    "depends": ["hr_manager_community"],
}
