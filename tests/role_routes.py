"""Expected outcomes of the app's own routes (not a domain's): FAB's login,
language, security and API pages."""
from tests.role_matrix import A, EVERYONE, LOGGED_IN

ENDPOINTS = {
    "static": EVERYONE, "appbuilder.static": EVERYONE, "LocaleView.index": EVERYONE,
    "UtilView.back": EVERYONE, "AuthDBView.login": EVERYONE, "AuthDBView.logout": EVERYONE,
    "SecurityApi.login": EVERYONE, "SecurityApi.refresh": EVERYONE,
    "UserDBModelView.userinfo": LOGGED_IN, "ResetMyPasswordView.this_form_get": LOGGED_IN,
    "ResetMyPasswordView.this_form_post": LOGGED_IN, "UserInfoEditView.this_form_get": LOGGED_IN,
    "UserInfoEditView.this_form_post": LOGGED_IN,
    "ResetPasswordView.this_form_get": {A}, "ResetPasswordView.this_form_post": {A},
    "OpenApi.get": {A}, "SwaggerView.show": {A}, "MenuApi.get_menu_data": {A},
}
