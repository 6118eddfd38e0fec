"""Expected outcomes of the public portal's routes: open to everyone."""
from tests.role_matrix import EVERYONE

ENDPOINTS = {"PortalView.index": EVERYONE}
