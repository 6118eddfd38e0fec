"""Flask-AppBuilder msgids that our zh catalogue adds or overrides.

Never imported: this module exists so that ``pybabel extract -F babel.cfg``
(which scans ``app/**.py``) keeps these msgids in ``messages.pot`` and
``pybabel update`` does not mark their translations obsolete.

Flask-Babel 4 loads FAB's catalogue first and ours second and merges them with
``Translations.merge`` (a dict update), so a translation here *overrides*
FAB's; everything not listed here still comes from FAB's own zh catalogue.

* MISSING: used by FAB 5.3 templates or Python, but absent, empty or fuzzy in
  FAB's zh catalogue (shown in English without us).
* CORRECTED: translated by FAB, but wrongly or inconsistently with our
  terminology (e.g. "Security" is 安全 in this project, "Show" is 查看).

tests/test_translations.py checks that every msgid FAB 5.3 uses has a Chinese
translation in FAB's catalogue or ours; after a FAB upgrade, add what it
reports to MISSING and translate it.
"""


def _(message: str) -> str:  # marker for the extractor only
    return message


MISSING = (
    _("Add"),
    _("Edit"),
    _("Show"),
    _("Delete"),
    _("Are you sure you want to delete this item?"),
    _("Database Error"),
    _("Not a valid choice"),
    _("Must have at least two capital letters, one special character, two digits, three lower case letters and a "
      "minimal length of 10."),
    _("Contains (insensitive)"),
    _("Start with"),
    _("In"),
    _("Not In"),
    _("Either select a role or a group"),
    _("Groups"),
    _("List Groups"),
    _("Show Group"),
    _("Add Group"),
    _("Edit Group"),
    _("Edit User Information"),
    _("User information changed"),
    _("The user's password for authentication"),
    _("It's not a good policy to remove a user, just make it inactive"),
    _("The user group on the application, this will associate with a list of roles associated with the group"),
    _("User(s) exists in the role, cannot delete"),
    _("User(s) exists in the group, cannot delete"),
    _("Sign In with "),
)

CORRECTED = (
    _("Security"),
    _("Add a new record"),
    _("Add Role"),
    _("Add User"),
    _("Add Base Permission"),
    _("Add Permission on Views/Menus"),
    _("Add View Menu"),
    _("Show record"),
    _("Show Role"),
    _("Show User"),
    _("Show Base Permission"),
    _("Show Permission on Views/Menus"),
    _("Show View Menu"),
    _("Show Registration"),
    _("List Base Permissions"),
    _("List View Menus"),
    _("User Registrations"),
    _("Registration not found"),
    _("Starts with"),
    _("Not Starts with"),
    _("Ends with"),
    _("Not Ends with"),
    _("Avg. of"),
    _("Sum of"),
    _("Integrity error, probably unique constraint"),
    _("This field is required."),
    _("Back"),
    _("Detail"),
    _("Logout"),
    _("Profile"),
    _("Full Name"),
    _("Page size"),
    _("Record Count"),
    _("Is Active?"),
    _("Last login"),
    _("Failed login count"),
    _("Created by"),
    _("Created on"),
    _("Changed by"),
    _("Changed on"),
    _("Your user information"),
    _("The user role on the application, this will associate with a list of permissions"),
)
