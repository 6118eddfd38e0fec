"""Expected outcomes of the dashboards' routes."""
from tests.role_matrix import EVERYONE

ENDPOINTS = {"HomeView.index": EVERYONE}  # anonymous visitors get the login prompt
